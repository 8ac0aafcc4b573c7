/**
 * Generates the TypeScript models of the XML documents from the XSDs: for each document kind of
 * the catalog, `src/models/generated/<schema>.ts` holds one interface per element with structure
 * (TSDoc from `xs:documentation`), a typed reader per interface and the `parse<Model>` function,
 * and, for the documents a guest sends, a writer and `serialize<Model>`.
 *
 * Names: an element's model is named by its `ws:meta model="…"` annotation, else by its named
 * complex type, else by the element name; when two different declarations of one document would
 * get the same name, each is prefixed with its parent's model name. Enumerated simple types become
 * string-literal unions named after the simple type: closed (checked by the reader) in the
 * documents a guest sends, open (`| (string & {})`, kept as sent) in those the platform sends, because
 * unknown is not wrong. The bounded integer types (int, short, unsignedShort, …) are read as numbers;
 * unbounded ones (integer, nonNegativeInteger, long) and every other value are the text as sent
 * (trimmed for elements). In a repeatable choice each child is read once, its first occurrence.
 *
 * `tsx src/tools/models.ts` writes the files; `--check` fails when a committed file differs.
 *
 * Longer than 300 lines on purpose: one generator, from the XSD model to the TypeScript of the models, their
 * readers and writers; splitting it would split the naming rules it applies everywhere.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeGeneratedFiles } from '../io/generated-files';
import { compile } from 'json-schema-to-typescript';
import { elementAnchor } from '../schema/anchors';
import { readSchemaTree, type SchemaAttribute, type SchemaElement, type SchemaValue } from '../schema/xsd-model';
import { documentKinds, xmlDocumentKinds } from '../validate/catalog';

const ROOT_DIR = path.resolve(__dirname, '..', '..');
/** Where the generated models go. */
export const GENERATED_DIR = path.join(ROOT_DIR, 'src', 'models', 'generated');

/** How a document is written. */
interface SerializeOptions {
  /** Who sends it: the guest's documents have closed enumerations; the platform's are open. */
  readonly sender: 'guest' | 'platform';
  /** The XML declaration the sender writes (with the line break after it, if any). */
  readonly declaration: string;
  /** Attributes the real agent puts on the root (namespace declarations). */
  readonly rootAttributes?: readonly (readonly [string, string])[];
  /** Text of elements with attributes goes into CDATA sections. */
  readonly cdata?: boolean;
}

/**
 * The documents that get a writer: those a guest sends, written as the real agent writes them
 * (WALinuxAgent's wire.py), and the WireServer's error body, which the mock sends (as captured in
 * Azure/WALinuxAgent#2960).
 */
const SERIALIZED: Readonly<Record<string, SerializeOptions>> = {
  Health: {
    sender: 'guest',
    declaration: '<?xml version="1.0" encoding="utf-8"?>',
    rootAttributes: [
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      ['xmlns:xsd', 'http://www.w3.org/2001/XMLSchema'],
    ],
  },
  TelemetryData: { sender: 'guest', declaration: '<?xml version="1.0"?>', cdata: true },
  RoleProperties: { sender: 'guest', declaration: '<?xml version="1.0" encoding="utf-8"?>' },
  Error: {
    sender: 'platform',
    declaration: '<?xml version="1.0" encoding="utf-8"?>\n',
    rootAttributes: [
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      ['xmlns:xsd', 'http://www.w3.org/2001/XMLSchema'],
    ],
  },
};

/**
 * The children as the model holds them. In a repeatable choice (`choice*`: any order, repeats
 * allowed) each child is one optional value, the first occurrence, as the clients read it.
 */
function modelChildren(element: SchemaElement): readonly SchemaElement[] {
  return element.compositor === 'choice*' ? element.children.map((c) => ({ ...c, min: 0, max: 1 })) : element.children;
}

/** Constant names of the namespaces the documents use. */
const KNOWN_NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.dmtf.org/ovf/environment/1': 'OVF_NAMESPACE',
  'http://schemas.microsoft.com/windowsazure': 'WA_NAMESPACE',
};

/** Whether an element gets an interface (it has attributes or child elements). */
function structured(element: SchemaElement): boolean {
  return element.children.length > 0 || element.attributes.length > 0;
}

/** Whether an element with attributes and no child elements carries text (`text`). */
function hasText(element: SchemaElement): boolean {
  return element.children.length === 0 && element.type !== 'empty';
}

