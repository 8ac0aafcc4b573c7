/**
 * Reads the project's XSDs into a tree of element and attribute descriptions: the data behind the
 * generated element references, the model parity test and the validator's links into the spec.
 * Handles the XSD subset the schemas use: global and local elements, element refs, named and
 * anonymous complex and simple types, sequence / choice / all, simple content with attributes,
 * includes and imports.
 *
 * Longer than 300 lines on purpose: the XSD subset the schemas use is read in one place, so the element
 * pages, the generated models and the validator's vocabulary cannot read it differently.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import libxmljs from 'libxmljs2';
import { SCHEMA_DIR } from './schema-dir';
import { SAFE_PARSE_OPTIONS } from '../xml/safe-parse';
export { elementAnchor } from './anchors';

const XS = 'http://www.w3.org/2001/XMLSchema';
const APPINFO_NS = 'urn:wireserver-spec:appinfo';

/** Status and provenance kept as data in `xs:appinfo/ws:meta`. */
export interface SchemaMeta {
  /** `observed` (seen in real captures), `inferred` (from client code), `legacy` or `rare`. */
  readonly status?: string;
  /** x-ms-version or agent version in which it was first seen. */
  readonly since?: string;
  /** What clients do with it: `required`, `optional` or `ignored`. */
  readonly use?: string;
  /** Where the evidence is (repo:path, issue numbers). */
  readonly source?: string;
  /**
   * On an optional element that documents normally carry: why its absence is tolerated (what real
   * clients do without it). The validator warns (`empty-container`) when it is absent.
   */
  readonly whenAbsent?: string;
  /** The name of the generated TypeScript model of this element's content, when the element name alone would be ambiguous. */
  readonly model?: string;
}

/** The value of an attribute or of an element with simple content, as the generated models type it. */
export interface SchemaValue {
  /**
   * `number` for the XSD integer types a JavaScript number holds exactly (int, short, their unsigned
   * forms); `string` for everything else (booleans and unbounded integers stay as sent).
   */
  readonly kind: 'string' | 'number';
  /** The allowed values, when the type is an enumeration (or the known values of a union with one). */
  readonly enumeration?: readonly string[];
  /** Whether values outside `enumeration` are valid too (a union of an enumeration with an open type). */
  readonly open?: boolean;
  /** The named simple type, if any (e.g. `HealthState`). */
  readonly typeName?: string;
}

/** An attribute of an element. */
export interface SchemaAttribute {
  /** Attribute name. */
  readonly name: string;
  /** Whether it must be present. */
  readonly required: boolean;
  /** Human description of its type. */
  readonly type: string;
  /** The `xs:documentation` text. */
  readonly documentation: string;
  /** The appinfo metadata. */
  readonly meta: SchemaMeta;
  /** The value type. */
  readonly value: SchemaValue;
}

/** An element and its content, as the schema allows it in one place. */
export interface SchemaElement {
  /** Local name. */
  readonly name: string;
  /** Target namespace of the element ('' for none). */
  readonly namespace: string;
  /** Element names from the root to this element, inclusive. */
  readonly path: readonly string[];
  /** minOccurs. */
  readonly min: number;
  /** maxOccurs; `Infinity` for unbounded. */
  readonly max: number;
  /** Human description of the content type (`complex` for element content). */
  readonly type: string;
  /** The `xs:documentation` text. */
  readonly documentation: string;
  /** The appinfo metadata. */
  readonly meta: SchemaMeta;
  /** Attributes. */
  readonly attributes: readonly SchemaAttribute[];
  /** How the children combine: `sequence`, `choice`, `all`, `choice*` (any order, repeatable) or `none`. */
  readonly compositor: string;
  /** Child elements. */
  readonly children: readonly SchemaElement[];
  /** The value type of the element's text, for simple, simple-content and mixed elements. */
  readonly value: SchemaValue;
  /** The named complex type of the element, if any. */
  readonly typeName?: string;
  /**
   * For an element that is one branch of a required `xs:choice` (so its own `min` is 0): a number
   * shared by the branches of that choice, one of which must be present.
   */
  readonly choice?: number;
  /** Whether its text is a value (simple type or simple content) rather than child elements. */
  readonly simpleContent?: boolean;
  /** Whether its content has an `xs:any` wildcard, so undeclared children are allowed. */
  readonly wildcard?: boolean;
  /** Whether it has an `xs:anyAttribute`, so undeclared attributes are allowed. */
  readonly anyAttribute?: boolean;
}

