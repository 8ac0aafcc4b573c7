/**
 * The browser validation engine: libxml2 compiled to WebAssembly (libxml2-wasm), fed the same XSDs
 * as the Node engine. It runs in process (in the validator page's Web Worker) and keeps every XSD
 * it has compiled: compile once, validate many. It has no Node imports: the validator page runs it,
 * and the parity test runs it in Node on the same inputs as libxmljs2. JSON documents go through the
 * same engine-independent JSON core as in Node ({@link validateJsonText}).
 * @module
 */
import type { ErrorDetail, XmlDocument, XsdValidator } from 'libxml2-wasm';
import type { DocumentKind } from './catalog';
import { makeResult, type Diagnostic, type ValidationResult } from './diagnostic';
import { withIdentityFindings } from './identity-checks';
import { looksLikeJson, validateJsonText } from './json-core';
import { columnOfElement } from './locate';
import { interpretEngineFindings, needsOpenWorldScan, planOpenWorld } from './open-world';
import { chooseSchema, decodeInput } from './prechecks';

/**
 * Schema texts by file name (`goal-state.xsd` → its text): every XSD and everything they include,
 * and the JSON Schemas (`*.schema.json`).
 */
export type SchemaTexts = Readonly<Record<string, string>>;

/** One input of {@link WasmEngine.validate}. */
export interface WasmInput {
  /** Its path or name, carried into the result. */
  readonly file: string;
  /** Raw bytes or text. */
  readonly input: Uint8Array | string;
}

/** The libxml2-wasm module. */
export type Libxml2 = typeof import('libxml2-wasm');

let engines = 0;

/**
 * Parse options for documents: no network, and recovery so that every well-formedness error is
 * reported (as libxmljs2 does); entities are never substituted and no DTD is loaded (DOCTYPE is
 * refused before the engine sees the text anyway).
 */
function documentOptions(lib: Libxml2): number {
  return lib.ParseOption.XML_PARSE_NONET | lib.ParseOption.XML_PARSE_RECOVER;
}

/**
 * libxml2 with the project's XSDs compiled on demand and kept: one instance per page (or test).
 * Validation is synchronous once the engine exists.
 */
export class WasmEngine {
  private readonly lib: Libxml2;
  private readonly schemas: SchemaTexts;
  private readonly prefix: string;
  private readonly validators = new Map<string, { readonly doc: XmlDocument; readonly validator: XsdValidator }>();

  private constructor(lib: Libxml2, schemas: SchemaTexts, prefix: string) {
    this.lib = lib;
    this.schemas = schemas;
    this.prefix = prefix;
  }

