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
 * Parses `host[:port]` (as given to `--endpoint`); the HostGAPlugin port defaults to 32526.
 * @param text - E.g. `127.0.0.1:8080` or `168.63.129.16`.
 * @param hostGAPluginPort - HostGAPlugin port to use.
 * @throws {@link WireServerError} `DISCOVERY_BAD_INPUT` when it is not `host[:port]`.
 */
export function parseEndpoint(text: string, hostGAPluginPort: number = HOST_GA_PLUGIN_PORT): Endpoint {
  const match = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text.trim());
  const port = match?.[2] === undefined ? WIRESERVER_PORT : Number(match[2]);
  if (!match?.[1] || port < 1 || port > 65535) throw new WireServerError('DISCOVERY_BAD_INPUT', `not a host[:port] endpoint: ${JSON.stringify(text.slice(0, 80))}`);
  return { host: match[1], port, hostGAPluginPort };
}
