/**
 * The limits of an untrusted document's text, checked in one linear pass before any parser sees it,
 * so that no later step (libxml2, the checks beyond the schema, JSON parsing) runs without bound.
 * Pure string code, shared by the validator (Node and browser) and the client's XML parser.
 * @module
 */
import { positionAt } from './position';

/** Largest input accepted, in bytes. Real WireServer documents are well under 1 MiB. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * Deepest element nesting accepted (the root is depth 1). libxml2 refuses deeper documents itself
 * unless in its `huge` mode, and WireServer documents nest fewer than 12 levels; checking it first
 * keeps every later step (the engines, the checks beyond the XSD) bounded.
 */
export const MAX_ELEMENT_DEPTH = 256;
/**
 * Most child elements of one element. Real documents have at most a few hundred (plugins, settings);
 * the browser engine (libxml2-wasm) computes a node path for each validity error by counting the
 * failing element's same-name siblings, so thousands of failing siblings would cost their square.
 */
export const MAX_CHILD_ELEMENTS = 10_000;
/** Longest element or attribute name accepted, in characters. */
export const MAX_NAME_LENGTH = 1024;
/** Most attributes on one element. */
export const MAX_ATTRIBUTES = 1024;
/** Longest attribute value accepted, in characters (SAS URLs, the longest real ones, are under 2 KiB). */
export const MAX_ATTRIBUTE_LENGTH = 1024 * 1024;
/** Deepest nesting of JSON arrays and objects accepted. */
export const MAX_JSON_DEPTH = 256;