  /**
   * Makes the XSDs readable to libxml2, under a URL prefix of this engine's own, so that
   * `xs:include` and `xs:import` resolve in memory. The caller imports libxml2-wasm: the page's
   * worker statically (its bundle is then one self-contained script), Node code through
   * `wasm-loader.ts` (the package's top-level await rules out `require`).
   * @param schemas - Every XSD by file name (JSON Schemas may be included; they are used by the JSON core).
   * @param lib - The libxml2-wasm module.
   */
  static create(schemas: SchemaTexts, lib: Libxml2): WasmEngine {
    engines += 1;
    const prefix = `wireserver-schemas:/e${engines}/`;
    const encoder = new TextEncoder();
    const buffers = Object.fromEntries(
      Object.entries(schemas)
        .filter(([name]) => name.endsWith('.xsd'))
        .map(([name, text]) => [`${prefix}${name}`, encoder.encode(text)]),
    );
    lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(buffers));
    return new WasmEngine(lib, schemas, prefix);
  }

  /**
   * Compiles an XSD now (it is otherwise compiled at its first use), so that a later validation
   * pays nothing for it.
   * @param schema - The XSD's file name.
   */
  compile(schema: string): XsdValidator {
    const cached = this.validators.get(schema);
    if (cached) return cached.validator;
    const text = this.schemas[schema];
    if (text === undefined) throw new Error(`schema ${schema} is not loaded`);
    const doc = this.lib.XmlDocument.fromString(text, { url: `${this.prefix}${schema}`, option: this.lib.ParseOption.XML_PARSE_NONET });
    const validator = this.lib.XsdValidator.fromDoc(doc);
    this.validators.set(schema, { doc, validator });
    return validator;
  }

  /**
   * libxml2's findings on one text: well-formedness errors, or schema validity errors.
   * @param text - The document text, decoded and DOCTYPE-free.
   * @param schema - The XSD's file name.
   */
  findings(text: string, schema: string): Diagnostic[] {
    const validator = this.compile(schema);
    let doc: XmlDocument;
    try {
      doc = this.lib.XmlDocument.fromString(text, { option: documentOptions(this.lib) });
    } catch (error) {
      const details = error instanceof this.lib.XmlParseError ? error.details.filter((d) => d.level >= 2) : [];
      if (details.length === 0) {
        const message =
          String((error as Error | undefined)?.message ?? error)
            .split('\n')[0]
            ?.trim() ?? 'the XML engine failed';
        return [{ code: 'not-well-formed', severity: 'error', message: `not well-formed: ${message}`, line: 0, column: 0 }];
      }
      return details.map((d) => ({
        code: 'not-well-formed',
        severity: 'error',
        message: `not well-formed: ${d.message.trim()}`,
        line: d.line,
        column: d.col,
      }));
    }
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      if (error instanceof this.lib.XmlValidateError) return schemaFindings(text, error.details);
      // libxml2 refuses to validate some trees it recovered (entity references left unexpanded).
      return [
        {
          code: 'not-well-formed',
          severity: 'error',
          message: `not well-formed: the XML engine gave up on this document (${String((error as Error | undefined)?.message ?? error)})`,
          line: 0,
          column: 0,
        },
      ];
    } finally {
      doc.dispose();
    }
  }

  /**
   * Validates documents: the same pre-checks and open-world pass as the Node engine.
   * @param inputs - The documents.
   * @returns One result per input, in order.
   */
  validate(inputs: readonly WasmInput[]): ValidationResult[] {
    return inputs.map(({ file, input }) => {
      const decoded = decodeInput(input, file);
      if ('result' in decoded) return decoded.result;
      if (looksLikeJson(decoded.text)) return validateJsonText(decoded.text, file, (name) => loadJsonSchema(this.schemas, name));
      const chosen = chooseSchema(decoded.text, file);
      if ('result' in chosen) return chosen.result;
      return this.verdict(decoded.text, file, chosen.kind);
    });
  }

  private verdict(text: string, file: string, kind: DocumentKind): ValidationResult {
    const found = this.findings(text, kind.schema);
    const result = (findings: readonly Diagnostic[]) =>
      makeResult(file, kind.root, kind.schema, withIdentityFindings(kind, text, findings));
    if (found.some((d) => d.code === 'not-well-formed') || (found.length === 0 && !needsOpenWorldScan(kind))) return result(found);
    // The open-world pass (see open-world.ts): a document with unknowns is validated again, blanked.
    const plan = planOpenWorld(text, kind);
    return result(interpretEngineFindings(plan, plan.pruned === undefined ? found : this.findings(plan.pruned, kind.schema)));
  }
}

/** Schema validity errors as diagnostics, each column taken from the start tag of the element the message names. */
function schemaFindings(text: string, details: readonly ErrorDetail[]): Diagnostic[] {
  const lines = text.split('\n');
  return details.map((d) => {
    const message = d.message.trim();
    return {
      code: 'schema-violation',
      severity: 'error',
      message,
      line: d.line,
      column: d.line > 0 ? columnOfElement(lines[d.line - 1] ?? '', message) : 0,
    };
  });
}

function loadJsonSchema(schemas: SchemaTexts, name: string): object {
  const text = schemas[name];
  if (text === undefined) throw new Error(`schema ${name} is not loaded`);
  return JSON.parse(text) as object;
}
