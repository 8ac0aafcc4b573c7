/**
 * Engine-independent checks run before any XML parser sees the input: decoding, size,
 * DOCTYPE rejection and root-element detection. Pure string code, shared by Node and the browser.
 * @module
 */
import type { Diagnostic } from './diagnostic';

/** Largest input accepted, in bytes. Real WireServer documents are well under 1 MiB. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * Deepest element nesting accepted (the root is depth 1). libxml2 refuses deeper documents itself
 * unless in its `huge` mode, and WireServer documents nest fewer than 12 levels; checking it first
 * keeps every later step (the engines, the checks beyond the XSD) bounded.
 */
export const MAX_ELEMENT_DEPTH = 256;
/** Longest element or attribute name accepted, in characters. */
export const MAX_NAME_LENGTH = 1024;
/** Most attributes on one element. */
export const MAX_ATTRIBUTES = 1024;
/** Longest attribute value accepted, in characters (SAS URLs, the longest real ones, are under 2 KiB). */
export const MAX_ATTRIBUTE_LENGTH = 1024 * 1024;
/** Deepest nesting of JSON arrays and objects accepted. */
export const MAX_JSON_DEPTH = 256;

/** The root element of a document, as found by {@link sniffRoot}. */
export interface RootElement {
  /** Local name (without prefix). */
  readonly localName: string;
  /** Namespace URI in scope for the root element; '' for none. */
  readonly namespace: string;
  /** 1-based line of the start tag. */
  readonly line: number;
  /** 1-based column of the start tag's `<`. */
  readonly column: number;
}

/** Outcome of decoding raw bytes: the text, or the diagnostic explaining why there is none. */
export type DecodeOutcome = { readonly text: string } | { readonly diagnostic: Diagnostic };

/**
 * Converts a character offset in `text` to a 1-based line and column.
 * @param text - The document text.
 * @param offset - A 0-based offset into `text`.
 */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function encodingError(message: string): DecodeOutcome {
  return { diagnostic: { code: 'bad-encoding', severity: 'error', message, line: 0, column: 0 } };
}

/**
 * Decodes raw bytes to text: UTF-8 (with or without BOM) or UTF-16 (BOM or `<?` sniffing).
 * Rejects oversized input, NUL bytes and invalid UTF-8 with a diagnostic instead of throwing.
 * @param bytes - The raw document.
 * @param maxBytes - Size limit; defaults to {@link MAX_DOCUMENT_BYTES}.
 */