/** Why a text is refused before parsing, and where. */
export interface TextProblem {
  /** `too-large` for a limit, `not-well-formed` for a character reference that names no XML character or a comment holding `--`. */
  readonly code: 'too-large' | 'not-well-formed';
  /** What is wrong, in plain words. */
  readonly message: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

const limit = (text: string, offset: number, message: string): TextProblem => ({ code: 'too-large', message, ...positionAt(text, offset) });

/** Whether a code point is a `Char` of XML 1.0 (§2.2). */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Finds the `&#` of character references left to right, searching each character of the text once
 * (a fresh `indexOf` per text run would search to the next reference, wherever it is: quadratic).
 */
class ReferenceCursor {
  private next = -2;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** The first `&#` at or after `start`, or -1; `start` never decreases from one call to the next. */
  from(start: number): number {
    if (this.next !== -1 && this.next < start) this.next = this.text.indexOf('&#', start);
    return this.next;
  }
}

/** Checks the character references between `start` and `end`: each must name an XML character. */
function badCharacterReference(text: string, refs: ReferenceCursor, start: number, end: number): TextProblem | undefined {
  for (let i = refs.from(start); i !== -1 && i < end; i = refs.from(i + 2)) {
    const hex = text[i + 2] === 'x';
    const digits = /^[0-9a-fA-F]{1,16}/.exec(text.slice(i + (hex ? 3 : 2), i + 20))?.[0] ?? '';
    if (digits === '' || (!hex && !/^\d+$/.test(digits))) continue; // not a reference: the parser reports it
    const cp = digits.length > 8 ? Number.POSITIVE_INFINITY : Number.parseInt(digits, hex ? 16 : 10);
    if (!isXmlChar(cp)) {
      const shown = text.slice(i, Math.min(i + (hex ? 3 : 2) + Math.min(digits.length, 12) + 1, end));
      return {
        code: 'not-well-formed',
        message:
          `character reference ${shown} does not name an XML character (allowed: #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, ` +
          `#x10000-#x10FFFF)`,
        ...positionAt(text, i),
      };
    }
  }
  return undefined;
}

/**
 * A namespace name: RFC 3986 characters only (entity and character references allowed; no square
 * brackets, which only IPv6 hosts use), %-escapes well-formed, at most one `#`.
 */
const NAMESPACE_URI =
  /^(?!(?:[^#]*#){2})(?:[A-Za-z0-9\-._~:/?#@!$'()*+,;=]|&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});|%[0-9A-Fa-f]{2})*$/;

const isNameChar = (c: number): boolean =>
  !(c === 0x20 || c === 0x9 || c === 0xa || c === 0xd || c === 0x3e || c === 0x2f || c === 0x3d || c === 0x3c || Number.isNaN(c));

/**
 * Checks the limits of an XML document in one linear pass, before any parser sees it: element depth
 * ({@link MAX_ELEMENT_DEPTH}), child elements of one element ({@link MAX_CHILD_ELEMENTS}), name lengths ({@link MAX_NAME_LENGTH}), attribute count and length
 * ({@link MAX_ATTRIBUTES}, {@link MAX_ATTRIBUTE_LENGTH}), character references (each must name
 * an XML character) and comments (none may hold `--`: libxml2 2.9 would report each with the
 * comment's text so far, quadratic in memory). Other markup it cannot follow is left to the parser,
 * which reports it.
 * @param text - Decoded, DOCTYPE-free text.
 * @returns The first problem found, or `undefined`.
 */
export function checkXmlBounds(text: string): TextProblem | undefined {
  let depth = 0;
  /** Child elements seen so far of the open element at each depth (index 0: the document). */
  const children = new Uint32Array(MAX_ELEMENT_DEPTH + 1);
  let i = 0;
  const n = text.length;
  const refs = new ReferenceCursor(text);
  const isSpace = (c: number): boolean => c === 0x20 || c === 0x9 || c === 0xa || c === 0xd;
  scan: while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    const ref = badCharacterReference(text, refs, i, textEnd);
    if (ref) return ref;
    if (lt === -1) return undefined;
    i = lt;
    const skip = (open: string, close: string): boolean => {
      if (!text.startsWith(open, i)) return false;
      const end = text.indexOf(close, i + open.length);
      i = end === -1 ? n : end + close.length;
      return true;
    };
    if (text.startsWith('<!--', i)) {
      // libxml2 2.9 reports each "--" of a comment with the comment's text so far: quadratic memory.
      const dashes = text.indexOf('--', i + 4);
      const end = text.indexOf('-->', i + 4);
      if (dashes !== -1 && (end === -1 || dashes < end))
        return {
          code: 'not-well-formed',
          message: 'a comment holds "--", which XML allows only in the "-->" that ends it',
          ...positionAt(text, dashes),
        };
    }
    if (skip('<!--', '-->') || skip('<![CDATA[', ']]>') || skip('<?', '?>')) continue;
    const closing = text[i + 1] === '/';
    let j = i + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n && isNameChar(text.charCodeAt(j))) j += 1;
    if (j - nameStart > MAX_NAME_LENGTH) return limit(text, i, `element name longer than ${MAX_NAME_LENGTH} characters`);
    // Markup this scan cannot follow is not well-formed: the parser reports it; go on after it.
    const giveUp = (): void => {
      i = j + 1;
    };
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
      if (j === attrStart || text[j] !== '=') {
        giveUp();
        continue scan;
      }
      j += 1;
      while (j < n && isSpace(text.charCodeAt(j))) j += 1;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") {
        giveUp();
        continue scan;
      }
      const end = text.indexOf(quote, j + 1);
      if (end === -1) return undefined;
      if (end - j - 1 > MAX_ATTRIBUTE_LENGTH)
        return limit(text, attrStart, `attribute value longer than ${MAX_ATTRIBUTE_LENGTH} characters`);
      const bad = badCharacterReference(text, refs, j + 1, end);
      if (bad) return bad;
      const attrName = text.slice(attrStart, text.indexOf('=', attrStart)).trim();
      if ((attrName === 'xmlns' || attrName.startsWith('xmlns:')) && !NAMESPACE_URI.test(text.slice(j + 1, end))) {
        // libxml2 2.13 reports such a declaration, 2.9 does not: one shared finding keeps the engines in step.
        return {
          code: 'not-well-formed',
          message: `${attrName}: the namespace name is not a URI (characters outside RFC 3986, or a bad %-escape)`,
          ...positionAt(text, attrStart),
        };
      }
      attributes += 1;
      if (attributes > MAX_ATTRIBUTES) return limit(text, i, `more than ${MAX_ATTRIBUTES} attributes on one element`);
      j = end + 1;
    }
    children[depth] = (children[depth] ?? 0) + 1;
    if ((children[depth] ?? 0) > MAX_CHILD_ELEMENTS) return limit(text, i, `more than ${MAX_CHILD_ELEMENTS} child elements in one element`);
    if (text[j] === '>') {
      depth += 1;
      if (depth > MAX_ELEMENT_DEPTH) return limit(text, i, `elements nested deeper than ${MAX_ELEMENT_DEPTH} levels`);
      children[depth] = 0;
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
export function checkJsonBounds(text: string): TextProblem | undefined {
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
