/**
 * Validation of one input in Node: decode, refuse DOCTYPE, detect the document kind, run libxml2.
 * @module
 */
import { makeResult, type ValidationResult } from './diagnostic';
import { looksLikeJson, validateJsonDocument } from './json-engine';
import { validateWithLibxml } from './libxml-engine';
import { chooseSchema, decodeInput } from './prechecks';

/**
 * Validates one document against the schema chosen by its root element and namespace.
 * @param input - The raw bytes or the text of the document.
 * @param file - Its path or name, carried into the result.
 */
export function validateDocument(input: Uint8Array | string, file: string): ValidationResult {
  const decoded = decodeInput(input, file);
  if ('result' in decoded) return decoded.result;
  const { text } = decoded;
  if (looksLikeJson(text)) return validateJsonDocument(text, file);
  const chosen = chooseSchema(text, file);
  if ('result' in chosen) return chosen.result;
  const { kind } = chosen;
  return makeResult(file, kind.root, kind.schema, validateWithLibxml(text, file, kind.schema));
}
