/**
 * The browser validation engine: libxml2 compiled to WebAssembly (xmllint-wasm), fed the same XSDs
 * as the Node engine. It has no Node imports: the validator page runs it, and the parity test runs
 * it in Node on the same inputs as libxmljs2. Documents are validated in one xmllint run per
 * schema (starting a run costs far more than validating a document). JSON documents go through the
 * same engine-independent JSON core as in Node ({@link validateJsonText}).
 * @module
 */
import { validateXML, type XMLValidationError } from 'xmllint-wasm';
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

/** One input of {@link validateWithWasm}. */
export interface WasmInput {
  /** Its path or name, carried into the result. */
  readonly file: string;
  /** Raw bytes or text. */
  readonly input: Uint8Array | string;
}

/** Memory cap for one xmllint run: 512 MiB in 64 KiB pages, enough for the largest accepted input. */
const MAX_MEMORY_PAGES = 8192;

interface Job {
  readonly index: number;
  readonly file: string;
  readonly text: string;
  readonly schema: string;
  readonly kind: DocumentKind;
}

function toDiagnostic(error: XMLValidationError, lines: readonly string[], next: XMLValidationError | undefined, caret: XMLValidationError | undefined): Diagnostic {
  const line = error.loc?.lineNumber ?? 0;
  const lineText = lines[line - 1] ?? '';
  const schemaMessage = /^Schemas validity error : ([\s\S]*)$/.exec(error.message)?.[1];
  if (schemaMessage !== undefined) {
    const message = schemaMessage.trim();
    return { code: 'schema-violation', severity: 'error', message, line, column: line > 0 ? columnOfElement(lineText, message) : 0 };
  }
  const message = error.message.replace(/^(?:\w+ )?(?:parser )?error : /, '').trim();
  // libxml2 prints the context (part of the line) and a caret under the error position.
  let column = 0;
  if (next && caret && next.loc === null && caret.loc === null && /^\s*\^$/.test(caret.message)) {
    const at = lineText.indexOf(next.rawMessage);
    if (at !== -1) column = at + caret.rawMessage.indexOf('^') + 1;
  }
  return { code: 'not-well-formed', severity: 'error', message: `not well-formed: ${message}`, line, column };
}

async function runXmllint(jobs: readonly Job[], schema: string, schemas: SchemaTexts): Promise<Diagnostic[][]> {
  const main = schemas[schema];
  if (main === undefined) throw new Error(`schema ${schema} is not loaded`);
  const names = jobs.map((_, i) => `doc${i}.xml`);
  const result = await validateXML({
    xml: jobs.map((job, i) => ({ fileName: names[i] ?? '', contents: job.text })),
    schema: [{ fileName: schema, contents: main }],
    preload: Object.entries(schemas).filter(([name]) => name !== schema && name.endsWith('.xsd')).map(([fileName, contents]) => ({ fileName, contents })),
    maxMemoryPages: MAX_MEMORY_PAGES,
  });
  const byName = new Map(names.map((name, i) => [name, i]));
  const out: Diagnostic[][] = jobs.map(() => []);
  const lines = jobs.map((job) => job.text.split('\n'));
  result.errors.forEach((error, k) => {
    const index = error.loc ? byName.get(error.loc.fileName) : undefined;
    if (index === undefined) return;
    out[index]?.push(toDiagnostic(error, lines[index] ?? [], result.errors[k + 1], result.errors[k + 2]));
  });
  return out;
}

function validateGroup(jobs: readonly Job[], schema: string, schemas: SchemaTexts): Promise<Diagnostic[][]> {
  return runXmllint(jobs, schema, schemas).catch((error: unknown) => {
    if (jobs.length > 1) return Promise.all(jobs.map((job) => validateGroup([job], schema, schemas).then((found) => found[0] ?? [])));
    const message = String((error as Error | undefined)?.message ?? error).split('\n')[0]?.trim() ?? 'xmllint failed';
    return [[{ code: 'not-well-formed', severity: 'error', message: `not well-formed: the XML engine gave up on this document (${message})`, line: 0, column: 0 }]];
  });
}

function loadJsonSchema(schemas: SchemaTexts, name: string): object {
  const text = schemas[name];
  if (text === undefined) throw new Error(`schema ${name} is not loaded`);
  return JSON.parse(text) as object;
}

/**
 * Validates documents with xmllint-wasm: the same pre-checks as the Node engine, then one
 * xmllint run per schema.
 * @param inputs - The documents.
 * @param schemas - Every XSD by file name.
 * @returns One result per input, in order.
 */
export async function validateWithWasm(inputs: readonly WasmInput[], schemas: SchemaTexts): Promise<ValidationResult[]> {
  const results: (ValidationResult | undefined)[] = [];
  const jobs: Job[] = [];
  inputs.forEach(({ file, input }, index) => {
    const decoded = decodeInput(input, file);
    if ('result' in decoded) return void (results[index] = decoded.result);
    if (looksLikeJson(decoded.text)) return void (results[index] = validateJsonText(decoded.text, file, (name) => loadJsonSchema(schemas, name)));
    const chosen = chooseSchema(decoded.text, file);
    if ('result' in chosen) return void (results[index] = chosen.result);
    jobs.push({ index, file, text: decoded.text, schema: chosen.kind.schema, kind: chosen.kind });
  });
  const bySchema = new Map<string, Job[]>();
  for (const job of jobs) bySchema.set(job.schema, [...(bySchema.get(job.schema) ?? []), job]);
  await Promise.all(Array.from(bySchema).map(async ([schema, group]) => {
    const found = await validateGroup(group, schema, schemas);
    // The open-world pass (see open-world.ts): documents with unknowns are validated again, blanked.
    const plans = group.map((job, k) => {
      const first = found[k] ?? [];
      const { kind } = job;
      if (first.some((d) => d.code === 'not-well-formed') || (first.length === 0 && !needsOpenWorldScan(kind))) return undefined;
      return planOpenWorld(job.text, kind);
    });
    const again = group.flatMap((job, k) => {
      const pruned = plans[k]?.pruned;
      return pruned === undefined ? [] : [{ ...job, text: pruned, k }];
    });
    const second = again.length > 0 ? await validateGroup(again, schema, schemas) : [];
    const secondByK = new Map(again.map((job, n) => [job.k, second[n] ?? []]));
    group.forEach((job, k) => {
      const plan = plans[k];
      const engine = secondByK.get(k) ?? found[k] ?? [];
      results[job.index] = makeResult(job.file, job.kind.root, schema, withIdentityFindings(job.kind, job.text, plan ? interpretEngineFindings(plan, engine) : engine));
    });
  }));
  return inputs.map((input, i) => results[i] ?? makeResult(input.file, undefined, undefined, []));
}
