/**
 * Diagnostics: what a validation reports, with stable codes.
 * Every code has an anchor of the same name on the site's validator page.
 * @module
 */

/** How serious a finding is: errors make a document invalid, warnings do not. */
export type Severity = 'error' | 'warning';

/** Every stable diagnostic code. */
export type DiagnosticCode =
  /** The input could not be read. */
  | 'io-error'
  /** The input is not text in UTF-8 or UTF-16, or contains binary data. */
  | 'bad-encoding'
  /** The input is larger than the size limit. */
  | 'too-large'
  /** The input has a DOCTYPE declaration; WireServer documents never do, and DTDs enable entity attacks. */
  | 'doctype-forbidden'
  /** The input is not well-formed XML. */
  | 'not-well-formed'
  /** No schema describes the root element and namespace. */
  | 'unknown-document'
  /** The document breaks a rule its XSD states (a required element missing, a value of the wrong type, …). */
  | 'schema-violation'
  /** An element the spec does not know there: a warning in documents the platform sends, an error in those the guest sends. */
  | 'unknown-element'
  /** An attribute the spec does not know there: a warning in documents the platform sends, an error in those the guest sends. */
  | 'unknown-attribute'
  /** A JSON property the spec does not know there: a warning in documents the platform sends, an error in those the guest sends. */
  | 'unknown-property'
  /** Warning: a value outside an enumeration the spec lists, in a document the platform sends. */
  | 'undocumented-value'
  /** Warning: an element documents normally carry is absent, and real clients do without it. */
  | 'empty-container'
  /** Warning: a value of the wrong type or format that looks redacted or elided by hand (`REDACTED`, `***`, `MIIL...`): it cannot be checked. */
  | 'redacted-value'
  /** Warning: a Health report's GoalStateIncarnation differs from the bundle's goal state Incarnation. */
  | 'health-incarnation-mismatch'
  /** Warning: a Health Description longer than 512 characters, which clients truncate. */
  | 'description-too-long'
  /** Warning: an `x-ms-cipher-name` value that is neither AES128_CBC nor DES_EDE3_CBC. */
  | 'unknown-cipher'
  /** Warning: a configuration URL whose `incarnation=` differs from the goal state's Incarnation. */
  | 'config-url-incarnation-mismatch'
  /** Warning: documents of one bundle that name different container ids. */
  | 'container-id-mismatch'
  /** Warning: documents of one bundle that name different role instance ids. */
  | 'instance-id-mismatch';

/** One finding about one document. Lines and columns are 1-based. */
export interface Diagnostic {
  /** Stable code. */
  readonly code: DiagnosticCode;
  /** Error or warning. */
  readonly severity: Severity;
  /** Human-readable message; it never quotes secrets. */
  readonly message: string;
  /** 1-based line, or 0 when the finding is about the whole input. */
  readonly line: number;
  /** 1-based column, or 0 when unknown. */
  readonly column: number;
  /** For findings translated from an engine's (libxml2's for XML, ajv's for JSON): its original message. */
  readonly engineMessage?: string;
}

/** The verdict on one input. */
export interface ValidationResult {
  /** The path or name of the input, as given. */
  readonly file: string;
  /** The document kind's root element, when it was recognised. */
  readonly root: string | undefined;
  /** The schema used, when one was chosen. */
  readonly schema: string | undefined;
  /** `true` when there is no error (warnings allowed). */
  readonly valid: boolean;
  /** Every finding, in document order. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Builds a {@link ValidationResult} from its findings.
 * @param file - Path or name of the input.
 * @param root - Root element, if recognised.
 * @param schema - Schema used, if any.
 * @param diagnostics - The findings.
 */
export function makeResult(
  file: string,
  root: string | undefined,
  schema: string | undefined,
  diagnostics: readonly Diagnostic[],
): ValidationResult {
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, root, schema, valid: !sorted.some((d) => d.severity === 'error'), diagnostics: sorted };
}

/** The codes `--strict` turns from warnings into errors: what the spec does not know yet. */
const OPEN_WORLD_CODES: ReadonlySet<DiagnosticCode> = new Set([
  'unknown-element',
  'unknown-attribute',
  'unknown-property',
  'undocumented-value',
  'empty-container',
]);

/**
 * The strict verdict: every warning about vocabulary the spec does not know (unknown elements,
 * attributes and JSON properties, undocumented values, tolerated absences) becomes an error, for people who want exactly
 * the documented vocabulary. Other warnings (the checks beyond the XSD) stay warnings.
 * @param result - A result.
 * @returns The result with those warnings made errors.
 */
export function strictResult(result: ValidationResult): ValidationResult {
  if (!result.diagnostics.some((d) => d.severity === 'warning' && OPEN_WORLD_CODES.has(d.code))) return result;
  return makeResult(
    result.file,
    result.root,
    result.schema,
    result.diagnostics.map((d) => (d.severity === 'warning' && OPEN_WORLD_CODES.has(d.code) ? { ...d, severity: 'error' } : d)),
  );
}
