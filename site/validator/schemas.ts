/**
 * Every XSD under schemas/, bundled as strings by the build (the validate-examples plugin's
 * `asset/source` rule), so the browser validates against exactly the schemas the build uses.
 */
import type { SchemaTexts } from '../../src/validate/wasm-engine';

interface SchemaContext {
  keys(): string[];
  (key: string): string | { default: string };
}

declare const require: { context(dir: string, recursive: boolean, pattern: RegExp): SchemaContext };

/** Loads every `schemas/*.xsd` by file name. */
export function loadSchemaTexts(): SchemaTexts {
  const context = require.context('../../schemas', false, /\.xsd$/);
  return Object.fromEntries(context.keys().map((key) => {
    const mod = context(key);
    return [key.replace(/^\.\//, ''), typeof mod === 'string' ? mod : mod.default];
  }));
}
