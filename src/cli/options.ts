/**
 * The options of the `wireserver` CLI, and the client and endpoint they describe.
 * @module
 */
import fs from 'node:fs';
import type { parseArgs } from 'node:util';
import type { WireServerClient } from '../client/wireserver-client';
import { defaultLeaseFiles, discoverEndpoint, type DiscoveredEndpoint } from '../discovery/dhcp';
import { isValidHost, parseEndpoint } from '../discovery/endpoint';
import { isWireServerError } from '../errors';
import { UsageError, type WireServerCliIo } from './runner';

/** Every option, for `parseArgs`. */
export const OPTIONS = {
  endpoint: { type: 'string' },
  'hostgaplugin-port': { type: 'string' },
  lease: { type: 'string', multiple: true },
  'dhcp-reply': { type: 'string' },
  timeout: { type: 'string' },
  'retry-budget': { type: 'string' },
  out: { type: 'string' },
  description: { type: 'string' },
  ovf: { type: 'string' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The parsed option values. */
export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/**
 * A whole-number option.
 * @param values - The options.
 * @param name - Which option.
 * @throws {@link UsageError} when it is not a whole number.
 */
export function integerOption(values: Values, name: 'hostgaplugin-port' | 'timeout' | 'retry-budget'): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

/**
 * Reads a local file named on the command line.
 * @param file - Its path.
 * @throws {@link UsageError} when it cannot be read.
 */
export function readLocal(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot read'}`);
  }
}

/** `--hostgaplugin-port`, else `$HOSTGAPLUGIN_PORT` (the conformance kit and capture.sh set it). */
function hostGAPluginPortOption(values: Values): number | undefined {
  const fromOption = integerOption(values, 'hostgaplugin-port');
  if (fromOption !== undefined) return fromOption;
  const text = process.env['HOSTGAPLUGIN_PORT'];
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,5}$/.test(text)) throw new UsageError('HOSTGAPLUGIN_PORT must be a port number');
  return Number(text);
}

/**
 * The endpoint: `--endpoint`, else `$WIRESERVER` (HOST:PORT, as the conformance kit and capture.sh
 * set it), else DHCP leases (`--lease`, `--dhcp-reply` or the system's), else the well-known address.
 * @param values - The options.
 */
export function discover(values: Values): DiscoveredEndpoint {
  const hostGAPluginPort = hostGAPluginPortOption(values);
  const endpoint = values.endpoint ?? (process.env['WIRESERVER'] || undefined);
  if (endpoint !== undefined) {
    try {
      return discoverEndpoint({ endpoint: parseEndpoint(endpoint, hostGAPluginPort) });
    } catch (error) {
      throw new UsageError(isWireServerError(error) ? error.message : String(error));
    }
  }
  const leases = values.lease ?? [];
  for (const lease of leases) readLocal(lease);
  const files = leases.length > 0 ? { dhclientLeaseFiles: leases, networkdLeaseFiles: leases } : defaultLeaseFiles();
  const found = discoverEndpoint({
    ...files,
    ...(values['dhcp-reply'] !== undefined ? { dhcpReply: readLocal(values['dhcp-reply']) } : {}),
  });
  return hostGAPluginPort === undefined ? found : { ...found, hostGAPluginPort };
}

function allowedHosts(values: Values): string[] {
  return (values['allow-host'] ?? []).map((text) => {
    const [host = '', port] = text.split(':');
    if (!isValidHost(host) || (port !== undefined && !/^\d{1,5}$/.test(port)))
      throw new UsageError(`--allow-host ${JSON.stringify(text.slice(0, 80))}: expected HOST or HOST:PORT`);
    return text;
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/**
 * The client the options describe. Unless `--quiet`, each retry prints one line on stderr (what
 * failed, the next wait, the budget left) and warnings are printed too.
 * @param values - The options.
 * @param io - Where retry lines and warnings go.
 */
export function makeClient(values: Values, io: WireServerCliIo): WireServerClient {
  const timeoutMs = integerOption(values, 'timeout');
  const budgetMs = integerOption(values, 'retry-budget');
  const quiet = values.quiet === true;
  // Loaded here, not at the top: `--help` and `validate` never need the HTTP client.
  const { WireServerClient } = require('../client/wireserver-client') as typeof import('../client/wireserver-client');
  return new WireServerClient({
    endpoint: discover(values),
    allowHosts: allowedHosts(values),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    retry: {
      ...(budgetMs !== undefined ? { budgetMs } : {}),
      ...(quiet
        ? {}
        : {
            onRetry: (attempt: number, delayMs: number, error: Error, leftMs: number) =>
              io.stderr(
                `wireserver: ${error.message}; retry ${attempt} in ${seconds(delayMs)}, ${seconds(leftMs)} of the retry budget left\n`,
              ),
          }),
    },
    ...(quiet ? {} : { onWarning: (message: string) => io.stderr(`wireserver: warning: ${message}\n`) }),
  });
}

/** What a command gets: its arguments, the options, and where to write. */
export interface CommandContext {
  /** The command's name. */
  readonly command: string;
  /** Positional arguments after the command. */
  readonly args: readonly string[];
  /** The options. */
  readonly values: Values;
  /** Where to write. */
  readonly io: WireServerCliIo;
  /** Prints a result: JSON with `--json`, else the text. */
  readonly print: (json: unknown, text: string) => void;
  /**
   * Checks the number of positional arguments.
   * @throws {@link UsageError} when it differs.
   */
  readonly expectArgs: (n: number, what: string) => void;
}