/** An XML name as a TypeScript type name: `vmSettings` → `VmSettings`, `load-balancer.v2` → `LoadBalancerV2`. */
function pascal(name: string): string {
  const joined = name
    .split(/[^A-Za-z0-9_]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Za-z_]/.test(joined) ? joined : `T${joined}`;
}

function constantName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

/** The identity of an element's declaration: its named type, or its path for an anonymous one. */
function identity(element: SchemaElement): string {
  return element.typeName ? `type:${element.typeName}` : `path:${element.path.join('/')}`;
}

/** Assigns a model name to every structured element of a document. */
function assignNames(root: SchemaElement, rootName: string): Map<string, string> {
  const names = new Map<string, string>([[identity(root), rootName]]);
  const taken = new Map<string, string>([[rootName, identity(root)]]);
  let level: { element: SchemaElement; parent: string }[] = root.children.map((element) => ({ element, parent: rootName }));
  while (level.length > 0) {
    const candidates = new Map<string, { element: SchemaElement; parent: string; id: string }[]>();
    for (const item of level) {
      const id = identity(item.element);
      if (!structured(item.element) || names.has(id)) continue;
      const name = item.element.meta.model ?? item.element.typeName ?? pascal(item.element.name);
      const list = candidates.get(name) ?? [];
      if (!list.some((c) => c.id === id)) list.push({ ...item, id });
      candidates.set(name, list);
    }
    for (const [name, list] of [...candidates].sort(([a], [b]) => a.localeCompare(b))) {
      const clash = list.length > 1 || (taken.has(name) && taken.get(name) !== list[0]?.id);
      for (const { element, parent, id } of list) {
        let chosen = clash && !element.meta.model ? `${parent}${pascal(element.name)}` : name;
        if (taken.has(chosen) && taken.get(chosen) !== id) chosen = element.path.map(pascal).join('');
        if (taken.has(chosen) && taken.get(chosen) !== id)
          throw new Error(`${element.path.join('/')}: model name ${chosen} is taken; add ws:meta model="…" to the schema`);
        names.set(id, chosen);
        taken.set(chosen, id);
      }
    }
    level = level.flatMap(({ element }) =>
      element.children.map((child) => ({ element: child, parent: names.get(identity(element)) ?? rootName })),
    );
  }
  return names;
}

/** Text for a TSDoc comment: no comment terminator, no tags, and angle brackets as code (MDX-safe). */
function docText(text: string): string {
  return text
    .replace(/\*\//g, '*\\/')
    .replace(/@/g, '\\@')
    .replace(/`?(<[^<>\s][^<>]*>)`?/g, '`$1`')
    .replace(/([{}])/g, '\\$1');
}

/** Wraps a comment line at 120 characters, on spaces. */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}

function comment(lines: readonly string[], indent = ''): string {
  const width = 116 - indent.length;
  if (lines.length === 1 && (lines[0] ?? '').length <= width - 3 && !lines[0]?.startsWith('@')) return `${indent}/** ${lines[0]} */\n`;
  return commentBlock(
    lines.flatMap((l) => (l.startsWith('@') ? [l] : wrap(l, width))),
    indent,
  );
}

