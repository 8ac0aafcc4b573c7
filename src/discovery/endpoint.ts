/**
 * The WireServer endpoint: a host and the two ports (WireServer and HostGAPlugin).
 * @module
 */
import { WireServerError } from '../errors';

/** The well-known WireServer address, used when DHCP gives none (every client falls back to it). */
export const KNOWN_WIRESERVER_IP = '168.63.129.16';
/** The WireServer port (plain HTTP). */
export const WIRESERVER_PORT = 80;
/** The HostGAPlugin port, on the same address. */
export const HOST_GA_PLUGIN_PORT = 32526;

/** Where to reach the WireServer. */
export interface Endpoint {
  /** IPv4 address or host name. */
  readonly host: string;
  /** WireServer port; 80 on Azure. */
  readonly port: number;
  /** HostGAPlugin port; 32526 on Azure. */
  readonly hostGAPluginPort: number;
}

/**
 * Whether text is an IPv4 address in dotted-quad form, or a DNS host name (labels of letters,
 * digits and hyphens; the last one not all digits, so `38673` is not taken for a host name).
 * @param host - A host, without port.
 */
export function isValidHost(host: string): boolean {
  const labels = host.split('.');
  if (labels.length === 4 && labels.every((l) => /^\d{1,3}$/.test(l) && Number(l) <= 255)) return true;
  if (host.length > 253 || !labels.every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/**
 * Parses `host[:port]` (as given to `--endpoint`); the HostGAPlugin port defaults to 32526.
 * @param text - E.g. `127.0.0.1:8080` or `168.63.129.16`.
 * @param hostGAPluginPort - HostGAPlugin port to use.
 * @throws {@link WireServerError} `DISCOVERY_BAD_INPUT` when it is not `host[:port]` with an IPv4
 * address or a host name ({@link isValidHost}) and a port from 1 to 65535.
 */
export function parseEndpoint(text: string, hostGAPluginPort: number = HOST_GA_PLUGIN_PORT): Endpoint {
  const match = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text.trim());
  const port = match?.[2] === undefined ? WIRESERVER_PORT : Number(match[2]);
  if (!match?.[1] || !isValidHost(match[1]) || port < 1 || port > 65535) {
    throw new WireServerError(
      'DISCOVERY_BAD_INPUT',
      `not a host[:port] endpoint: ${JSON.stringify(text.slice(0, 80))}; expected an IPv4 address or a host name, and an optional port ` +
        `from 1 to 65535`,
    );
  }
  return { host: match[1], port, hostGAPluginPort };
}
