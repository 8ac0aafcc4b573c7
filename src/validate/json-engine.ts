/**
 * The Node side of JSON validation: {@link validateJsonText} with the schemas read from `schemas/`.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ValidationResult } from './diagnostic';
import { validateJsonText } from './json-core';
import { SCHEMA_DIR } from '../schema/schema-dir';

/**
 * Validates a JSON document against the JSON Schema chosen by its keys, reading the schemas from
 * the package's `schemas/` folder.
 * @param text - Decoded text.
 * @param file - Its path or name, carried into the result.
 */
export function validateJsonDocument(text: string, file: string): ValidationResult {
  return validateJsonText(text, file, (schema) => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, schema), 'utf8')) as object);
}