function commentBlock(lines: readonly string[], indent: string): string {
  const body = lines.filter((l, i) => l !== '' || (i > 0 && lines[i - 1] !== ''));
  if (body.length === 1 && !body[0]?.startsWith('@')) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

/** What one generated file holds while it is written. */
class ModelFile {
  readonly enums = new Map<string, { readonly values: readonly string[]; readonly open: boolean }>();
  readonly interfaces: string[] = [];
  readonly readers: string[] = [];
  readonly writers: string[] = [];
  readonly done = new Set<string>();
  readonly helpers = new Set<string>();

  readonly names: Map<string, string>;
  readonly category: string;
  readonly serialize: SerializeOptions | undefined;
  readonly page: string | undefined;

  constructor(names: Map<string, string>, category: string, serialize: SerializeOptions | undefined, page: string | undefined) {
    this.names = names;
    this.category = category;
    this.serialize = serialize;
    this.page = page;
  }

  modelName(element: SchemaElement): string {
    const name = this.names.get(identity(element));
    if (!name) throw new Error(`no model name for ${element.path.join('/')}`);
    return name;
  }

  /** The TypeScript type of a value, registering its enumeration. */
  /** Whether enumerations are closed: in the documents a guest sends (strict), not in those the platform sends. */
  get strict(): boolean {
    return this.serialize?.sender === 'guest';
  }

  /** Whether a value is checked against its enumeration when read: a closed enumeration in a guest's document. */
  closed(value: SchemaValue): boolean {
    return value.enumeration !== undefined && this.strict && !value.open;
  }

  valueType(value: SchemaValue): string {
    if (value.enumeration) {
      const open = !this.closed(value);
      if (value.typeName) {
        this.enums.set(value.typeName, { values: value.enumeration, open });
        return value.typeName;
      }
      return [...value.enumeration.map((v) => literal(v)), ...(open ? ['(string & {})'] : [])].join(' | ');
    }
    return value.kind;
  }

  /** The expression of the allowed values of an enumeration. */
  enumValues(value: SchemaValue): string {
    if (value.typeName) return `${constantName(value.typeName)}_VALUES`;
    return `[${(value.enumeration ?? []).map((v) => literal(v)).join(', ')}] as const`;
  }

  readonly namespaces = new Map<string, string>();

  namespaceConstant(uri: string): string {
    const name = KNOWN_NAMESPACES[uri] ?? `NAMESPACE_${this.namespaces.size + 1}`;
    if (!this.namespaces.has(uri)) this.namespaces.set(uri, name);
    return this.namespaces.get(uri) ?? name;
  }

  use(...helpers: string[]): void {
    for (const helper of helpers) this.helpers.add(helper);
  }

  /** Reader expression of an attribute. */
  attributeReader(attr: SchemaAttribute): string {
    const raw = attr.required ? `requiredAttr(e, '${attr.name}')` : `optionalAttr(e, '${attr.name}')`;
    this.use(attr.required ? 'requiredAttr' : 'optionalAttr');
    let expr = raw;
    if (this.closed(attr.value)) {
      this.use('enumAttr');
      expr = `enumAttr(e, ${raw}, ${this.enumValues(attr.value)}, '${attr.name}')`;
    } else if (attr.value.kind === 'number') {
      this.use('integerAttr');
      expr = `integerAttr(e, ${raw}, '${attr.name}')`;
    }
    return attr.required ? `${key(attr.name)}: ${expr}` : `...optional('${attr.name}', ${expr})`;
  }

  /** The expression reading a child element's value or model from the element expression `from`. */
  elementReader(element: SchemaElement, from: string): string {
    if (structured(element)) return `read${this.modelName(element)}(${from})`;
    if (this.closed(element.value)) {
      this.use('enumValue');
      return `enumValue(${from}, ${this.enumValues(element.value)})`;
    }
    if (element.value.kind === 'number') {
      this.use('integerValue');
      return `integerValue(${from})`;
    }
    this.use('textValue');
    return `textValue(${from})`;
  }

  /** The reader function of a child, when it is a plain function (not a closed enumeration). */
  directReader(child: SchemaElement): string | undefined {
    if (structured(child)) return `read${this.modelName(child)}`;
    if (this.closed(child.value)) return undefined;
    const name = child.value.kind === 'number' ? 'integerValue' : 'textValue';
    this.use(name);
    return name;
  }

  childReader(child: SchemaElement): string {
    const ns = child.namespace ? `, ${this.namespaceConstant(child.namespace)}` : '';
    const direct = this.directReader(child);
    if (child.max > 1) {
      this.use('repeatedChildren');
      const children = `repeatedChildren(e, '${child.name}', ${Math.min(child.min, 1)}${ns})`;
      return `${key(child.name)}: ${children}.map(${direct ?? `(c) => ${this.elementReader(child, 'c')}`})`;
    }
    if (child.min === 0) {
      this.use('optional', 'ifPresent', 'optionalChild');
      if (direct) return `...optional('${child.name}', ifPresent(optionalChild(e, '${child.name}'${ns}), ${direct}))`;
      return `...optional('${child.name}', ifPresent(optionalChild(e, '${child.name}'${ns}), (c) => ${this.elementReader(child, 'c')}))`;
    }
    this.use('requiredChild');
    return `${key(child.name)}: ${this.elementReader(child, `requiredChild(e, '${child.name}'${ns})`)}`;
  }

  propertyType(child: SchemaElement): string {
    const type = structured(child) ? this.modelName(child) : this.valueType(child.value);
    if (child.max > 1) return type.includes(' ') ? `readonly (${type})[]` : `readonly ${type}[]`;
    return type;
  }

  /** Declares the interface, reader and writer of a structured element and its descendants. */
  declare(element: SchemaElement): void {
    const name = this.modelName(element);
    if (this.done.has(name)) return;
    this.done.add(name);
    const code = `\`${element.path.join('/')}\``;
    const where = this.page ? `[${code}](${this.page}#${elementAnchor(element.path)})` : code;
    const members: string[] = [];
    for (const attr of element.attributes) {
      members.push(
        comment([`${docText(attr.documentation || `The ${attr.name} attribute.`)} (attribute)`], '  ') +
          `  readonly ${key(attr.name)}${attr.required ? '' : '?'}: ${this.valueType(attr.value)};`,
      );
    }
    const text = hasText(element);
    if (text) members.push(`${comment(['The text content, as sent.'], '  ')}  readonly text: ${this.valueType(element.value)};`);
    for (const child of modelChildren(element)) {
      members.push(
        comment([docText(child.documentation || `The ${child.name} element.`)], '  ') +
          `  readonly ${key(child.name)}${child.max <= 1 && child.min === 0 ? '?' : ''}: ${this.propertyType(child)};`,
      );
    }
    this.interfaces.push(
      comment([docText(element.documentation || `The ${element.name} element.`), '', `Element ${where}.`, `@category ${this.category}`]) +
        `export interface ${name} {\n${members.join('\n')}\n}\n`,
    );

    const reads = [...element.attributes.map((a) => this.attributeReader(a))];
    if (text) {
      if (this.closed(element.value)) {
        this.use('enumValue');
        reads.push(`text: enumValue(e, ${this.enumValues(element.value)})`);
      } else if (element.value.kind === 'number') {
        this.use('integerValue');
        reads.push('text: integerValue(e)');
      } else reads.push('text: e.text()');
    }
    reads.push(...modelChildren(element).map((c) => this.childReader(c)));
    const choices = new Map<number, SchemaElement[]>();
    for (const child of modelChildren(element))
      if (child.choice !== undefined) choices.set(child.choice, [...(choices.get(child.choice) ?? []), child]);
    const checks = [...choices.values()]
      .map((branches) => {
        this.use('requireOneOf');
        const ns = branches[0]?.namespace ? `, ${this.namespaceConstant(branches[0].namespace)}` : '';
        return `  requireOneOf(e, [${branches.map((b) => `'${b.name}'`).join(', ')}]${ns});\n`;
      })
      .join('');
    this.readers.push(`function read${name}(e: XmlElement): ${name} {\n${checks}  return {\n${reads.map(fitRead).join('\n')}\n  };\n}\n`);
    if (this.serialize) this.writers.push(this.writer(element, name));
    for (const child of element.children) if (structured(child)) this.declare(child);
  }

  writer(element: SchemaElement, name: string): string {
    const attrs = element.attributes.map((a) => `['${a.name}', v${access(a.name)}]`);
    const attrList = `[...extra${attrs.length ? `, ${attrs.join(', ')}` : ''}]`;
    const lines: string[] = [];
    if (hasText(element)) lines.push(`w.leaf(name, v.text, ${attrList});`);
    else if (element.children.length === 0) lines.push(`w.empty(name, ${attrList});`);
    else {
      lines.push(`w.open(name, ${attrList});`);
      for (const child of modelChildren(element)) {
        const value = `v${access(child.name)}`;
        const write = (item: string) =>
          structured(child) ? `write${this.modelName(child)}(w, '${child.name}', ${item});` : `w.leaf('${child.name}', ${item});`;
        if (child.max > 1) lines.push(`for (const item of ${value}) ${write('item')}`);
        else if (child.min === 0) lines.push(`if (${value} !== undefined) ${write(value)}`);
        else lines.push(write(value));
      }
      lines.push('w.close(name);');
    }
    const signature = `function write${name}(w: XmlWriter, name: string, v: ${name}, extra: XmlAttributes = []): void`;
    return `${signature} {\n${lines.map((l) => `  ${l}`).join('\n')}\n}\n`;
  }
}

/** One property of a reader's object literal, broken over lines when it would pass 120 characters. */
function fitRead(read: string): string {
  const line = `    ${read},`;
  if (line.length <= 120) return line;
  const spread = /^\.\.\.optional\('([^']+)', (.*)\)$/.exec(read);
  if (spread) return `    ...optional(\n      '${spread[1]}',\n      ${spread[2]},\n    ),`;
  const property = /^(\w+): (.*)$/.exec(read);
  return property ? `    ${property[1]}:\n      ${property[2]},` : line;
}

