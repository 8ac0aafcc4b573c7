/**
 * JSON validation, engine-independent (Node and the browser): a position-aware JSON scan (so every
 * finding has a line and column) and ajv against the JSON Schemas `schemas/*.schema.json`. Used for
 * HostGAPlugin vmSettings, the InVMArtifactsProfile, RuntimeSettings and the `/provisioning/health`
 * body. The caller says how a schema file is loaded (the file system in Node, the bundle in the browser).
 *
 * The verdict model is the XML one (see `open-world.ts`): in a document the platform sends (open), a
 * property the schema does not declare is an `unknown-property` warning and a value outside an
 * `enum` an `undocumented-value` warning, unless the enum carries `x-closed` (a real client fails on
 * other values: the reason is the annotation's text). In a document the guest sends (closed), both
 * are errors.
 * @module
 */
import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { documentKinds, findJsonDocumentKind, type DocumentKind } from './catalog';
import { makeResult, type Diagnostic, type ValidationResult } from './diagnostic';
import { CONTRIBUTE_HINT } from './open-world';
import { positionAt } from '../xml/position';

/** A parsed JSON document with the offset of every value, keyed by JSON Pointer ('' is the root). */
export interface ScannedJson {
  /** The value, as `JSON.parse` would return it. */
  readonly value: unknown;
  /** Offset in the text of each value's first character, by JSON Pointer. */
  readonly offsets: ReadonlyMap<string, number>;
  /** Offset of each object member's key (its opening quote), by the JSON Pointer of the member. */
  readonly keyOffsets: ReadonlyMap<string, number>;
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
  const keyOffsets = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(
      i >= text.length ? `unexpected end of input; expected ${what}` : `unexpected character ${JSON.stringify(text[i])}; expected ${what}`,
      i,
    );
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
      if (text[i] === '}') {
        i += 1;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        const keyAt = i;
        const key = string();
        ws();
        if (text[i] !== ':') fail('":"');
        i += 1;
        const member = `${pointer}/${pointerToken(key)}`;
        keyOffsets.set(member, keyAt);
        out[key] = value(member);
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return out;
        }
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i += 1;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i += 1;
        return out;
      }
      for (;;) {
        out.push(value(`${pointer}/${out.length}`));
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return out;
        }
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
  return { value: result, offsets, keyOffsets };
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

/**
 * `x-closed` on a schema with an `enum`: other values are errors even in an open document, because
 * a real client fails on them; the annotation's text says which client and why.
 */
const CLOSED_KEYWORD = 'x-closed';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function compile(schema: string, load: JsonSchemaLoader): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  if (!ajv) {
    // Loaded with the first JSON document: a run over XML documents never pays for ajv.
    const { default: AjvClass } = require('ajv') as typeof import('ajv');
    ajv = new AjvClass({ allErrors: true, strict: true, strictRequired: false, verbose: true });
    ajv.addKeyword({ keyword: CLOSED_KEYWORD, schemaType: 'string' });
  }
  const fn = ajv.compile(load(schema));
  compiled.set(schema, fn);
  return fn;
}

/** Longest quoted value in a message; longer values are cut. */
const MAX_QUOTED = 60;

const quoted = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `\`${text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text}\``;
};

const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;

const where = (instancePath: string): string => (instancePath === '' ? 'document' : instancePath);

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum')
    return `${where(error.instancePath)} must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where(error.instancePath)} ${error.message ?? 'is invalid'}`;
}

/** The declared property closest to an unknown one: the same name in another letter case. */
function declaredLike(error: ErrorObject, key: string): string | undefined {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(properties).find((name) => name.toLowerCase() === key.toLowerCase());
}

/**
 * One ajv error as a finding, classified by the verdict model.
 * @param error - The ajv error (compiled with `verbose`, so it carries its schema and data).
 * @param kind - The document kind, which says whether the document is open.
 * @param scanned - The scanned document, for positions.
 * @param text - The document text.
 */
function toDiagnostic(error: ErrorObject, kind: DocumentKind, scanned: ScannedJson, text: string): Diagnostic {
  const open = kind.direction === 'to-guest';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const key = String(params['additionalProperty']);
    const member = `${error.instancePath}/${pointerToken(key)}`;
    const guess = declaredLike(error, key);
    const hint = guess ? `did you mean \`${guess}\`?` : '';
    return {
      code: 'unknown-property',
      severity: open ? 'warning' : 'error',
      ...positionAt(text, scanned.keyOffsets.get(member) ?? scanned.offsets.get(error.instancePath) ?? 0),
      message: open
        ? `the spec does not know property \`${key}\` in ${where(error.instancePath)} yet${hint ? ` (${hint})` : ''}; ${CONTRIBUTE_HINT}`
        : `property \`${key}\` is not a ${kind.root} property of ${where(error.instancePath)}${hint ? `; ${hint}` : ''} (the guest sends this document, so an unknown property is the client's bug)`,
      engineMessage: `${where(error.instancePath)}: unknown property "${key}"`,
    };
  }
  const at = positionAt(text, scanned.offsets.get(error.instancePath) ?? 0);
  if (error.keyword === 'enum') {
    const allowed = orList((params['allowedValues'] as unknown[]).map(quoted));
    const closed = (error.parentSchema as Record<string, unknown> | undefined)?.[CLOSED_KEYWORD];
    const message = `${where(error.instancePath)} has the value ${quoted(error.data)}, which is not one of ${allowed}`;
    if (open && typeof closed !== 'string') {
      return {
        code: 'undocumented-value',
        severity: 'warning',
        ...at,
        message: `${message}; ${CONTRIBUTE_HINT}`,
        engineMessage: describe(error),
      };
    }
    return {
      code: 'schema-violation',
      severity: 'error',
      ...at,
      message: typeof closed === 'string' ? `${message}: ${closed}` : message,
      engineMessage: describe(error),
    };
  }
  return { code: 'schema-violation', severity: 'error', ...at, message: describe(error) };
}

/**
 * Validates a JSON document: syntax first (a `not-well-formed` finding with line and column),
 * then the kind found by its keys, then its JSON Schema, with the verdict model of `open-world.ts`.
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
    return makeResult(file, undefined, undefined, [
      { code: 'not-well-formed', severity: 'error', message: `not well-formed JSON: ${message}`, ...positionAt(text, offset) },
    ]);
  }
  const kind = findJsonDocumentKind(scanned.value);
  if (!kind) {
    const at = positionAt(text, scanned.offsets.get('') ?? 0);
    return makeResult(file, undefined, undefined, [
      {
        code: 'unknown-document',
        severity: 'error',
        ...at,
        message: `no schema for this JSON document: its top-level keys match no known document (${documentKinds
          .filter((k) => k.format === 'json')
          .map((k) => k.root)
          .join(', ')})`,
      },
    ]);
  }
  const validate = compile(kind.schema, load);
  if (validate(scanned.value)) return makeResult(file, kind.root, kind.schema, []);
  return makeResult(
    file,
    kind.root,
    kind.schema,
    (validate.errors ?? []).map((error) => toDiagnostic(error, kind, scanned, text)),
  );
}
