/**
 * Output formats of the validator: `text` (one `path:line:col: severity: message [code]` per finding
 * and a summary line) and `json` (a stable machine-readable report).
 * @module
 */
import type { ValidationResult } from './diagnostic';

/** Counts over a validation run. */
export interface Summary {
  /** Documents checked. */
  readonly documents: number;
  /** Documents without errors. */
  readonly valid: number;
  /** Documents with at least one error. */
  readonly invalid: number;
  /** Error findings. */
  readonly errors: number;
  /** Warning findings. */
  readonly warnings: number;
}

/**
 * Counts documents and findings.
 * @param results - One result per document.
 */
export function summarize(results: readonly ValidationResult[]): Summary {
  const findings = results.flatMap((r) => r.diagnostics);
  const valid = results.filter((r) => r.valid).length;
  return {
    documents: results.length,
    valid,
    invalid: results.length - valid,
    errors: findings.filter((d) => d.severity === 'error').length,
    warnings: findings.filter((d) => d.severity === 'warning').length,
  };
}

/**
 * Formats one result as text lines, `path:line:col: severity: message [code]`.
 * @param result - The result of one document.
 */
export function formatResultText(result: ValidationResult): string[] {
  return result.diagnostics.map((d) => `${result.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
}

/**
 * Formats the summary line.
 * @param summary - Counts from {@link summarize}.
 */
export function formatSummaryText(summary: Summary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(summary.documents, 'document')} checked: ${summary.valid} valid, ${summary.invalid} invalid (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')})`;
}

/**
 * Formats a whole run as JSON: `{ summary, results }`.
 * @param results - One result per document.
 */
export function formatJson(results: readonly ValidationResult[]): string {
  return JSON.stringify({ summary: summarize(results), results }, null, 2);
}
