/**
 * The validator (`wireserver-spec/validate`): checks captured WireServer, HostGAPlugin and
 * provisioning documents against the schemas, one by one or as a capture bundle.
 * @module
 */
export { validateDocument, validateDocuments, type DocumentInput } from './validate';
export { checkBundle, withBundleWarnings, type BundleDocument } from './bundle-checks';
export { documentKinds, findDocumentKind, findJsonDocumentKind, xmlDocumentKinds, type DocumentKind } from './catalog';
export { formatJson, formatResultText, formatSummaryText, summarize, type Summary } from './format';
export { makeResult, type Diagnostic, type DiagnosticCode, type Severity, type ValidationResult } from './diagnostic';
