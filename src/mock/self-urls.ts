/**
 * Every URL the mock serves points back at the mock: storage URLs in the examples (extension
 * manifests, the status blob, the artifacts profile) are rewritten to `<mock>/blob/<host>/<path>`,
 * which the mock answers itself. A guest that follows the documents it is given never leaves the
 * mock; one that goes elsewhere invented the address.
 * @module
 */

/** Hosts of namespace and schema URIs, which are names, not places to go. */
const NAME_HOSTS = new Set(['schemas.microsoft.com', 'www.w3.org', 'schemas.xmlsoap.org', 'schemas.dmtf.org', 'www.microsoft.com']);

/** The path prefix under which the mock serves rewritten storage URLs. */
export const BLOB_PREFIX = '/blob/';

/**
 * Rewrites every http(s) URL in a document, except namespace names, to point at the mock.
 * `?***REDACTED***` markers of the examples become a harmless query.
 * @param text - A document (XML or JSON text).
 * @param baseUrl - The mock's WireServer base URL, e.g. `http://168.63.129.16:80`.
 */
export function pointAtMock(text: string, baseUrl: string): string {
  return text.replace(/https?:\/\/([A-Za-z0-9.-]+)(?::\d+)?(\/[^\s"'<>]*)?/g, (url, host: string, rest: string | undefined) => {
    if (NAME_HOSTS.has(host.toLowerCase()) || url.startsWith(baseUrl)) return url;
    const pathAndQuery = (rest ?? '/').replace(/\?\*\*\*REDACTED\*\*\*/, '?sv=mock').replace(/\$/g, '%24');
    return `${baseUrl}${BLOB_PREFIX}${host.toLowerCase()}${pathAndQuery}`;
  });
}

/** What the mock answers for a rewritten storage URL. */
export type BlobKind = 'artifactsProfile' | 'manifest' | 'status' | 'other';

/**
 * Classifies a rewritten storage path.
 * @param pathname - The request path, starting with {@link BLOB_PREFIX}.
 */
export function blobKind(pathname: string): BlobKind {
  if (/\.vmsettings$/i.test(pathname)) return 'artifactsProfile';
  if (/_manifest\.xml$/i.test(pathname)) return 'manifest';
  if (/\.status$/i.test(pathname)) return 'status';
  return 'other';
}
