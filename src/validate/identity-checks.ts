/**
 * The identity constraints of the schemas, checked here instead of by the XML engine. XSD
 * `xs:unique`, `xs:key` and `xs:keyref` run libxml2's identity-constraint code, where
 * CVE-2024-56171 and CVE-2025-32415 sit, and libxmljs2 bundles a libxml2 (2.9.9) without their
 * fixes; so no schema declares one (a test checks it), and the rules they stated live here, with
 * the findings and messages libxml2 gave. Engine-independent (Node and the browser).
 * @module
 */
import type { DocumentKind } from './catalog';
import type { Diagnostic } from './diagnostic';
import { scanElements } from './xml-scan';

/** A uniqueness rule: among the `selector` children of each `scope` element, the `fields` attributes are unique. */
interface UniqueRule {
  /** The constraint's name, as it appeared in the schema. */
  readonly name: string;
  /** The document root the rule applies to. */
  readonly root: string;
  /** Local names from the root to the element the constraint was declared on. */
  readonly scope: readonly string[];
  /** The child element the values belong to. */
  readonly selector: string;
  /** The attributes whose values together must be unique, and whether their type collapses white space (xs:token). */
  readonly fields: readonly { readonly attribute: string; readonly collapse: boolean }[];
}

/** Every identity constraint of the schemas. */
const UNIQUE_RULES: readonly UniqueRule[] = [
  // Was xs:unique in extensions.xsd: a handler name and version pair has at most one PluginSettings/Plugin
  // (corpus: wire/invalid_config/ext_conf_multiple_settings_for_same_handler.xml).
  {
    name: 'UniquePluginSettings',
    root: 'Extensions',
    scope: ['Extensions', 'PluginSettings'],
    selector: 'Plugin',
    fields: [
      { attribute: 'name', collapse: false },
      { attribute: 'version', collapse: true },
    ],
  },
];

const samePath = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Checks the identity constraints of a document's kind. Run it on documents the schema accepted
 * (libxml2 reported these only on otherwise valid subtrees).
 * @param kind - The document kind.
 * @param text - The document text (well-formed, within the input limits).
 * @returns `schema-violation` findings, worded as libxml2 words them; empty when none.
 */
export function identityFindings(kind: DocumentKind, text: string): Diagnostic[] {
  const rules = UNIQUE_RULES.filter((r) => r.root === kind.root);
  if (rules.length === 0) return [];
  const elements = scanElements(text, { text: false });
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    let seen = new Set<string>();
    for (const e of elements) {
      if (samePath(e.path, rule.scope)) seen = new Set();
      if (e.name !== rule.selector || !samePath(e.path.slice(0, -1), rule.scope)) continue;
      const values = rule.fields.map((f) => {
        const value = e.attributes[f.attribute];
        return value === undefined ? undefined : f.collapse ? value.replace(/[ \t\r\n]+/g, ' ').trim() : value.replace(/[\t\r\n]/g, ' ');
      });
      if (values.some((v) => v === undefined)) continue;
      const key = JSON.stringify(values);
      if (!seen.has(key)) {
        seen.add(key);
        continue;
      }
      out.push({
        code: 'schema-violation',
        severity: 'error',
        line: e.line,
        column: e.column,
        message: `Element '${rule.selector}': Duplicate key-sequence [${values.map((v) => `'${v ?? ''}'`).join(', ')}] in unique identity-constraint '${rule.name}'.`,
      });
    }
  }
  return out;
}

/**
 * Adds the identity findings to an engine's findings when the engine found no error.
 * @param kind - The document kind.
 * @param text - The document text.
 * @param findings - What the engine found.
 */
export function withIdentityFindings(kind: DocumentKind, text: string, findings: readonly Diagnostic[]): Diagnostic[] {
  return findings.some((d) => d.severity === 'error') ? [...findings] : [...findings, ...identityFindings(kind, text)];
}
