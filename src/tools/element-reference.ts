/**
 * Generates the element reference of every document from its XSD (element, cardinality, type,
 * status, description, children nested) as MDX partials under `docs/_generated/elements/`.
 * `--check` regenerates in memory and exits 1 when a committed file differs.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeGeneratedFiles } from '../io/generated-files';
import { documentKinds } from '../validate/catalog';
import { SCHEMA_DIR } from '../schema/schema-dir';
import { attributeAnchor, elementAnchor } from '../schema/anchors';
import { readSchemaTree, type SchemaAttribute, type SchemaElement, type SchemaMeta } from '../schema/xsd-model';

/** Where the generated partials go. */
export const ELEMENT_REFERENCE_DIR = path.resolve(__dirname, '..', '..', 'docs', '_generated', 'elements');

/**
 * Escapes text for MDX prose: angle brackets and braces would otherwise be read as JSX.
 * @param text - Plain text.
 */
export function escapeMdx(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'))
    .replace(/\*/g, '\\*')
    .replace(/_/g, '\\_');
}

/** The WALinuxAgent commit whose version name is shown instead of its hash. */
const KNOWN_VERSIONS: Readonly<Record<string, string>> = { a976115fd7254f4f9f54cc33528f0817b07b7976: 'WALinuxAgent 2.15.0.1' };

/** File names that several source files share, shown with their folder in link texts. */
const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set([
  'default.py',
  'util.py',
  'mod.rs',
  'main.py',
  'main.c',
  'base.py',
  'dhcp.py',
  'dhcp.rs',
  'config.rs',
  'imds.py',
  'kvp.py',
  'azure.py',
]);

/**
 * The short text of a source link: `file@version` for a permalink, `owner/repo#N` for an issue or pull request.
 * @param url - A GitHub URL.
 */
