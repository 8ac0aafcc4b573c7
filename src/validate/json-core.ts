/**
 * JSON validation, engine-independent (Node and the browser): a position-aware JSON scan (so every
 * finding has a line and column) and ajv against the JSON Schemas `schemas/*.schema.json`. Used for
 * HostGAPlugin vmSettings, the InVMArtifactsProfile, RuntimeSettings and the `/provisioning/health`
 * body. The caller says how a schema file is loaded (the file system in Node, the bundle in the browser).
 * @module
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { documentKinds, findJsonDocumentKind } from './catalog';
import { makeResult, type Diagnostic, type ValidationResult } from './diagnostic';
import { positionAt } from '../xml/position';

/** A parsed JSON document with the offset of every value, keyed by JSON Pointer ('' is the root). */
export interface ScannedJson {
  /** The value, as `JSON.parse` would return it. */
  readonly value: unknown;
  /** Offset in the text of each value's first character, by JSON Pointer. */
  readonly offsets: ReadonlyMap<string, number>;
}

/** A syntax error found by {@link scanJson}. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  /** 0-based offset of the offending character. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Parses JSON text (RFC 8259) and records where each value starts.
 * @param text - The JSON text.
 * @throws {@link JsonSyntaxError} at the first syntax error, with its offset.
 */
export function scanJson(text: string): ScannedJson {
  const offsets = new Map<string, number>();
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1; };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `unexpected end of input; expected ${what}` : `unexpected character ${JSON.stringify(text[i])}; expected ${what}`, i);
  };
  const string = (): string => {
    const start = i;
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
    if (!match) {
      const close = text.indexOf('"', i + 1);
      i = close === -1 ? text.length : start;
      return fail('a valid string');
    }
    i += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const value = (pointer: string): unknown => {
    ws();
    offsets.set(pointer, i);
    const c = text[i];
    if (c === '{') {
      i += 1;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') { i += 1; return out; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        const key = string();
        ws();
        if (text[i] !== ':') fail('":"');
        i += 1;
        out[key] = value(`${pointer}/${pointerToken(key)}`);
        ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === '}') { i += 1; return out; }
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i += 1;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') { i += 1; return out; }
      for (;;) {
        out.push(value(`${pointer}/${out.length}`));
        ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return out; }
        fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) return fail('a JSON value');
    i += literal[0].length;
    return literal[0] === 'true' ? true : literal[0] === 'false' ? false : literal[0] === 'null' ? null : Number(literal[0]);
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const result = value('');
  ws();
  if (i < text.length) fail('the end of the document');
  return { value: result, offsets };
}

/**
 * Tells whether decoded text is meant as JSON: its first non-space character is `{` or `[`.
 * @param text - Decoded text.
 */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(text);
}

/** Loads a JSON Schema by its file name under `schemas/`. */
export type JsonSchemaLoader = (schema: string) => object;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const compiled = new Map<string, ValidateFunction>();

function compile(schema: string, load: JsonSchemaLoader): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  const fn = ajv.compile(load(schema));
  compiled.set(schema, fn);
  return fn;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'document' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${where}: unknown property "${String(params['additionalProperty'])}"`;
  if (error.keyword === 'enum') return `${where} must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Validates a JSON document: syntax first (a `not-well-formed` finding with line and column),
 * then the kind found by its keys, then its JSON Schema.
 * @param text - Decoded text.
 * @param file - Its path or name, carried into the result.
 * @param load - Loads a schema file by name (compiled schemas are cached by name).
 */
export function validateJsonText(text: string, file: string, load: JsonSchemaLoader): ValidationResult {
  let scanned: ScannedJson;
  try {
    scanned = scanJson(text);
  } catch (error) {
    // Only JsonSyntaxError is expected; anything else (the prechecks bound the depth) still gets a position.
    const { offset, message } = error instanceof JsonSyntaxError ? error : { offset: 0, message: 'the document cannot be read as JSON' };
    return makeResult(file, undefined, undefined, [{ code: 'not-well-formed', severity: 'error', message: `not well-formed JSON: ${message}`, ...positionAt(text, offset) }]);
  }
  const kind = findJsonDocumentKind(scanned.value);
  if (!kind) {
    const at = positionAt(text, scanned.offsets.get('') ?? 0);
    return makeResult(file, undefined, undefined, [{
      code: 'unknown-document', severity: 'error', ...at,
      message: `no schema for this JSON document: its top-level keys match no known document (${documentKinds.filter((k) => k.format === 'json').map((k) => k.root).join(', ')})`,
    }]);
  }
  const validate = compile(kind.schema, load);
  if (validate(scanned.value)) return makeResult(file, kind.root, kind.schema, []);
  const diagnostics: Diagnostic[] = (validate.errors ?? []).map((error) => ({
    code: 'schema-violation', severity: 'error', message: describe(error),
    ...positionAt(text, scanned.offsets.get(error.instancePath) ?? 0),
  }));
  return makeResult(file, kind.root, kind.schema, diagnostics);
}
