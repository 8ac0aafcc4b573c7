/**
 * A private network namespace for a conformance run (`ip netns`, root only): loopback up,
 * `168.63.129.16` and `169.254.169.254` on it, and every other IPv4 address routed locally as well
 * (`local 0.0.0.0/0 dev lo`), so that a connection to any other host reaches the kit's sink instead of
 * leaving the machine. Its only other interfaces are `eth0` (10.0.0.4/24, with the routes of an
 * Azure VM) and its veth peer `fabric0`, both inside: nothing can leave the namespace.
 * @module
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { KNOWN_WIRESERVER_IP } from '../discovery/endpoint';
import { IMDS_IP } from './scenario-server';

/** A namespace could not be made or used. */
export class NamespaceError extends Error {}

function ip(args: readonly string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.error) throw new NamespaceError(`ip ${args.join(' ')}: ${result.error.message} (is iproute2 installed?)`);
  if (result.status !== 0)
    throw new NamespaceError(
      `ip ${args.join(' ')}: ${result.stderr.trim() || `exit ${result.status}`}${process.getuid?.() === 0 ? '' : ' (--netns needs root)'}`,
    );
}

/** A network namespace made by {@link createNamespace}; delete it with {@link deleteNamespace}. */
export interface Namespace {
  /** Its name under /run/netns. */
  readonly name: string;
}

/**
 * Makes a namespace and sets it up.
 * @param prefix - Start of the name; a random suffix is added.
 * @throws {@link NamespaceError} with the `ip` error when it cannot.
 */
export function createNamespace(prefix = 'wsconf'): Namespace {
  const name = `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
  ip(['netns', 'add', name]);
  try {
    const inside = (...args: string[]) => ip(['-n', name, ...args]);
    inside('link', 'set', 'lo', 'up');
    inside('addr', 'add', `${KNOWN_WIRESERVER_IP}/32`, 'dev', 'lo');
    inside('addr', 'add', `${IMDS_IP}/32`, 'dev', 'lo');
    // What an Azure VM's routing table looks like (WALinuxAgent looks for the route to 168.63.129.16);
    // the local routes above take precedence. eth0's peer, fabric0, is in the namespace too.
    inside('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'fabric0');
    inside('addr', 'add', '10.0.0.4/24', 'dev', 'eth0');
    inside('link', 'set', 'eth0', 'up');
    inside('link', 'set', 'fabric0', 'up');
    inside('route', 'add', 'default', 'via', '10.0.0.1', 'dev', 'eth0');
    inside('route', 'add', `${KNOWN_WIRESERVER_IP}/32`, 'via', '10.0.0.1', 'dev', 'eth0');
    inside('route', 'add', `${IMDS_IP}/32`, 'via', '10.0.0.1', 'dev', 'eth0');
    inside('route', 'add', 'local', '0.0.0.0/0', 'dev', 'lo', 'table', 'local');
  } catch (error) {
    deleteNamespace({ name });
    throw error;
  }
  return { name };
}

/**
 * Deletes a namespace (and with it every address and route in it); never throws.
 * @param ns - The namespace.
 */
export function deleteNamespace(ns: Namespace): void {
  spawnSync('ip', ['netns', 'delete', ns.name], { stdio: 'ignore' });
}

/**
 * The argv that runs a command inside a namespace.
 * @param ns - The namespace.
 * @param argv - The command.
 */
export function inNamespace(ns: Namespace, argv: readonly string[]): string[] {
  return ['ip', 'netns', 'exec', ns.name, ...argv];
}
