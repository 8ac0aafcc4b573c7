/**
 * WireServer endpoint discovery from DHCP option 245, read from what the guest already has: dhclient
 * lease files, systemd-networkd leases, or a raw DHCP reply. Nothing here sends a DHCP packet.
 * Order and fallback follow WALinuxAgent (`azurelinuxagent/common/dhcp.py`, `protocol/util.py`);
 * cloud-init, afterburn and cloudbase-init all fall back to 168.63.129.16 too (docs/discovery.mdx, with the sources).
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { WireServerError } from '../errors';
import { HOST_GA_PLUGIN_PORT, KNOWN_WIRESERVER_IP, WIRESERVER_PORT, type Endpoint } from './endpoint';

const ipv4 = (bytes: readonly number[]): string | undefined =>
  bytes.length === 4 && bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes.join('.') : undefined;

/** Reads option 245 as dhclient writes it: `a8:3f:81:10` (hex pairs) or a quoted string with octal escapes. */
function dhclientOption245(value: string): string | undefined {
  const text = value.trim();
  if (/^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){3}$/i.test(text)) return ipv4(text.split(':').map((h) => parseInt(h, 16)));
  const quoted = /^"(.*)"$/.exec(text);
  if (!quoted?.[1]) return undefined;
  const bytes: number[] = [];
  for (const m of quoted[1].matchAll(/\\([0-7]{3})|\\(.)|(.)/g)) bytes.push(m[1] ? parseInt(m[1], 8) : (m[2] ?? m[3] ?? '').charCodeAt(0));
  return ipv4(bytes);
}

/** `expire 4 2015/06/16 16:58:54;` (UTC) or `expire never;`. */
function leaseExpired(lease: string, now: Date): boolean {
  const expire = /^\s*expire\s+(?:\d\s+)?(never|\d{4}\/\d{2}\/\d{2}\s+\d{2}:\d{2}:\d{2})\s*;/m.exec(lease)?.[1];
  if (expire === undefined || expire === 'never') return false;
  return new Date(`${expire.replace(/\//g, '-').replace(/\s+/, 'T')}Z`).getTime() <= now.getTime();
}

/**
 * The WireServer address in a dhclient lease file: `option unknown-245` of the **last** lease that
 * has not expired, as WALinuxAgent reads it (`expire never` counts as valid).
 * @param text - The lease file.
 * @param now - The time to judge expiry against.
 * @returns The address, or `undefined` when no valid lease carries option 245.
 */
