/**
 * The Node validation engine: libxmljs2 (libxml2) with the safe parse options, used by the CLI,
 * the site build and the tests.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import libxmljs from 'libxmljs2';
import { WireServerError } from '../errors';
import { SCHEMA_DIR } from '../schema/schema-dir';
import { SAFE_PARSE_OPTIONS } from '../xml/safe-parse';
import type { Diagnostic } from './diagnostic';
import { columnOfElement } from './locate';

const schemaCache = new Map<string, libxmljs.Document>();

/**
 * Loads and caches a schema document by file name.
 * @param schema - File name under {@link SCHEMA_DIR}.
 * @throws {@link WireServerError} `SCHEMA_LOAD_FAILED` when the XSD is missing or not well-formed.
 */
export function loadSchema(schema: string): libxmljs.Document {
  const cached = schemaCache.get(schema);
  if (cached) return cached;
  const file = path.join(SCHEMA_DIR, schema);
  try {
    const doc = libxmljs.parseXml(fs.readFileSync(file, 'utf8'), { ...SAFE_PARSE_OPTIONS, baseUrl: file });
    schemaCache.set(schema, doc);
    return doc;
  } catch (error) {
    throw new WireServerError('SCHEMA_LOAD_FAILED', `cannot load schema ${file}: ${(error as Error).message.trim()}`, { cause: error });
  }
}

function wellFormednessErrors(text: string): Diagnostic[] {
  let errors: readonly libxmljs.SyntaxError[] = [];
  try {
    errors = libxmljs.parseXml(text, { ...SAFE_PARSE_OPTIONS, recover: true }).errors;
  } catch (error) {
    errors = [error as libxmljs.SyntaxError];
  }
  const list = errors.length > 0 ? errors : [{ message: 'not well-formed', line: 0, column: 0 } as libxmljs.SyntaxError];
  return list.map((e) => ({
    code: 'not-well-formed',
    severity: 'error',
    message: `not well-formed: ${(e.message ?? '').trim()}`,
    line: e.line ?? 0,
    column: (e.column ?? 0) + 1,
  }));
}

/**
 * Validates a document (already decoded, DOCTYPE-free) against one XSD.
 * @param text - The document text.
 * @param schema - The XSD file name under {@link SCHEMA_DIR}.
 * @returns Every well-formedness or schema finding; empty when valid.
 */
export function validateWithLibxml(text: string, schema: string): Diagnostic[] {
  let doc: libxmljs.Document;
  try {
    // No base URL: with one, libxml2 2.9 spends time in proportion to the document on each validity
    // error (20,000 errors in a 600 KB document took 56 s; without it, 0.4 s).
    doc = libxmljs.parseXml(text, SAFE_PARSE_OPTIONS);
  } catch {
    return wellFormednessErrors(text);
  }
  if (doc.validate(loadSchema(schema))) return [];
  return schemaFindings(text, doc.validationErrors);
}

/** A schema validity error as libxml2 reports it: its message and 1-based line (columns are always 0). */
export interface LibxmlSchemaError {
  /** libxml2's message, with a trailing newline. */
  readonly message: string | null | undefined;
  /** 1-based line in the document, or 0. */
  readonly line: number | null | undefined;
}

/**
 * Turns libxml2's schema validity errors into diagnostics, taking each column from the start tag
 * of the element the message names.
 * @param text - The document text the lines refer to.
 * @param errors - The errors, in libxml2's order.
 */
export function schemaFindings(text: string, errors: readonly LibxmlSchemaError[]): Diagnostic[] {
  const lines = text.split('\n');
  return errors.map((e) => {
    const message = (e.message ?? '').trim();
    const line = e.line ?? 0;
    return {
      code: 'schema-violation',
      severity: 'error',
      message,
      line,
      column: line > 0 ? columnOfElement(lines[line - 1] ?? '', message) : 0,
    };
  });
}
