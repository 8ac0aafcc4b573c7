/**
 * Every XSD and JSON Schema under schemas/, bundled by the build (XSDs as strings through the
 * validate-examples plugin's `asset/source` rule, JSON Schemas as parsed JSON), so the browser
 * validates against exactly the schemas the build uses.
 */
import type { SchemaTexts } from '../../src/validate/wasm-engine';

interface SchemaContext {
  keys(): string[];
  (key: string): string | { default?: string };
}

declare const require: { context(dir: string, recursive: boolean, pattern: RegExp): SchemaContext };

/** Loads every `schemas/*.xsd` and `schemas/*.schema.json` by file name, as text. */
export function loadSchemaTexts(): SchemaTexts {
  const context = require.context('../../schemas', false, /\.(xsd|schema\.json)$/);
  return Object.fromEntries(
    context.keys().map((key) => {
      const mod = context(key);
      const text = typeof mod === 'string' ? mod : key.endsWith('.json') ? JSON.stringify(mod) : (mod.default ?? '');
      return [key.replace(/^\.\//, ''), text];
    }),
  );
}
