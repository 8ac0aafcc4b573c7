/**
 * `Versions`: the response of `GET /?comp=versions`.
 * @module
 */
import { WireServerError } from '../errors';
import { childElements, requiredChild, rootElement } from '../xml/dom';
import { parseXmlSafely } from '../xml/safe-parse';

/**
 * The protocol version every known client speaks, sent as `x-ms-version` to the WireServer.
 * @category Versions
 */
export const WIRE_PROTOCOL_VERSION = '2012-11-30';

/**
 * The protocol versions the WireServer speaks.
 *
 * Example, current server:
 *
 * {@includeCode ../../examples/Versions/current-server.xml}
 * @category Versions
 */
export interface Versions {
  /** The server's preferred version; `Preferred/Version`. */
  readonly Preferred: { readonly Version: string };
  /** Every supported version, in document order; `Supported/Version`. */
  readonly Supported: { readonly Version: readonly string[] };
}

/**
 * Parses a `Versions` document.
 * @param xml - The response body.
 * @category Versions
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseVersions(xml: string): Versions {
  const root = rootElement(parseXmlSafely(xml, 'Versions'), 'Versions');
  const supported = childElements(requiredChild(root, 'Supported'), 'Version').map((v) => v.text().trim());
  if (supported.length === 0) throw new WireServerError('XML_MISSING_ELEMENT', '<Supported> has no <Version>');
  return {
    Preferred: { Version: requiredChild(requiredChild(root, 'Preferred'), 'Version').text().trim() },
    Supported: { Version: supported },
  };
}

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
