/**
 * `Versions`: the response of `GET /?comp=versions`. The model is generated from schemas/versions.xsd
 * (src/models/generated/versions.ts); this module adds the version check clients make.
 * @module
 */
import type { Versions } from './generated/versions';

export * from './generated/versions';

/**
 * The protocol version every known client speaks, sent as `x-ms-version` to the WireServer.
 * @category Versions
 */
export const WIRE_PROTOCOL_VERSION = '2012-11-30';

/**
 * Whether the server accepts a protocol version: it is preferred or listed as supported
 * (WALinuxAgent's check in `wire.py`).
 * @param versions - The parsed document.
 * @param version - The client's version; defaults to {@link WIRE_PROTOCOL_VERSION}.
 * @category Versions
 */
export function supportsVersion(versions: Versions, version: string = WIRE_PROTOCOL_VERSION): boolean {
  return versions.Preferred.Version === version || versions.Supported.Version.includes(version);
}
