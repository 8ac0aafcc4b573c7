/**
 * Engine-independent checks run before any XML parser sees the input: decoding, size,
 * DOCTYPE rejection and root-element detection. Pure string code, shared by Node and the browser.
 * @module
 */
import { DOCTYPE_MESSAGE, doctypeOffset } from '../xml/doctype';
import { MAX_DOCUMENT_BYTES } from '../xml/bounds';
import { positionAt } from '../xml/position';
import type { Diagnostic } from './diagnostic';

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
    return {
      diagnostic: {
        code: 'too-large',
        severity: 'error',
        message: `document is larger than the limit of ${maxBytes} bytes`,
        line: 0,
        column: 0,
      },
    };
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
  const nul = findNul(text);
  if (nul) return { diagnostic: nul };
  const declared = declaredEncodingMismatch(text, encoding);
  if (declared) return { diagnostic: declared };
  // The text is now a JS string; a declaration naming UTF-16 would mislead the XML parser.
  if (encoding !== 'utf-8') text = text.replace(/^(<\?xml[^>]*encoding\s*=\s*["'])utf-16(le|be)?(["'])/i, '$1utf-8$3');
  return { text };
}

/**
 * Finds a NUL character, which no XML document holds: it marks binary data. The engines would
 * disagree on it anyway: libxml2 2.9 (libxmljs2) reads it as the end of the input, so one after the
 * root element goes unseen there, while libxml2 2.13 (libxml2-wasm) reports it.
 * @param text - Decoded text.
 * @returns A `bad-encoding` finding at the first NUL, or `undefined`.
 */
export function findNul(text: string): Diagnostic | undefined {
  const nul = text.indexOf('\u0000');
  if (nul === -1) return undefined;
  return {
    code: 'bad-encoding',
    severity: 'error',
    message: 'binary data (a NUL character); expected an XML text document',
    ...positionAt(text, nul),
  };
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
  return {
    code: 'bad-encoding',
    severity: 'error',
    message: `the XML declaration names encoding "${declared.slice(0, 40)}", but the document is ${encoding.toUpperCase()}`,
    line: 1,
    column: 1,
  };
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
 * expansion and external-entity attacks start, so any DOCTYPE is refused before parsing. The text
 * `<!DOCTYPE` inside a comment, a CDATA section or a processing instruction is not a DOCTYPE.
 * @param text - The document text.
 * @returns A `doctype-forbidden` diagnostic, or `undefined`.
 */
export function findDoctype(text: string): Diagnostic | undefined {
  const offset = doctypeOffset(text);
  if (offset === undefined) return undefined;
  return { code: 'doctype-forbidden', severity: 'error', message: DOCTYPE_MESSAGE, ...positionAt(text, offset) };
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
    return {
      code: 'not-well-formed',
      severity: 'error',
      message: text.length === 0 ? 'empty document; expected an XML root element' : 'expected an XML root element such as <GoalState>',
      line: at.line,
      column: at.column,
    };
  }
  const qname = name[0];
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const localName = colon === -1 ? qname : qname.slice(colon + 1);
  const tagEnd = text.indexOf('>', i);
  const tag = text.slice(i, tagEnd === -1 ? undefined : tagEnd);
  const attr =
    prefix === '' ? /\sxmlns\s*=\s*(["'])(.*?)\1/ : new RegExp(`\\sxmlns:${prefix.replace(/[.]/g, '\\.')}\\s*=\\s*(["'])(.*?)\\1`);
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
