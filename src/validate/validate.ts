/**
 * Validation in Node: decode, refuse DOCTYPE, detect the document kind, run libxml2; one document
 * at a time, or many at once with the schema compiled once per batch.
 * @module
 */
import { validateBatchWithLibxml, type BatchJob } from './batch-engine';
import type { DocumentKind } from './catalog';
import { makeResult, type Diagnostic, type ValidationResult } from './diagnostic';
import { withIdentityFindings } from './identity-checks';
import { looksLikeJson } from './json-core';
import { validateJsonDocument } from './json-engine';
import { validateWithLibxml } from './libxml-engine';
import { interpretEngineFindings, needsOpenWorldScan, planOpenWorld } from './open-world';
import { chooseSchema, decodeInput, type Decoded } from './prechecks';

/**
 * The open-world verdict on a document from the engine's findings on its text (see `open-world.ts`):
 * unknowns found, blanked out and the blanked text validated again; engine findings translated.
 * @param text - The decoded document.
 * @param kind - Its document kind.
 * @param found - libxml2's findings on `text`.
 */
function openWorldVerdict(text: string, kind: DocumentKind, found: readonly Diagnostic[]): Diagnostic[] {
  if (found.some((d) => d.code === 'not-well-formed') || (found.length === 0 && !needsOpenWorldScan(kind))) return [...found];
  const plan = planOpenWorld(text, kind);
  return interpretEngineFindings(plan, plan.pruned === undefined ? found : validateWithLibxml(plan.pruned, kind.schema));
}

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
  return makeResult(
    file,
    kind.root,
    kind.schema,
    withIdentityFindings(kind, text, openWorldVerdict(text, kind, validateWithLibxml(text, kind.schema))),
  );
}

/** Most documents validated between two progress reports (a batch costs one schema compilation more). */
export const PROGRESS_STEP = 500;

/** One input of {@link validateDocuments}. */
export interface DocumentInput {
  /** Its path or name, carried into the result. */
  readonly file: string;
  /** The raw bytes or the text of the document. */
  readonly input: Uint8Array | string;
}

/**
 * Validates many documents; each result equals {@link validateDocument}'s on the same input, but
 * the XML documents of one schema are validated in batches (see `batch-engine.ts`), which is
 * several times faster.
 * @param inputs - The documents.
 * @param onProgress - Called with the number of documents done so far, after each batch (at most
 * {@link PROGRESS_STEP} documents of one schema).
 * @returns One result per input, in order.
 */
export function validateDocuments(inputs: readonly DocumentInput[], onProgress?: (done: number) => void): ValidationResult[] {
  return validateDecodedDocuments(
    inputs.map(({ input, file }) => ({ file, decoded: decodeInput(input, file) })),
    onProgress,
  );
}

/** A document already through {@link decodeInput}, for {@link validateDecodedDocuments}. */
export interface DecodedInput {
  /** Its path or name, carried into the result. */
  readonly file: string;
  /** What {@link decodeInput} returned for it. */
  readonly decoded: Decoded;
}

/**
 * {@link validateDocuments} on documents the caller has already decoded (the CLI needs their text
 * for redaction and the bundle checks), so that the prechecks run once per document.
 * @param inputs - The decoded documents.
 * @param onProgress - As for {@link validateDocuments}.
 * @returns One result per input, in order.
 */
export function validateDecodedDocuments(inputs: readonly DecodedInput[], onProgress?: (done: number) => void): ValidationResult[] {
  const results: (ValidationResult | undefined)[] = inputs.map(() => undefined);
  const groups = new Map<DocumentKind, { index: number; job: BatchJob }[]>();
  for (const [index, { decoded, file }] of inputs.entries()) {
    if ('result' in decoded) {
      results[index] = decoded.result;
      continue;
    }
    const { text } = decoded;
    if (looksLikeJson(text)) {
      results[index] = validateJsonDocument(text, file);
      continue;
    }
    const chosen = chooseSchema(text, file);
    if ('result' in chosen) {
      results[index] = chosen.result;
      continue;
    }
    const group = groups.get(chosen.kind) ?? [];
    group.push({ index, job: { file, text } });
    groups.set(chosen.kind, group);
  }
  let done = inputs.length - Array.from(groups.values()).reduce((n, group) => n + group.length, 0);
  for (const [kind, group] of groups) {
    for (let start = 0; start < group.length; start += PROGRESS_STEP) {
      const slice = group.slice(start, start + PROGRESS_STEP);
      const { findings } = validateBatchWithLibxml(
        slice.map((g) => g.job),
        kind,
      );
      slice.forEach((g, k) => {
        results[g.index] = makeResult(
          g.job.file,
          kind.root,
          kind.schema,
          withIdentityFindings(kind, g.job.text, openWorldVerdict(g.job.text, kind, findings[k] ?? [])),
        );
      });
      done += slice.length;
      onProgress?.(done);
    }
  }
  // Every input got its result above: from its prechecks, its schema choice, the JSON core or its batch.
  return results as ValidationResult[];
}