/** The root attributes argument of a generated serializer, if any. */
function rootAttributes(serialize: SerializeOptions): string {
  if (!serialize.rootAttributes) return '';
  return `, [\n${serialize.rootAttributes.map(([n, v]) => `    ['${n}', '${v}'],`).join('\n')}\n  ]`;
}

/** A single-quoted TypeScript string literal. */
function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function importLine(names: readonly string[], from: string): string {
  const line = `import { ${names.join(', ')} } from '${from}';\n`;
  return line.length <= 120 ? line : `import {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${from}';\n`;
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function access(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `['${name}']`;
}

/**
 * The generated source of one document's model.
 * @param schema - The XSD file name under `schemas/`.
 * @param root - The root element.
 * @param namespace - The root's namespace ('' for none).
 * @param schemaDir - The folder of the schemas; defaults to the package's `schemas/`.
 * @param page - The spec page of the document; each interface then links its element's entry there.
 */
export function generateModel(
  schema: string,
  root: string,
  namespace: string,
  schemaDir?: string,
  page?: string,
): { readonly name: string; readonly source: string } {
  const tree = schemaDir === undefined ? readSchemaTree(schema, root) : readSchemaTree(schema, root, schemaDir);
  const rootName = tree.meta.model ?? pascal(root);
  const file = new ModelFile(assignNames(tree, rootName), rootName, SERIALIZED[root], page);
  file.declare(tree);
  file.use('documentRoot');
  const rootNamespace = namespace ? file.namespaceConstant(namespace) : "''";
  const serialize = SERIALIZED[root];
  if (serialize) file.use('XmlWriter', 'XmlAttributes');
  const enums = [...file.enums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { values, open }]) => {
      const quoted = values.map((v) => literal(v));
      if (open) {
        return (
          commentBlock([`The known values of ${name}; the platform may send others, kept as sent.`, `@category ${rootName}`], '') +
          `export type ${name} = ${[...quoted, '(string & {})'].join(' | ')};\n`
        );
      }
      return (
        commentBlock([`The values of ${name}; the reader refuses any other.`, `@category ${rootName}`], '') +
        `export type ${name} = ${quoted.join(' | ')};\n\n` +
        `const ${constantName(name)}_VALUES: readonly ${name}[] = [${quoted.join(', ')}];\n`
      );
    });
  const helpers = [...file.helpers].filter((h) => h !== 'XmlWriter' && h !== 'XmlAttributes').sort();
  const out = [
    commentBlock(
      [
        `The \`${root}\` document (schemas/${schema}): model and reader${serialize ? ', writer' : ''}.`,
        '',
        'Generated by src/tools/models.ts from the schema; do not edit. Run `npm run gen:models` after changing the schema.',
        '@module',
      ],
      '',
    ),
    `import type { XmlElement } from '../../xml/safe-parse';\n`,
    importLine([...helpers, ...(serialize ? ['XmlWriter', 'type XmlAttributes'] : [])], '../xml-io'),
    '\n',
    [...file.namespaces]
      .map(
        ([uri, name]) =>
          `/** The namespace URI ${name === 'WA_NAMESPACE' ? 'of the Windows Azure provisioning elements' : 'of the document'}. */\n` +
          `export const ${name} = ${literal(uri)};\n`,
      )
      .join('\n'),
    file.namespaces.size ? '\n' : '',
    enums.join('\n'),
    enums.length ? '\n' : '',
    file.interfaces.join('\n'),
    '\n',
    file.readers.join('\n'),
    '\n',
    comment([
      `Parses a \`${root}\` document.`,
      '@param xml - The document text.',
      '@returns The model: values as sent (elements trimmed), bounded integers as numbers.',
      '@throws {@link WireServerError} when the XML is unsafe, malformed or incomplete, or an integer is not one' +
        `${file.strict ? ', or a value is outside its enumeration' : ''}.`,
      `@category ${rootName}`,
    ]) +
      `export function parse${rootName}(xml: string): ${rootName} {\n` +
      `  return read${rootName}(documentRoot(xml, '${root}', ${rootNamespace}));\n}\n`,
  ];
  if (serialize) {
    out.push(
      '\n',
      file.writers.join('\n'),
      '\n',
      comment([
        `Serializes a \`${root}\` document as the ${serialize.sender === 'guest' ? 'real agent' : 'WireServer'} writes it: ` +
          `\`${serialize.declaration.trim()}\`, one line, escaped text${serialize.cdata ? ' (CDATA for event text)' : ''}.`,
        `@param value - The ${rootName} to write.`,
        `@category ${rootName}`,
      ]) +
        `export function serialize${rootName}(value: ${rootName}): string {\n` +
        `  const w = new XmlWriter(${literal(serialize.declaration)}${serialize.cdata ? ', { cdata: true }' : ''});\n` +
        `  write${rootName}(w, '${root}', value${rootAttributes(serialize)});\n  return w.toString();\n}\n`,
    );
  }
  return { name: rootName, source: out.join('').replace(/\n{3,}/g, '\n\n') };
}