export function decodeDocument(bytes: Uint8Array, maxBytes: number = MAX_DOCUMENT_BYTES): DecodeOutcome {
  if (bytes.length > maxBytes) {
    return { diagnostic: { code: 'too-large', severity: 'error', message: `document is larger than the limit of ${maxBytes} bytes`, line: 0, column: 0 } };
  }
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) encoding = 'utf-16be';
  const body = bytes.subarray(start);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    if (encoding !== 'utf-8') return encodingError(`invalid ${encoding.toUpperCase()} data`);
    const offset = firstInvalidUtf8(body);
    return encodingError(`invalid UTF-8 at byte offset ${offset + start}; expected UTF-8 or UTF-16 text`);
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const { line, column } = positionAt(text, nul);
    return { diagnostic: { code: 'bad-encoding', severity: 'error', message: 'binary data (a NUL character); expected an XML text document', line, column } };
  }
  const declared = declaredEncodingMismatch(text, encoding);
  if (declared) return { diagnostic: declared };
  // The text is now a JS string; a declaration naming UTF-16 would mislead the XML parser.
  if (encoding !== 'utf-8') text = text.replace(/^(<\?xml[^>]*encoding\s*=\s*["'])utf-16(le|be)?(["'])/i, '$1utf-8$3');
  return { text };
}

/** Encodings that read pure-ASCII text exactly as UTF-8 does. */
const ASCII_COMPATIBLE = /^(?:us-ascii|ascii|iso-8859-\d+|latin-?1|windows-125\d|cp125\d)$/i;

/**
 * Checks the XML declaration's encoding against the encoding the bytes were read in (text given as
 * a string counts as UTF-8: that is what the engines receive). The engines
 * would otherwise disagree (one honours the declaration, the other has the text already decoded),
 * so a declaration that names another encoding is a finding; an ASCII-compatible one is accepted
 * for pure-ASCII text, where it reads the same.
 * @param text - The decoded text.
 * @param encoding - `utf-8`, `utf-16le` or `utf-16be`.
 * @returns A `bad-encoding` finding, or `undefined`.
 */
export function declaredEncodingMismatch(text: string, encoding: string): Diagnostic | undefined {
  const declared = /^\uFEFF?<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"']*)\1/.exec(text.slice(0, 400))?.[2];
  if (declared === undefined) return undefined;
  const name = declared.toLowerCase();
  if (encoding === 'utf-8' ? name === 'utf-8' || name === 'utf8' : /^utf-?16(?:le|be)?$/.test(name)) return undefined;
  if (encoding === 'utf-8' && ASCII_COMPATIBLE.test(name) && /^[\x00-\x7f]*$/.test(text)) return undefined;
  return { code: 'bad-encoding', severity: 'error', message: `the XML declaration names encoding "${declared.slice(0, 40)}", but the document is ${encoding.toUpperCase()}`, line: 1, column: 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k += 1) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return i;
}

/**
 * Finds a DOCTYPE declaration. WireServer documents never have one, and DTDs are how entity
 * expansion and external-entity attacks start, so any DOCTYPE is refused before parsing.
 * @param text - The document text.
 * @returns A `doctype-forbidden` diagnostic, or `undefined`.
 */
export function findDoctype(text: string): Diagnostic | undefined {
  const match = /<!DOCTYPE/i.exec(text);
  if (!match) return undefined;
  const { line, column } = positionAt(text, match.index);
  return { code: 'doctype-forbidden', severity: 'error', message: 'DOCTYPE declarations are not allowed: WireServer documents have none, and DTDs enable entity-expansion and external-entity attacks', line, column };
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

/**
 * Finds the root element's local name and namespace without a full parse, skipping the XML
 * declaration, comments, processing instructions and white space.
 * @param text - The document text.
 * @returns The root element, or a `not-well-formed` diagnostic when there is none.
 */
export function sniffRoot(text: string): RootElement | Diagnostic {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i += 1;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end === -1) break;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end === -1) break;
      i = end + 3;
    } else break;
  }
  const at = positionAt(text, i);
  const name = text[i] === '<' ? NAME.exec(text.slice(i + 1, i + 200)) : null;
  if (!name) {
    return { code: 'not-well-formed', severity: 'error', message: text.length === 0 ? 'empty document; expected an XML root element' : 'expected an XML root element such as <GoalState>', line: at.line, column: at.column };
  }
  const qname = name[0];
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const localName = colon === -1 ? qname : qname.slice(colon + 1);
  const tagEnd = text.indexOf('>', i);
  const tag = text.slice(i, tagEnd === -1 ? undefined : tagEnd);
  const attr = prefix === '' ? /\sxmlns\s*=\s*(["'])(.*?)\1/ : new RegExp(`\\sxmlns:${prefix.replace(/[.]/g, '\\.')}\\s*=\\s*(["'])(.*?)\\1`);
  const namespace = attr.exec(tag)?.[2] ?? '';
  return { localName, namespace, line: at.line, column: at.column };
}

/**
 * Type guard separating a {@link Diagnostic} from a {@link RootElement}.
 * @param value - A result of {@link sniffRoot}.
 */
export function isDiagnostic(value: RootElement | Diagnostic): value is Diagnostic {
  return 'code' in value;
}

const limit = (text: string, offset: number, message: string): Diagnostic =>
  ({ code: 'too-large', severity: 'error', message, ...positionAt(text, offset) });

/** Whether a code point is a `Char` of XML 1.0 (§2.2). */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Checks the character references between `start` and `end`: each must name an XML character. */
function badCharacterReference(text: string, start: number, end: number): Diagnostic | undefined {
  for (let i = text.indexOf('&#', start); i !== -1 && i < end; i = text.indexOf('&#', i + 2)) {
    const hex = text[i + 2] === 'x';
    const digits = /^[0-9a-fA-F]{1,16}/.exec(text.slice(i + (hex ? 3 : 2), i + 20))?.[0] ?? '';
    if (digits === '' || (!hex && !/^\d+$/.test(digits))) continue; // not a reference: the parser reports it
    const cp = digits.length > 8 ? Number.POSITIVE_INFINITY : Number.parseInt(digits, hex ? 16 : 10);
    if (!isXmlChar(cp)) {
      const shown = text.slice(i, Math.min(i + (hex ? 3 : 2) + Math.min(digits.length, 12) + 1, end));
      return { code: 'not-well-formed', severity: 'error', message: `character reference ${shown} does not name an XML character (allowed: #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF)`, ...positionAt(text, i) };
    }
  }
  return undefined;
}

/**
 * A namespace name: RFC 3986 characters only (entity and character references allowed; no square
 * brackets, which only IPv6 hosts use), %-escapes well-formed, at most one `#`.
 */
const NAMESPACE_URI = /^(?!(?:[^#]*#){2})(?:[A-Za-z0-9\-._~:/?#@!$'()*+,;=]|&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});|%[0-9A-Fa-f]{2})*$/;

const isNameChar = (c: number): boolean => !(c === 0x20 || c === 0x9 || c === 0xa || c === 0xd || c === 0x3e || c === 0x2f || c === 0x3d || c === 0x3c || Number.isNaN(c));

/**
 * Checks the limits of an XML document in one linear pass, before any parser sees it: element depth
 * ({@link MAX_ELEMENT_DEPTH}), name lengths ({@link MAX_NAME_LENGTH}), attribute count and length
 * ({@link MAX_ATTRIBUTES}, {@link MAX_ATTRIBUTE_LENGTH}) and character references (each must name
 * an XML character). Markup it cannot follow is left to the parser, which reports it.
 * @param text - Decoded, DOCTYPE-free text.
 * @returns The first problem found, or `undefined`.
 */
export function checkXmlBounds(text: string): Diagnostic | undefined {
  let depth = 0;
  let i = 0;
  const n = text.length;
  const isSpace = (c: number): boolean => c === 0x20 || c === 0x9 || c === 0xa || c === 0xd;
  scan: while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    const ref = badCharacterReference(text, i, textEnd);
    if (ref) return ref;
    if (lt === -1) return undefined;
    i = lt;
    const skip = (open: string, close: string): boolean => {
      if (!text.startsWith(open, i)) return false;
      const end = text.indexOf(close, i + open.length);
      i = end === -1 ? n : end + close.length;
      return true;
    };
    if (skip('<!--', '-->') || skip('<![CDATA[', ']]>') || skip('<?', '?>')) continue;
    const closing = text[i + 1] === '/';
    let j = i + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n && isNameChar(text.charCodeAt(j))) j += 1;
    if (j - nameStart > MAX_NAME_LENGTH) return limit(text, i, `element name longer than ${MAX_NAME_LENGTH} characters`);
    // Markup this scan cannot follow is not well-formed: the parser reports it; go on after it.
    const giveUp = (): void => { i = j + 1; };
    if (closing || j === nameStart) {
      if (closing) depth = Math.max(0, depth - 1);
      giveUp();
      continue;
    }
    let attributes = 0;
    for (;;) {
      while (j < n && isSpace(text.charCodeAt(j))) j += 1;
      if (j >= n) return undefined;
      if (text[j] === '>' || text.startsWith('/>', j)) break;
      const attrStart = j;
      while (j < n && isNameChar(text.charCodeAt(j))) j += 1;
      if (j - attrStart > MAX_NAME_LENGTH) return limit(text, attrStart, `attribute name longer than ${MAX_NAME_LENGTH} characters`);
      while (j < n && isSpace(text.charCodeAt(j))) j += 1;
      if (j === attrStart || text[j] !== '=') { giveUp(); continue scan; }
      j += 1;
      while (j < n && isSpace(text.charCodeAt(j))) j += 1;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") { giveUp(); continue scan; }
      const end = text.indexOf(quote, j + 1);
      if (end === -1) return undefined;
      if (end - j - 1 > MAX_ATTRIBUTE_LENGTH) return limit(text, attrStart, `attribute value longer than ${MAX_ATTRIBUTE_LENGTH} characters`);
      const bad = badCharacterReference(text, j + 1, end);
      if (bad) return bad;
      const attrName = text.slice(attrStart, text.indexOf('=', attrStart)).trim();
      if ((attrName === 'xmlns' || attrName.startsWith('xmlns:')) && !NAMESPACE_URI.test(text.slice(j + 1, end))) {
        // libxml2 2.13 reports such a declaration, 2.9 does not: one shared finding keeps the engines in step.
        return { code: 'not-well-formed', severity: 'error', message: `${attrName}: the namespace name is not a URI (characters outside RFC 3986, or a bad %-escape)`, ...positionAt(text, attrStart) };
      }
      attributes += 1;
      if (attributes > MAX_ATTRIBUTES) return limit(text, i, `more than ${MAX_ATTRIBUTES} attributes on one element`);
      j = end + 1;
    }
    if (text[j] === '>') {
      depth += 1;
      if (depth > MAX_ELEMENT_DEPTH) return limit(text, i, `elements nested deeper than ${MAX_ELEMENT_DEPTH} levels`);
      i = j + 1;
    } else {
      i = j + 2;
    }
  }
  return undefined;
}

/**
 * Checks the nesting of a JSON document in one linear pass ({@link MAX_JSON_DEPTH}), so that no
 * later step recurses without bound.
 * @param text - Decoded text that looks like JSON.
 * @returns A `too-large` finding, or `undefined`.
 */
export function checkJsonBounds(text: string): Diagnostic | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i += 1; i < text.length; i += 1) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 1;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return limit(text, i, `arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
