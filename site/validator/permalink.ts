/**
 * Permalinks: the documents travel in the URL fragment (never sent to a server), as JSON
 * compressed with deflate-raw (CompressionStream) and encoded as base64url; `strict=1` beside them
 * when the page validates with `--strict`.
 */

/** One document on the page. */
export interface PageDocument {
  /** File name shown on its tab. */
  readonly name: string;
  /** Its text. */
  readonly text: string;
}

/** The fragment key that carries the documents: `#docs=<base64url>`. */
export const FRAGMENT_KEY = 'docs';

/** The fragment key that turns `--strict` on: `#docs=…&strict=1`. */
export const STRICT_KEY = 'strict';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Encodes documents for the URL fragment.
 * @param docs - The documents.
 * @param strict - Whether the page validates with `--strict`.
 * @returns The fragment, without `#`.
 */
export async function encodePermalink(docs: readonly PageDocument[], strict = false): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(docs.map((d) => [d.name, d.text])));
  return `${FRAGMENT_KEY}=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}${strict ? `&${STRICT_KEY}=1` : ''}`;
}

/**
 * Whether a URL fragment asks for `--strict`.
 * @param fragment - `location.hash`, with or without `#`.
 */
export function permalinkStrict(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).get(STRICT_KEY) === '1';
}

/**
 * Decodes documents from a URL fragment made by {@link encodePermalink}.
 * @param fragment - `location.hash`, with or without `#`.
 * @returns The documents, or `undefined` when the fragment holds none or is damaged.
 */
export async function decodePermalink(fragment: string): Promise<PageDocument[] | undefined> {
  const value = new URLSearchParams(fragment.replace(/^#/, '')).get(FRAGMENT_KEY);
  if (!value) return undefined;
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64Url(value), new DecompressionStream('deflate-raw')));
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed)) return undefined;
    return parsed
      .filter((d): d is [string, string] => Array.isArray(d) && typeof d[0] === 'string' && typeof d[1] === 'string')
      .map(([name, text]) => ({ name, text }));
  } catch {
    return undefined;
  }
}