/** A named simple type and what the schema says about it. */
export interface SchemaSimpleType {
  /** Its name. */
  readonly name: string;
  /** The `xs:documentation` text. */
  readonly documentation: string;
  /** The appinfo metadata, including `expects`: how a value of this type is described to people. */
  readonly meta: SchemaMeta & { readonly expects?: string; readonly closed?: string };
  /** Its enumeration values (empty when it has none). */
  readonly enumeration: readonly string[];
}

type Node = libxmljs.Element;

interface SchemaSet {
  readonly elements: Map<string, Node>;
  readonly complexTypes: Map<string, Node>;
  readonly simpleTypes: Map<string, Node>;
  readonly groups: Map<string, Node>;
  readonly attributeGroups: Map<string, Node>;
  readonly namespaceOf: Map<Node, string>;
}

function xs(node: Node, name: string): Node[] {
  return node
    .childNodes()
    .filter((n): n is Node => n.type() === 'element' && (n as Node).name() === name && (n as Node).namespace()?.href() === XS);
}

function localPart(qname: string): string {
  return qname.includes(':') ? qname.slice(qname.indexOf(':') + 1) : qname;
}

function loadSchemaSet(file: string, set: SchemaSet, seen: Set<string>, inheritedNs?: string): void {
  const full = path.resolve(file);
  if (seen.has(full)) return;
  seen.add(full);
  const root = libxmljs.parseXml(fs.readFileSync(full, 'utf8'), { ...SAFE_PARSE_OPTIONS, baseUrl: full }).root();
  if (!root) return;
  const targetNs = root.attr('targetNamespace')?.value() ?? inheritedNs ?? '';
  for (const inc of xs(root, 'include'))
    loadSchemaSet(path.join(path.dirname(full), inc.attr('schemaLocation')?.value() ?? ''), set, seen, targetNs);
  for (const imp of xs(root, 'import')) {
    const loc = imp.attr('schemaLocation')?.value();
    if (loc) loadSchemaSet(path.join(path.dirname(full), loc), set, seen);
  }
  const add = (map: Map<string, Node>, kind: string) => {
    for (const node of xs(root, kind)) {
      const name = node.attr('name')?.value();
      if (name) {
        map.set(name, node);
        set.namespaceOf.set(node, targetNs);
      }
    }
  };
  add(set.elements, 'element');
  add(set.complexTypes, 'complexType');
  add(set.simpleTypes, 'simpleType');
  add(set.groups, 'group');
  add(set.attributeGroups, 'attributeGroup');
}

function documentationOf(node: Node): string {
  const annotation = xs(node, 'annotation')[0];
  if (!annotation) return '';
  return xs(annotation, 'documentation')
    .map((d) => d.text().replace(/\s+/g, ' ').trim())
    .join(' ');
}

function metaOf(node: Node): SchemaMeta {
  const annotation = xs(node, 'annotation')[0];
  const appinfo = annotation ? xs(annotation, 'appinfo')[0] : undefined;
  const meta = appinfo?.childNodes().find((n) => n.type() === 'element' && (n as Node).namespace()?.href() === APPINFO_NS) as
    | Node
    | undefined;
  if (!meta) return {};
  const out: Record<string, string> = {};
  for (const attr of meta.attrs()) out[attr.name()] = attr.value();
  return out as SchemaMeta;
}

function describeSimpleType(node: Node, set: SchemaSet, name?: string): string {
  const restriction = xs(node, 'restriction')[0];
  const union = xs(node, 'union')[0];
  const prefix = name ? `${name}: ` : '';
  if (restriction) {
    const enums = xs(restriction, 'enumeration').map((e) => e.attr('value')?.value() ?? '');
    if (enums.length > 0) return `${prefix}one of ${enums.map((v) => `"${v}"`).join(', ')}`;
    const base = localPart(restriction.attr('base')?.value() ?? 'string');
    const pattern = xs(restriction, 'pattern')[0]?.attr('value')?.value();
    const baseType = set.simpleTypes.get(base);
    if (name) return baseType ? `${name} (${describeSimpleType(baseType, set)})` : name;
    return pattern ? `${base} matching ${pattern}` : base;
  }
  if (union) return `${prefix}union of ${(union.attr('memberTypes')?.value() ?? '').split(/\s+/).map(localPart).join(', ')}`;
  return name ?? 'string';
}

