/**
 * The browser engine in Node (the parity tests and the bench): libxml2-wasm imported dynamically
 * (its top-level await rules out `require`), and one {@link WasmEngine} per schema set, kept.
 * The validator page does not use this module: its worker imports libxml2-wasm statically.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../schema/schema-dir';
import type { ValidationResult } from './diagnostic';
import { WasmEngine, type SchemaTexts, type WasmInput } from './wasm-engine';

/**
 * Every XSD and JSON Schema of the package by file name, as the browser engine takes them (the page
 * bundles the same files).
 */
export function readSchemaTexts(): SchemaTexts {
  return Object.fromEntries(
    fs
      .readdirSync(SCHEMA_DIR)
      .filter((f) => f.endsWith('.xsd') || f.endsWith('.schema.json'))
      .map((f) => [f, fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')]),
  );
}

const engines = new WeakMap<SchemaTexts, Promise<WasmEngine>>();

/**
 * The engine for a schema set, created at the first call and kept.
 * @param schemas - Every XSD by file name (and the JSON Schemas).
 */
export function wasmEngineFor(schemas: SchemaTexts): Promise<WasmEngine> {
  let engine = engines.get(schemas);
  if (!engine) {
    engine = import('libxml2-wasm').then((lib) => WasmEngine.create(schemas, lib));
    engines.set(schemas, engine);
  }
  return engine;
}

/**
 * Validates documents with libxml2-wasm, with one engine per schema set kept for later calls.
 * @param inputs - The documents.
 * @param schemas - Every XSD by file name (and the JSON Schemas).
 * @returns One result per input, in order.
 */
export async function validateWithWasm(inputs: readonly WasmInput[], schemas: SchemaTexts): Promise<ValidationResult[]> {
  return (await wasmEngineFor(schemas)).validate(inputs);
}
