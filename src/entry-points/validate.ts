/**
 * `wireserver-spec/validate`: the validator alone, as the `wireserver validate` command runs it.
 * Validates WireServer documents against the schemas shipped in the package's `schemas/` folder,
 * runs the checks beyond the XSD on a bundle, formats the findings and writes redacted copies.
 * @module
 */
export { validateDocument, validateDocuments, type DocumentInput } from '../validate/validate';
export { checkBundle, withBundleWarnings, type BundleDocument } from '../validate/bundle-checks';
export { formatJson, formatResultText, formatSummaryText, summarize, type Summary } from '../validate/format';
export { documentKinds, findDocumentKind, findJsonDocumentKind, xmlDocumentKinds, type DocumentKind } from '../validate/catalog';
export { SCHEMA_DIR } from '../schema/schema-dir';
export type { Diagnostic, DiagnosticCode, Severity, ValidationResult } from '../validate/diagnostic';
export {
  REDACTED,
  isRedactedFileName,
  redactText,
  redactedFileName,
  type Redaction,
  type RedactionKind,
  type RedactionResult,
} from '../redact/redact';
export { runValidate, type CliIo } from '../cli/validate';
