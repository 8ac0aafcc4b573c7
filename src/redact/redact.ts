/**
 * Redaction of secrets in captured WireServer documents (XML or JSON), before they are shared.
 * Shared module: the validate CLI's `--redact`, the validator page's "Redact" button and the
 * client's `capture` command all use it. Pure string code with no Node imports, so the browser can
 * run it.
 *
 * What it removes (each value becomes {@link REDACTED}, which is valid base64 and a valid string, so
 * a redacted document still validates; the line count is kept, so positions still match):
 * SAS signatures (`sig=` in URLs), extension protected settings, certificate payloads
 * (`CertificateFile/Data`), passwords (`UserPassword`, `AdminPassword`, `Password`, JSON keys ending
 * in `password`), `CustomData`, and PEM private-key bodies.
 * @module
 */

/** The text that replaces a secret. */
export const REDACTED = 'REDACTED';

/** What kind of secret a redaction removed. */
export type RedactionKind = 'sas-signature' | 'protected-settings' | 'certificate-data' | 'password' | 'custom-data' | 'private-key';

/** One secret removed. */
export interface Redaction {
  /** What it was. */
  readonly kind: RedactionKind;
  /** 1-based line where it started. */
  readonly line: number;
}

/** The outcome of {@link redactText}. */
export interface RedactionResult {
  /** The redacted text. */
  readonly text: string;
  /** Every secret removed, in document order. */
  readonly redactions: readonly Redaction[];
}

interface Rule {
  readonly kind: RedactionKind;
  /** Group 1: kept prefix; group 2: the secret; group 3: kept suffix. */
  readonly pattern: RegExp;
  /** Applies only when this matches the whole text. */
  readonly when?: RegExp;
}

const XML_SECRET_ELEMENT = (names: string, kind: RedactionKind, when?: RegExp): Rule => ({
  kind,
  pattern: new RegExp(`(<(?:[\\w.-]+:)?(?:${names})(?:\\s[^>]*)?>)([^<]+)(</(?:[\\w.-]+:)?(?:${names})\\s*>)`, 'g'),
  ...(when ? { when } : {}),
});

const JSON_STRING = (keys: string): string => `((?:"|&quot;)(?:${keys})(?:"|&quot;)\\s*:\\s*(?:"|&quot;))((?:(?!&quot;)[^"\\\\]|\\\\.)+)((?:"|&quot;))`;

const RULES: readonly Rule[] = [
  { kind: 'sas-signature', pattern: /([?&]sig=|&amp;sig=)([^&"'<>\s]+)()/g },
  { kind: 'protected-settings', pattern: new RegExp(JSON_STRING('protectedSettings'), 'g') },
  { kind: 'password', pattern: new RegExp(JSON_STRING('\\w*[Pp]assword'), 'g') },
  { kind: 'custom-data', pattern: new RegExp(JSON_STRING('customData'), 'g') },
  XML_SECRET_ELEMENT('Data', 'certificate-data', /<(?:[\w.-]+:)?CertificateFile[\s>]/),
  XML_SECRET_ELEMENT('UserPassword|AdminPassword|Password', 'password'),
  XML_SECRET_ELEMENT('CustomData', 'custom-data'),
  { kind: 'private-key', pattern: /(-----BEGIN [A-Z ]*PRIVATE KEY-----)([\s\S]+?)(-----END [A-Z ]*PRIVATE KEY-----)/g },
];

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * Removes secrets from a document's text. Values that are already {@link REDACTED} are left alone,
 * so redacting twice changes nothing.
 * @param text - An XML or JSON document (or any text holding such values).
 * @returns The redacted text and what was removed.
 */
export function redactText(text: string): RedactionResult {
  const redactions: Redaction[] = [];
  let out = text;
  for (const rule of RULES) {
    if (rule.when && !rule.when.test(out)) continue;
    out = out.replace(rule.pattern, (whole, before: string, secret: string, after: string, offset: number, input: string) => {
      const value = secret.trim();
      if (value === REDACTED || value === '') return whole;
      redactions.push({ kind: rule.kind, line: lineOf(input, offset) });
      const newlines = secret.split('\n').length - 1;
      return `${before}${REDACTED}${'\n'.repeat(newlines)}${after}`;
    });
  }
  // Each replacement keeps the line count, so lines found in later passes hold for the original.
  return { text: out, redactions: redactions.sort((a, b) => a.line - b.line) };
}

/** The infix of redacted copies: `GoalState.xml` → `GoalState.redacted.xml`. */
export const REDACTED_INFIX = '.redacted';

/**
 * The name of the redacted copy of a file: `<name>.redacted.<ext>`.
 * @param fileName - A file name or path.
 */
export function redactedFileName(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const dot = fileName.lastIndexOf('.');
  return dot > slash + 1 ? `${fileName.slice(0, dot)}${REDACTED_INFIX}${fileName.slice(dot)}` : `${fileName}${REDACTED_INFIX}`;
}

/**
 * Tells whether a file name is a redacted copy made by {@link redactedFileName}.
 * @param fileName - A file name or path.
 */
export function isRedactedFileName(fileName: string): boolean {
  return /\.redacted(\.[^./\\]+)?$/.test(fileName);
}