/**
 * The XSD integer types whose every value is exact in a JavaScript number. The unbounded ones
 * (`integer`, `nonNegativeInteger`, `long`, …) stay decimal text: .NET tick counts such as
 * `createdOnTicks` pass 2^53.
 */
const SAFE_INTEGER_TYPES = new Set(['int', 'short', 'byte', 'unsignedInt', 'unsignedShort', 'unsignedByte']);

function simpleValue(node: Node | undefined, set: SchemaSet, typeName?: string, depth = 0): SchemaValue {
  const named = typeName ? { typeName } : {};
  if (!node || depth > 20) return { kind: 'string', ...named };
  const union = xs(node, 'union')[0];
  if (union) {
    const members = [
      ...(union.attr('memberTypes')?.value() ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((q) => valueOfTypeName(q, set, depth + 1)),
      ...xs(union, 'simpleType').map((n) => simpleValue(n, set, undefined, depth + 1)),
    ];
    const kind = members.length > 0 && members.every((m) => m.kind === 'number') ? 'number' : 'string';
    const enumeration = [...new Set(members.flatMap((m) => m.enumeration ?? []))];
    if (enumeration.length === 0 || kind === 'number') return { kind, ...named };
    const open = members.some((m) => !m.enumeration || m.open);
    return { kind: 'string', enumeration, ...(open ? { open: true } : {}), ...named };
  }
  const restriction = xs(node, 'restriction')[0];
  if (!restriction) return { kind: 'string', ...named };
  const enums = xs(restriction, 'enumeration').map((e) => e.attr('value')?.value() ?? '');
  if (enums.length > 0) return { kind: 'string', enumeration: enums, ...named };
  const base = restriction.attr('base')?.value();
  const inline = xs(restriction, 'simpleType')[0];
  const inner = base ? valueOfTypeName(base, set, depth + 1) : simpleValue(inline, set, undefined, depth + 1);
  return {
    kind: inner.kind,
    ...(inner.enumeration ? { enumeration: inner.enumeration } : {}),
    ...(inner.open ? { open: true } : {}),
    ...(typeName ? { typeName } : inner.typeName ? { typeName: inner.typeName } : {}),
  };
}

function valueOfTypeName(qname: string, set: SchemaSet, depth = 0): SchemaValue {
  const name = localPart(qname);
  const simple = set.simpleTypes.get(name);
  if (simple) return simpleValue(simple, set, name, depth);
  return { kind: SAFE_INTEGER_TYPES.has(name) ? 'number' : 'string' };
}

function describeTypeName(qname: string, set: SchemaSet): string {
  const name = localPart(qname);
  const simple = set.simpleTypes.get(name);
  return simple ? describeSimpleType(simple, set, name) : name;
}

function occurs(node: Node, attr: 'minOccurs' | 'maxOccurs'): number {
  const value = node.attr(attr)?.value();
  if (value === undefined) return 1;
  return value === 'unbounded' ? Infinity : Number(value);
}

function readAttributes(typeNode: Node, set: SchemaSet): SchemaAttribute[] {
  const out: SchemaAttribute[] = [];
  const visit = (node: Node) => {
    for (const attr of xs(node, 'attribute')) {
      const inline = xs(attr, 'simpleType')[0];
      const typeName = attr.attr('type')?.value();
      out.push({
        name: attr.attr('name')?.value() ?? attr.attr('ref')?.value() ?? '?',
        required: attr.attr('use')?.value() === 'required',
        type: inline ? describeSimpleType(inline, set) : typeName ? describeTypeName(typeName, set) : 'string',
        value: inline ? simpleValue(inline, set) : typeName ? valueOfTypeName(typeName, set) : { kind: 'string' },
        documentation: documentationOf(attr),
        meta: metaOf(attr),
      });
    }
    for (const group of xs(node, 'attributeGroup')) {
      const ref = group.attr('ref')?.value();
      const target = ref ? set.attributeGroups.get(localPart(ref)) : undefined;
      if (target) visit(target);
    }
  };
  visit(typeNode);
  for (const content of [...xs(typeNode, 'simpleContent'), ...xs(typeNode, 'complexContent')]) {
    for (const derivation of [...xs(content, 'extension'), ...xs(content, 'restriction')]) visit(derivation);
  }
  return out;
}

interface Particle {
  readonly node: Node;
  readonly min: number;
  readonly max: number;
  readonly choice?: number;
}

let choiceCounter = 0;

interface ContentModel {
  readonly compositor: string;
  readonly particles: Particle[];
  readonly simpleType?: string;
  readonly simpleValue?: SchemaValue;
  readonly wildcard?: boolean;
}

function contentModel(typeNode: Node, set: SchemaSet): ContentModel {
  const particles: Particle[] = [];
  let compositor = 'none';
  let wildcard = false;
  const collect = (group: Node, outerMin: number, outerMax: number, kind: string) => {
    if (compositor === 'none') compositor = kind === 'choice' && outerMax === Infinity ? 'choice*' : kind;
    const choice = kind === 'choice' && outerMin >= 1 && outerMax === 1 ? ++choiceCounter : undefined;
    for (const child of group.childNodes()) {
      if (child.type() !== 'element' || (child as Node).namespace()?.href() !== XS) continue;
      const node = child as Node;
      const min = occurs(node, 'minOccurs') * (kind === 'choice' ? 0 : outerMin);
      const max = occurs(node, 'maxOccurs') * outerMax;
      if (node.name() === 'element') particles.push({ node, min, max, ...(choice !== undefined ? { choice } : {}) });
      else if (node.name() === 'any') wildcard = true;
      else if (node.name() === 'sequence' || node.name() === 'choice' || node.name() === 'all') collect(node, min, max, node.name());
      else if (node.name() === 'group') {
        const target = set.groups.get(localPart(node.attr('ref')?.value() ?? ''));
        const inner = target ? [...xs(target, 'sequence'), ...xs(target, 'choice'), ...xs(target, 'all')][0] : undefined;
        if (inner) collect(inner, min, max, inner.name());
      }
    }
  };
  let holder: Node = typeNode;
  const complexContent = xs(typeNode, 'complexContent')[0];
  if (complexContent) {
    const ext = xs(complexContent, 'extension')[0] ?? xs(complexContent, 'restriction')[0];
    if (ext) {
      const base = set.complexTypes.get(localPart(ext.attr('base')?.value() ?? ''));
      if (base && ext.name() === 'extension') {
        const inherited = contentModel(base, set);
        particles.push(...inherited.particles);
        compositor = inherited.compositor;
        wildcard ||= inherited.wildcard === true;
      }
      holder = ext;
    }
  }
  const simpleContent = xs(typeNode, 'simpleContent')[0];
  if (simpleContent) {
    const ext = xs(simpleContent, 'extension')[0] ?? xs(simpleContent, 'restriction')[0];
    const base = ext?.attr('base')?.value() ?? 'string';
    return { compositor: 'none', particles: [], simpleType: describeTypeName(base, set), simpleValue: valueOfTypeName(base, set) };
  }
  const group = [...xs(holder, 'sequence'), ...xs(holder, 'choice'), ...xs(holder, 'all')][0];
  if (group) collect(group, occurs(group, 'minOccurs'), occurs(group, 'maxOccurs'), group.name());
  return { compositor, particles, ...(wildcard ? { wildcard } : {}) };
}

function hasAnyAttribute(typeNode: Node): boolean {
  if (xs(typeNode, 'anyAttribute').length > 0) return true;
  return [...xs(typeNode, 'simpleContent'), ...xs(typeNode, 'complexContent')].some((content) =>
    [...xs(content, 'extension'), ...xs(content, 'restriction')].some((d) => xs(d, 'anyAttribute').length > 0),
  );
}

function readElement(
  decl: Node,
  min: number,
  max: number,
  parentPath: readonly string[],
  set: SchemaSet,
  depth: number,
  choice?: number,
): SchemaElement {
  const inChoice = choice !== undefined ? { choice } : {};
  const ref = decl.attr('ref')?.value();
  const target = ref ? (set.elements.get(localPart(ref)) ?? decl) : decl;
  const name = target.attr('name')?.value() ?? '?';
  const elementPath = [...parentPath, name];
  const typeName = target.attr('type')?.value();
  const inlineComplex = xs(target, 'complexType')[0];
  const inlineSimple = xs(target, 'simpleType')[0];
  const namedComplex = typeName ? set.complexTypes.get(localPart(typeName)) : undefined;
  const complex = inlineComplex ?? namedComplex;
  let namespace = set.namespaceOf.get(target) ?? '';
  if (!set.namespaceOf.has(target)) {
    // local element: qualified by the schema's elementFormDefault, which all project schemas set
    const schemaRoot = target.doc().root();
    namespace = schemaRoot?.attr('targetNamespace')?.value() ?? set.namespaceOf.get(decl) ?? '';
  }
  const documentation = documentationOf(decl) || documentationOf(target);
  const meta = { ...metaOf(target), ...metaOf(decl) };
  if (!complex) {
    return {
      name,
      namespace,
      path: elementPath,
      min,
      max,
      documentation,
      meta,
      attributes: [],
      compositor: 'none',
      children: [],
      ...inChoice,
      value: inlineSimple ? simpleValue(inlineSimple, set) : typeName ? valueOfTypeName(typeName, set) : { kind: 'string' },
      type: inlineSimple ? describeSimpleType(inlineSimple, set) : typeName ? describeTypeName(typeName, set) : 'string',
      simpleContent: true,
    };
  }
  const model = contentModel(complex, set);
  const children = depth > 12 ? [] : model.particles.map((p) => readElement(p.node, p.min, p.max, elementPath, set, depth + 1, p.choice));
  const mixed = complex.attr('mixed')?.value() === 'true';
  return {
    name,
    namespace,
    path: elementPath,
    min,
    max,
    documentation,
    meta,
    ...inChoice,
    attributes: readAttributes(complex, set),
    compositor: model.compositor,
    children,
    value: model.simpleValue ?? { kind: 'string' },
    ...(namedComplex && typeName ? { typeName: localPart(typeName) } : {}),
    type:
      model.simpleType ?? (mixed ? 'mixed' : children.length === 0 ? 'empty' : namedComplex && typeName ? localPart(typeName) : 'complex'),
    ...(model.simpleType !== undefined || mixed ? { simpleContent: true } : {}),
    ...(model.wildcard ? { wildcard: true } : {}),
    ...(hasAnyAttribute(complex) ? { anyAttribute: true } : {}),
  };
}

/**
 * Reads the element tree of one document schema.
 * @param schema - File name under `schemas/`.
 * @param root - The root element's name.
 * @param schemaDir - Folder of the schemas; defaults to the package's `schemas/`.
 */
export function readSchemaTree(schema: string, root: string, schemaDir: string = SCHEMA_DIR): SchemaElement {
  const set: SchemaSet = {
    elements: new Map(),
    complexTypes: new Map(),
    simpleTypes: new Map(),
    groups: new Map(),
    attributeGroups: new Map(),
    namespaceOf: new Map(),
  };
  loadSchemaSet(path.join(schemaDir, schema), set, new Set());
  choiceCounter = 0;
  const decl = set.elements.get(root);
  if (!decl) throw new Error(`schemas/${schema} declares no global element ${root}`);
  return readElement(decl, 1, 1, [], set, 0);
}

/**
 * Reads the named simple types of one document schema and the schemas it includes or imports.
 * @param schema - File name under `schemas/`.
 * @param schemaDir - Folder of the schemas; defaults to the package's `schemas/`.
 */
export function readSimpleTypes(schema: string, schemaDir: string = SCHEMA_DIR): SchemaSimpleType[] {
  const set: SchemaSet = {
    elements: new Map(),
    complexTypes: new Map(),
    simpleTypes: new Map(),
    groups: new Map(),
    attributeGroups: new Map(),
    namespaceOf: new Map(),
  };
  loadSchemaSet(path.join(schemaDir, schema), set, new Set());
  return Array.from(set.simpleTypes, ([name, node]) => {
    const restriction = xs(node, 'restriction')[0];
    return {
      name,
      documentation: documentationOf(node),
      meta: metaOf(node),
      enumeration: restriction ? xs(restriction, 'enumeration').map((e) => e.attr('value')?.value() ?? '') : [],
    };
  });
}

/**
 * Lists an element and all its descendants, depth first.
 * @param element - The root of the walk.
 */
export function flattenElements(element: SchemaElement): SchemaElement[] {
  return [element, ...element.children.flatMap(flattenElements)];
}
