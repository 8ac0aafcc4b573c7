/**
 * Safe parsing of untrusted XML with libxmljs2: no entity substitution, no DTD loading,
 * no network, no `huge` mode, and DOCTYPE refused before the parser runs.
 * @module
 */
import libxmljs from 'libxmljs2';
import { WireServerError } from '../errors';
import { DOCTYPE_MESSAGE, doctypeOffset } from './doctype';
import { positionAt } from './position';
import { checkXmlBounds, MAX_DOCUMENT_BYTES } from './bounds';

/**
 * The only parser options used on untrusted input (see toolchain.md §2.3: `huge` lets an entity
 * bomb hang or crash the process, `noent` inlines external files).
 */
export const SAFE_PARSE_OPTIONS = Object.freeze({
  noent: false,
  dtdload: false,
  dtdvalid: false,
  nonet: true,
  huge: false,
  xinclude: false,
});

/** A parsed libxmljs2 document. */
export type XmlDocument = libxmljs.Document;
/** A libxmljs2 element. */
export type XmlElement = libxmljs.Element;

/**
 * Parses untrusted XML text safely.
 * @param text - The document.
 * @param name - The file name or URL, used as base URL and in messages.
 * @throws {@link WireServerError} `XML_DOCTYPE_FORBIDDEN`, `XML_LIMIT_EXCEEDED` (size, depth, names,
 * attributes: see `checkXmlBounds`) or `XML_NOT_WELL_FORMED`, with line and column.
 */
export function parseXmlSafely(text: string, name = 'document'): XmlDocument {
  const doctype = doctypeOffset(text);
  if (doctype !== undefined) {
    const { line, column } = positionAt(text, doctype);
    throw new WireServerError('XML_DOCTYPE_FORBIDDEN', `${name}:${line}:${column}: ${DOCTYPE_MESSAGE}`, { line, column });
  }
  // The same bounds as the validator's, before libxml2 sees the text.
  if (text.length > MAX_DOCUMENT_BYTES)
    throw new WireServerError('XML_LIMIT_EXCEEDED', `${name}: document is larger than the limit of ${MAX_DOCUMENT_BYTES} bytes`);
  const bound = checkXmlBounds(text);
  if (bound) {
    const code = bound.code === 'too-large' ? 'XML_LIMIT_EXCEEDED' : 'XML_NOT_WELL_FORMED';
    throw new WireServerError(code, `${name}:${bound.line}:${bound.column}: ${bound.message}`, { line: bound.line, column: bound.column });
  }
  try {
    return libxmljs.parseXml(text, { ...SAFE_PARSE_OPTIONS, baseUrl: name });
  } catch (error) {
    const e = error as { message?: string; line?: number; column?: number };
    const line = e.line ?? 0;
    const column = (e.column ?? 0) + 1;
    throw new WireServerError(
      'XML_NOT_WELL_FORMED',
      `${name}:${line}:${column}: not well-formed XML: ${(e.message ?? 'parse error').trim()}`,
      { line, column, cause: error },
    );
  }
}