export function parseDhclientLeases(text: string, now: Date = new Date()): string | undefined {
  let found: string | undefined;
  for (const lease of text.split(/^\s*lease\s*\{/m).slice(1)) {
    const option = /^\s*option\s+unknown-245\s+([^;]+);/m.exec(lease)?.[1];
    const address = option === undefined ? undefined : dhclientOption245(option);
    if (address !== undefined && !leaseExpired(lease, now)) found = address;
  }
  return found;
}

/**
 * The WireServer address in a systemd-networkd lease (`/run/systemd/netif/leases/<ifindex>`):
 * the line `OPTION_245=a83f8110`.
 * @param text - The lease file.
 * @returns The address, or `undefined`.
 */
export function parseNetworkdLease(text: string): string | undefined {
  const hex = /^OPTION_245=([0-9a-fA-F]{8})\s*$/m.exec(text)?.[1];
  return hex === undefined ? undefined : ipv4(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
}

/** The options of a DHCP reply that matter to Azure. */
export interface DhcpReplyOptions {
  /** Option 245: the WireServer address. */
  readonly wireServer?: string;
  /** Option 3: the first router. */
  readonly gateway?: string;
}

const DHCP_MAGIC_COOKIE = 0x63825363;
const OPTIONS_OFFSET = 0xf0;

/**
 * Parses a raw DHCP (BOOTP) reply: checks the magic cookie at offset 0xEC, then walks the options
 * from 0xF0 (WALinuxAgent's `parse_dhcp_resp`).
 * @param packet - The UDP payload.
 * @throws {@link WireServerError} `DISCOVERY_BAD_INPUT` when it is not a DHCP packet or an option overruns it.
 */
export function parseDhcpReply(packet: Uint8Array): DhcpReplyOptions {
  const view = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
  if (view.length < OPTIONS_OFFSET || view.readUInt32BE(0xec) !== DHCP_MAGIC_COOKIE) {
    throw new WireServerError('DISCOVERY_BAD_INPUT', 'not a DHCP reply: no magic cookie at offset 0xEC');
  }
  const options: { wireServer?: string; gateway?: string } = {};
  let i = OPTIONS_OFFSET;
  while (i < view.length) {
    const code = view[i] ?? 255;
    if (code === 255) break;
    if (code === 0) {
      i += 1;
      continue;
    }
    const length = view[i + 1];
    if (length === undefined || i + 2 + length > view.length)
      throw new WireServerError('DISCOVERY_BAD_INPUT', `DHCP option ${code} at offset ${i} overruns the packet`);
    const value = [...view.subarray(i + 2, i + 2 + length)];
    if (code === 245 && options.wireServer === undefined) {
      const address = ipv4(value);
      if (address !== undefined) options.wireServer = address;
    }
    if (code === 3 && options.gateway === undefined) {
      const address = ipv4(value.slice(0, 4));
      if (address !== undefined) options.gateway = address;
    }
    i += 2 + length;
  }
  return options;
}

/** How an endpoint was found. */
export type DiscoverySource = 'explicit' | 'dhcp-reply' | 'dhclient-lease' | 'networkd-lease' | 'fallback';

/** A discovered endpoint and where it came from. */
export interface DiscoveredEndpoint extends Endpoint {
  /** Which input gave it. */
  readonly source: DiscoverySource;
  /** The file it was read from, for lease sources. */
  readonly file?: string;
}

/** Inputs of {@link discoverEndpoint}; nothing is read unless it is named here. */
export interface DiscoveryOptions {
  /** An explicit endpoint: it overrides everything else. */
  readonly endpoint?: Endpoint;
  /** A raw DHCP reply already received. */
  readonly dhcpReply?: Uint8Array;
  /** dhclient lease files, in priority order. */
  readonly dhclientLeaseFiles?: readonly string[];
  /** systemd-networkd lease files, in priority order. */
  readonly networkdLeaseFiles?: readonly string[];
  /** Time for lease expiry; default now. */
  readonly now?: Date;
}

/**
 * The lease files on this machine at the places WALinuxAgent, cloud-init and afterburn look:
 * `/var/lib/dhcp/dhclient*.leases` (Debian/Ubuntu), `/var/lib/dhclient/dhclient*.leases` (RHEL)
 * and `/run/systemd/netif/leases/*` (networkd). Only lists files; reads nothing.
 * @param root - Prefix for the paths (for tests and chroots); default `/`.
 */
export function defaultLeaseFiles(root = '/'): Required<Pick<DiscoveryOptions, 'dhclientLeaseFiles' | 'networkdLeaseFiles'>> {
  const list = (dir: string, match: RegExp): string[] => {
    try {
      return fs
        .readdirSync(path.join(root, dir))
        .filter((f) => match.test(f))
        .sort()
        .map((f) => path.join(root, dir, f));
    } catch {
      return [];
    }
  };
  return {
    dhclientLeaseFiles: [...list('var/lib/dhcp', /^dhclient.*\.leases$/), ...list('var/lib/dhclient', /^dhclient.*\.leases$/)],
    networkdLeaseFiles: list('run/systemd/netif/leases', /^[^.]/),
  };
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Finds the WireServer: an explicit endpoint, else option 245 of a raw DHCP reply, of a dhclient
 * lease, of a networkd lease, else the well-known 168.63.129.16. Unreadable files are skipped.
 * @param options - The inputs to consider.
 */
export function discoverEndpoint(options: DiscoveryOptions = {}): DiscoveredEndpoint {
  if (options.endpoint) return { ...options.endpoint, source: 'explicit' };
  const at = (host: string, source: DiscoverySource, file?: string): DiscoveredEndpoint => ({
    host,
    port: WIRESERVER_PORT,
    hostGAPluginPort: HOST_GA_PLUGIN_PORT,
    source,
    ...(file !== undefined ? { file } : {}),
  });
  if (options.dhcpReply) {
    const address = parseDhcpReply(options.dhcpReply).wireServer;
    if (address !== undefined) return at(address, 'dhcp-reply');
  }
  for (const file of options.dhclientLeaseFiles ?? []) {
    const text = readText(file);
    const address = text === undefined ? undefined : parseDhclientLeases(text, options.now);
    if (address !== undefined) return at(address, 'dhclient-lease', file);
  }
  for (const file of options.networkdLeaseFiles ?? []) {
    const text = readText(file);
    const address = text === undefined ? undefined : parseNetworkdLease(text);
    if (address !== undefined) return at(address, 'networkd-lease', file);
  }
  return at(KNOWN_WIRESERVER_IP, 'fallback');
}
