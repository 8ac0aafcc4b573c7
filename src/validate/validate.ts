/**
 * Validation of one input in Node: decode, refuse DOCTYPE, detect the document kind, run libxml2.
 * @module
 */
import { findDocumentKind } from './catalog';
import { makeResult, type ValidationResult } from './diagnostic';
import { validateWithLibxml } from './libxml-engine';
import { decodeDocument, findDoctype, isDiagnostic, sniffRoot } from './sniff';

/**
 * Validates one document against the schema chosen by its root element and namespace.
 * @param input - The raw bytes or the text of the document.
 * @param file - Its path or name, carried into the result.
 */
export function validateDocument(input: Uint8Array | string, file: string): ValidationResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const decoded = decodeDocument(input);
    if ('diagnostic' in decoded) return makeResult(file, undefined, undefined, [decoded.diagnostic]);
    text = decoded.text;
  }
  const doctype = findDoctype(text);
  if (doctype) return makeResult(file, undefined, undefined, [doctype]);
  const root = sniffRoot(text);
  if (isDiagnostic(root)) return makeResult(file, undefined, undefined, [root]);
  const kind = findDocumentKind(root.localName, root.namespace);
  if (!kind) {
    const ns = root.namespace === '' ? 'no namespace' : `namespace "${root.namespace}"`;
    return makeResult(file, root.localName, undefined, [{
      code: 'unknown-document', severity: 'error', line: root.line, column: root.column,
      message: `no schema for root element <${root.localName}> in ${ns}`,
    }]);
  }
  return makeResult(file, kind.root, kind.schema, validateWithLibxml(text, file, kind.schema));
}
