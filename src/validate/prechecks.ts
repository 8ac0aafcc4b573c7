/**
 * The engine-independent steps before schema validation, shared by the libxml2 engine (Node) and
 * the libxml2-wasm engine (browser, and Node for the parity test): decode the input, refuse
 * DOCTYPE, check the input limits, and choose the schema from the root element and namespace.
 * @module
 */
import { findDocumentKind, type DocumentKind } from './catalog';
import { makeResult, type Diagnostic, type ValidationResult } from './diagnostic';
import { looksLikeJson } from './json-core';
import { checkJsonBounds, checkXmlBounds, MAX_DOCUMENT_BYTES } from '../xml/bounds';
import { positionAt } from '../xml/position';
import { declaredEncodingMismatch, decodeDocument, findDoctype, findNul, isDiagnostic, sniffRoot } from './sniff';

/** Either the decoded text, or the final result when decoding already failed. */
export type Decoded = { readonly text: string } | { readonly result: ValidationResult };

/** Either the document kind to validate against, or the final result when there is none. */
export type Chosen = { readonly kind: DocumentKind } | { readonly result: ValidationResult };

/** The UTF-8 length of a string, without encoding it (no Node `Buffer`: this runs in browsers too). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/** Half of a UTF-16 surrogate pair without the other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A lone surrogate in text input is no character at all: no encoding can represent it, and each
 * engine would turn it into different bytes (U+FFFD in one, invalid UTF-8 in the other). One shared
 * finding keeps their verdicts the same.
 * @param text - Text input.
 */
function loneSurrogate(text: string): Diagnostic | undefined {
  const match = LONE_SURROGATE.exec(text);
  if (!match) return undefined;
  return {
    code: 'bad-encoding',
    severity: 'error',
    message: 'the text holds half of a UTF-16 surrogate pair, which is no character and has no encoding',
    ...positionAt(text, match.index),
  };
}

/**
 * Decodes raw bytes (text is taken as it is; in either, a NUL character, half a surrogate pair or an
 * XML declaration naming another encoding is `bad-encoding`), refuses DOCTYPE declarations, and checks the limits
 * (depth, names, attributes, character references; see `checkXmlBounds` and `checkJsonBounds`)
 * in linear time, so that no engine sees input beyond them.
 * @param input - Raw bytes or text.
 * @param file - Its path or name, carried into a failed result.
 */
export function decodeInput(input: Uint8Array | string, file: string): Decoded {
  let text: string;
  if (typeof input === 'string') {
    // Text gets the same size limit as bytes (counted as UTF-8), so no caller can bypass it.
    if (input.length > MAX_DOCUMENT_BYTES || utf8Length(input) > MAX_DOCUMENT_BYTES) {
      return {
        result: makeResult(file, undefined, undefined, [
          {
            code: 'too-large',
            severity: 'error',
            message: `document is larger than the limit of ${MAX_DOCUMENT_BYTES} bytes`,
            line: 0,
            column: 0,
          },
        ]),
      };
    }
    // The checks bytes get when they are decoded (findNul first, as there), then one only text can fail.
    const declared = findNul(input) ?? declaredEncodingMismatch(input, 'utf-8') ?? loneSurrogate(input);
    if (declared) return { result: makeResult(file, undefined, undefined, [declared]) };
    text = input;
  } else {
    const decoded = decodeDocument(input);
    if ('diagnostic' in decoded) return { result: makeResult(file, undefined, undefined, [decoded.diagnostic]) };
    text = decoded.text;
  }
  const doctype = findDoctype(text);
  if (doctype) return { result: makeResult(file, undefined, undefined, [doctype]) };
  const bound = looksLikeJson(text) ? checkJsonBounds(text) : checkXmlBounds(text);
  if (bound) return { result: makeResult(file, undefined, undefined, [{ ...bound, severity: 'error' }]) };
  return { text };
}

/**
 * Finds the document kind from the root element and its namespace.
 * @param text - Decoded, DOCTYPE-free text.
 * @param file - Its path or name, carried into a failed result.
 */
export function chooseSchema(text: string, file: string): Chosen {
  const root = sniffRoot(text);
  if (isDiagnostic(root)) return { result: makeResult(file, undefined, undefined, [root]) };
  const kind = findDocumentKind(root.localName, root.namespace);
  if (kind) return { kind };
  const ns = root.namespace === '' ? 'no namespace' : `namespace "${root.namespace}"`;
  return {
    result: makeResult(file, root.localName, undefined, [
      {
        code: 'unknown-document',
        severity: 'error',
        line: root.line,
        column: root.column,
        message: `no schema for root element <${root.localName}> in ${ns}`,
      },
    ]),
  };
}