/** The generated files: path relative to {@link GENERATED_DIR} → content. */
export function generateModels(): Map<string, string> {
  const files = new Map<string, string>();
  for (const kind of xmlDocumentKinds) {
    const module = kind.schema.replace(/\.xsd$/, '');
    files.set(`${module}.ts`, generateModel(kind.schema, kind.root, kind.namespace, undefined, kind.page).source);
  }
  return files;
}

/** Wraps the long lines of a generated comment at 120 characters. */
function wrapComments(source: string): string {
  return source
    .split('\n')
    .flatMap((line) => {
      const match = /^(\s*\* )(.*)$/.exec(line);
      if (!match || line.length <= 120) return [line];
      const prefix = match[1] ?? ' * ';
      return wrap(match[2] ?? '', 120 - prefix.length).map((l) => `${prefix}${l}`);
    })
    .join('\n');
}

/**
 * The TypeScript types of the JSON documents, generated from their JSON Schemas with
 * json-schema-to-typescript: path relative to {@link GENERATED_DIR} → content.
 */
export async function generateJsonModels(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const kind of documentKinds.filter((k) => k.format === 'json')) {
    const schema: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'schemas', kind.schema), 'utf8'));
    const name = pascal(kind.root);
    // The type is named after the document kind, not the schema's human title or its URN.
    delete schema['title'];
    delete schema['$id'];
    const body = await compile(schema as Parameters<typeof compile>[0], name, {
      bannerComment: '',
      style: { singleQuote: true, printWidth: 120 },
      cwd: path.join(ROOT_DIR, 'schemas'),
      $refOptions: { resolve: { external: false } },
    });
    const banner =
      `/**\n * The \`${kind.root}\` JSON document (schemas/${kind.schema}): its type.\n *\n` +
      ' * Generated by src/tools/models.ts with json-schema-to-typescript; do not edit.\n' +
      ' * Run `npm run gen:models` after changing the schema.\n * @module\n */\n';
    const source = wrapComments(banner + body);
    files.set(kind.schema.replace(/\.schema\.json$/, '.ts'), source);
  }
  return files;
}

/** Every generated file: the XML document models and the JSON document types. */
export async function generateAll(): Promise<Map<string, string>> {
  return new Map([...generateModels(), ...(await generateJsonModels())]);
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generateAll();
  const stale = writeGeneratedFiles(
    [...files].map(([name, content]) => [path.join(GENERATED_DIR, name), content] as const),
    check,
  ).map((file) => `src/models/generated/${path.basename(file)}`);
  const extra = fs.existsSync(GENERATED_DIR) ? fs.readdirSync(GENERATED_DIR).filter((f) => !files.has(f)) : [];
  for (const name of extra) {
    if (check) stale.push(`src/models/generated/${name} (no schema generates it)`);
    else fs.rmSync(path.join(GENERATED_DIR, name));
  }
  if (check && stale.length > 0) {
    process.stderr.write(`generated models are out of date; run npm run gen:models:\n${stale.map((s) => `  ${s}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'generated models are up to date\n' : `wrote ${files.size} files to src/models/generated/\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`gen:models: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