export function sourceLabel(url: string): string {
  const permalink = /^https:\/\/github\.com\/[\w.-]+\/([\w.-]+)\/(?:blob|tree)\/([0-9a-f]{40})\/([^#]*?)\/?(#L\d+(?:-L\d+)?)?$/.exec(url);
  if (permalink) {
    const [, repo = '', commit = '', file = '', lines] = permalink;
    const parts = file.split('/').filter(Boolean);
    const base = parts.pop() || repo;
    // Names shared by several files of a repository are shown with their folder.
    const name = AMBIGUOUS_NAMES.has(base) && parts.length > 0 ? `${parts.pop()}/${base}` : base;
    return `${name}${lines ? ` ${lines.slice(1).replace('-', '–')}` : ''} (${KNOWN_VERSIONS[commit] ?? `${repo}@${commit.slice(0, 7)}`})`;
  }
  const thread = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/(issues|pull)\/(\d+)/.exec(url);
  if (thread) return `${thread[1]}${thread[2] === 'pull' ? ' PR ' : ''}#${thread[3]}`;
  return url;
}

/**
 * Escapes text for MDX and turns each URL in it into a Markdown link with a short label.
 * @param text - Schema documentation or a `ws:meta` source.
 */
export function linkSources(text: string): string {
  const parts = text.split(/(https:\/\/[^\s;,)"<>]+[^\s;,.)"<>])/);
  return parts.map((part, i) => (i % 2 === 1 ? `[${escapeMdx(sourceLabel(part))}](${part})` : escapeMdx(part))).join('');
}

function codeSpan(text: string): string {
  return text.replace(/`/g, "'");
}

function cardinality(min: number, max: number): string {
  return `${min}..${max === Infinity ? '*' : max}`;
}

function badges(meta: SchemaMeta): string {
  const parts = [meta.status, meta.use ? `clients: ${meta.use}` : undefined, meta.since ? `since ${meta.since}` : undefined].filter(
    Boolean,
  );
  return parts.length ? ` · <span className="ws-meta">${parts.map((p) => escapeMdx(String(p))).join(' · ')}</span>` : '';
}

function attributeLine(element: SchemaElement, attr: SchemaAttribute, indent: string): string {
  const anchor = attributeAnchor(element.path, attr.name);
  return `${indent}- <Anchor id="${anchor}" />**\`@${attr.name}\`** (${attr.required ? 'required' : 'optional'}) · \`${codeSpan(attr.type)}\`${badges(attr.meta)}  \n${indent}  ${linkSources(attr.documentation)}${attr.meta.source ? `  \n${indent}  <small>Source: ${linkSources(attr.meta.source)}</small>` : ''}`;
}

function elementLines(element: SchemaElement, depth: number, parentNamespace = ''): string[] {
  const indent = '  '.repeat(depth);
  const ns = element.namespace !== parentNamespace ? ` · namespace \`${element.namespace}\`` : '';
  const order =
    element.compositor === 'choice*'
      ? ' · children in any order, repeatable'
      : element.compositor === 'choice'
        ? ' · one of the children'
        : element.compositor === 'all'
          ? ' · children in any order'
          : '';
  const lines = [
    `${indent}- <Anchor id="${elementAnchor(element.path)}" />**\`<${element.name}>\`** (${cardinality(element.min, element.max)}) · \`${codeSpan(element.type)}\`${order}${ns}${badges(element.meta)}  \n${indent}  ${linkSources(element.documentation)}${element.meta.source ? `  \n${indent}  <small>Source: ${linkSources(element.meta.source)}</small>` : ''}`,
  ];
  for (const attr of element.attributes) lines.push(attributeLine(element, attr, `${indent}  `));
  for (const child of element.children) lines.push(...elementLines(child, depth + 1, element.namespace));
  return lines;
}

/**
 * Renders the element reference of one document.
 * @param schema - XSD file name.
 * @param root - Root element name.
 */
export function renderElementReference(schema: string, root: string): string {
  const tree = readSchemaTree(schema, root);
  return [
    `{/* Generated from schemas/${schema} by src/tools/element-reference.ts; do not edit. Run: npm run gen:elements */}`,
    '',
    "import Anchor from '@site/site/components/Anchor';",
    '',
    ...elementLines(tree, 0),
    '',
  ].join('\n');
}

/** The part of a JSON Schema the reference reads. */
interface JsonSchemaNode {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly additionalProperties?: boolean;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, JsonSchemaNode>>;
}

/**
 * The node with a local `$ref` (`#/definitions/<name>`) replaced by its definition; the node's own
 * description wins over the definition's.
 */
function resolveRef(node: JsonSchemaNode, root: JsonSchemaNode): JsonSchemaNode {
  const name = node.$ref?.replace(/^#\/definitions\//, '');
  const target = name !== undefined ? root.definitions?.[name] : undefined;
  if (!target) return node;
  const description = node.description ?? target.description;
  return description === undefined ? target : { ...target, description };
}

function jsonType(node: JsonSchemaNode): string {
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (node.anyOf && !node.type) return node.anyOf.map(jsonType).join(' or ');
  if (node.type === 'array') return `array of ${node.items ? jsonType(node.items) : 'any'}`;
  const type = Array.isArray(node.type) ? node.type.join(' or ') : String(node.type ?? 'any');
  return node.pattern ? `${type} matching ${node.pattern}` : type;
}

function jsonLines(node: JsonSchemaNode, keyPath: readonly string[], depth: number, root: JsonSchemaNode): string[] {
  const items = node.items ? resolveRef(node.items, root) : undefined;
  const object = node.properties ? node : items?.properties ? items : undefined;
  if (!object?.properties) return [];
  const indent = '  '.repeat(depth);
  return Object.entries(object.properties).flatMap(([name, declared]) => {
    const child = resolveRef(declared, root);
    const childPath = [...keyPath, name];
    const required = object.required?.includes(name) ? 'required' : 'optional';
    return [
      `${indent}- <Anchor id="${elementAnchor(childPath)}" />**\`"${name}"\`** (${required}) · \`${codeSpan(jsonType(child))}\`  ` +
        `\n${indent}  ${linkSources(child.description ?? '')}`,
      ...jsonLines(child, childPath, depth + 1, root),
    ];
  });
}

/**
 * Renders the key reference of a JSON document from its JSON Schema, in the same form as the
 * element references (anchors `el-<Root>-<key>-…`).
 * @param schema - JSON Schema file name.
 * @param root - The document kind's root name in the catalog.
 */
export function renderJsonReference(schema: string, root: string): string {
  const tree = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, schema), 'utf8')) as JsonSchemaNode;
  return [
    `{/* Generated from schemas/${schema} by src/tools/element-reference.ts; do not edit. Run: npm run gen:elements */}`,
    '',
    "import Anchor from '@site/site/components/Anchor';",
    '',
    `- <Anchor id="${elementAnchor([root])}" />**${escapeMdx(root)}** (JSON ` +
      `object${tree.additionalProperties === false ? '' : '; other keys allowed'})  \n  ${linkSources(tree.description ?? '')}`,
    ...jsonLines(tree, [root], 1, tree),
    '',
  ].join('\n');
}

/** The generated file name of a root element's reference. */
export function elementReferenceFile(root: string): string {
  return path.join(ELEMENT_REFERENCE_DIR, `${root}.mdx`);
}

/**
 * Writes (or, with `check`, compares) every element reference.
 * @param check - Compare instead of writing.
 * @returns The files that differ (with `check`) or were written.
 */
export function generateElementReferences(check: boolean): string[] {
  return writeGeneratedFiles(
    documentKinds.map((kind) => [
      elementReferenceFile(kind.root),
      kind.format === 'json' ? renderJsonReference(kind.schema, kind.root) : renderElementReference(kind.schema, kind.root),
    ]),
    check,
  );
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const touched = generateElementReferences(check);
  const rel = (f: string) => path.relative(process.cwd(), f);
  if (check && touched.length > 0) {
    process.stderr.write(
      `element references are out of date; run npm run gen:elements:\n${touched.map((f) => `  ${rel(f)}`).join('\n')}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(check ? 'element references are up to date\n' : `${touched.length} element reference(s) written\n`);
  }
}
