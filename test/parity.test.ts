/**
 * The generated models against the XSDs. The models are generated (src/tools/models.ts), so this
 * checks two things: the committed files are what the generator writes today (`--check`), and, as
 * an independent reading of the generated TypeScript with the compiler API, that every element and
 * attribute a schema declares has a property of the same name with the same structure: optional
 * exactly when the schema allows it to be absent, an array exactly when it may repeat, a number
 * exactly when the schema type is an integer, and an object exactly when the element has
 * attributes or children.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { readSchemaTree, type SchemaElement, type SchemaValue } from '../src/schema/xsd-model';
import { GENERATED_DIR, generateAll, generateModel } from '../src/tools/models';
import { xmlDocumentKinds } from '../src/validate/catalog';
import { ROOT } from './helpers/paths';

/** A property as the TypeScript source declares it. */
interface Property {
  readonly optional: boolean;
  readonly array: boolean;
  /** `number`, `string` (any string or string-literal type) or the interface name. */
  readonly type: string;
}

function declarations(file: string): { interfaces: Map<string, ts.InterfaceDeclaration>; aliases: Map<string, ts.TypeAliasDeclaration> } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement);
  }
  return { interfaces, aliases };
}

function describeType(node: ts.TypeNode, aliases: ReadonlyMap<string, ts.TypeAliasDeclaration>): { array: boolean; type: string } {
  if (ts.isTypeOperatorNode(node) || ts.isParenthesizedTypeNode(node)) return describeType(node.type, aliases);
  if (ts.isArrayTypeNode(node)) return { array: true, type: describeType(node.elementType, aliases).type };
  if (node.kind === ts.SyntaxKind.NumberKeyword) return { array: false, type: 'number' };
  if (node.kind === ts.SyntaxKind.StringKeyword || ts.isLiteralTypeNode(node) || ts.isUnionTypeNode(node))
    return { array: false, type: 'string' };
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const alias = aliases.get(node.typeName.text);
    return alias ? describeType(alias.type, aliases) : { array: false, type: node.typeName.text };
  }
  return { array: false, type: node.getText() };
}

function properties(decl: ts.InterfaceDeclaration, aliases: ReadonlyMap<string, ts.TypeAliasDeclaration>): Map<string, Property> {
  const out = new Map<string, Property>();
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    out.set(name, { optional: member.questionToken !== undefined, ...describeType(member.type, aliases) });
  }
  return out;
}

function valueType(value: SchemaValue): string {
  return value.kind === 'number' ? 'number' : 'string';
}

function compare(element: SchemaElement, decl: ts.InterfaceDeclaration, files: ReturnType<typeof declarations>, problems: string[]): void {
  const where = element.path.join('/');
  const props = properties(decl, files.aliases);
  const expected = new Set<string>();
  const check = (name: string, want: Property) => {
    expected.add(name);
    const got = props.get(name);
    if (!got) {
      problems.push(`${where}: no property for ${name}`);
      return;
    }
    for (const key of ['optional', 'array'] as const)
      if (got[key] !== want[key]) problems.push(`${where}/${name}: ${key} is ${got[key]}, the schema says ${want[key]}`);
    if ((want.type === 'object') !== !['number', 'string'].includes(got.type))
      problems.push(`${where}/${name}: type ${got.type}, the schema says ${want.type}`);
    else if (want.type !== 'object' && got.type !== want.type)
      problems.push(`${where}/${name}: type ${got.type}, the schema says ${want.type}`);
  };
  for (const attr of element.attributes) check(attr.name, { optional: !attr.required, array: false, type: valueType(attr.value) });
  if (element.children.length === 0 && element.attributes.length > 0 && element.type !== 'empty')
    check('text', { optional: false, array: false, type: valueType(element.value) });
  const firstWins = element.compositor === 'choice*';
  for (const child of element.children) {
    const structured = child.children.length > 0 || child.attributes.length > 0;
    check(child.name, {
      optional: firstWins || (child.min === 0 && child.max <= 1),
      array: !firstWins && child.max > 1,
      type: structured ? 'object' : valueType(child.value),
    });
    const got = props.get(child.name);
    if (structured && got) {
      const sub = files.interfaces.get(got.type);
      if (sub) compare(child, sub, files, problems);
      else problems.push(`${where}/${child.name}: no interface ${got.type}`);
    }
  }
  for (const name of props.keys()) if (!expected.has(name)) problems.push(`${where}: property ${name} has no element or attribute`);
}

describe('generated models', () => {
  it('are current: src/models/generated/ is what `npm run gen:models` writes from the schemas', async () => {
    const files = await generateAll();
    for (const [name, content] of files) {
      assert.equal(
        fs.readFileSync(path.join(GENERATED_DIR, name), 'utf8'),
        content,
        `src/models/generated/${name} is stale: run npm run gen:models`,
      );
    }
    assert.deepEqual(fs.readdirSync(GENERATED_DIR).sort(), [...files.keys()].sort());
  });

  for (const kind of xmlDocumentKinds) {
    it(`${kind.schema}: every element and attribute has a model property of the same structure`, () => {
      const file = path.join(GENERATED_DIR, kind.schema.replace(/\.xsd$/, '.ts'));
      assert.ok(fs.existsSync(file), `no generated model for ${kind.schema}`);
      const decls = declarations(file);
      const parse = /export function parse(\w+)\(xml: string\): (\w+)/.exec(fs.readFileSync(file, 'utf8'));
      assert.ok(parse, 'no parse function');
      const root = decls.interfaces.get(parse[2] ?? '');
      assert.ok(root, `no interface ${parse[2]}`);
      const problems: string[] = [];
      compare(readSchemaTree(kind.schema, kind.root), root, decls, problems);
      assert.deepEqual(problems, []);
    });
  }

  it('the comparison fails on a model that drifts from its schema', () => {
    const source = fs.readFileSync(path.join(GENERATED_DIR, 'goal-state.ts'), 'utf8');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
    const drifted = path.join(tmp, 'goal-state.ts');
    fs.writeFileSync(
      drifted,
      source
        .replace('readonly ContainerId: string;', 'readonly ContainerId?: number;')
        .replace(/readonly RoleInstance: readonly RoleInstance\[\];/, 'readonly RoleInstance: RoleInstance;'),
    );
    const decls = declarations(drifted);
    const problems: string[] = [];
    const root = decls.interfaces.get('GoalState');
    assert.ok(root);
    compare(readSchemaTree('goal-state.xsd', 'GoalState'), root, decls, problems);
    fs.rmSync(tmp, { recursive: true });
    assert.ok(
      problems.some((p) => /ContainerId: optional is true/.test(p)),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /ContainerId: type number/.test(p)),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /RoleInstance: array is false/.test(p)),
      problems.join('\n'),
    );
  });

  it('a schema that gains an optional element and attribute regenerates without hand edits, the same way twice', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-models-'));
    try {
      for (const file of fs.readdirSync(path.join(ROOT, 'schemas')))
        fs.copyFileSync(path.join(ROOT, 'schemas', file), path.join(tmp, file));
      const xsd = path.join(tmp, 'goal-state.xsd');
      const text = fs.readFileSync(xsd, 'utf8');
      const grown = text.replace(
        /(<xs:element name="ContainerId"[^>]*?)(\/?>)/,
        (_m, head: string, end: string) => `<xs:element name="ZoneHint" type="xs:unsignedShort" minOccurs="0"/>\n${head}${end}`,
      );
      assert.notEqual(grown, text, 'the fixture edit applies');
      const start = grown.indexOf('<xs:complexType name="RoleInstance">');
      const end = grown.indexOf('\n  </xs:complexType>', start);
      assert.ok(start > 0 && end > start, 'the named type RoleInstance is a top-level complexType');
      fs.writeFileSync(xsd, `${grown.slice(0, end)}\n    <xs:attribute name="slot" type="xs:string"/>${grown.slice(end)}`);
      const first = generateModel('goal-state.xsd', 'GoalState', '', tmp).source;
      assert.equal(generateModel('goal-state.xsd', 'GoalState', '', tmp).source, first);
      assert.match(first, /readonly ZoneHint\?: number;/);
      assert.match(first, /\.\.\.optional\('ZoneHint', ifPresent\(optionalChild\(e, 'ZoneHint'\), integerValue\)\)/);
      assert.match(first, /readonly slot\?: string;/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('every interface links its element entry on the spec page, and the element reference has that anchor', () => {
    for (const kind of xmlDocumentKinds) {
      const source = fs.readFileSync(path.join(GENERATED_DIR, kind.schema.replace(/\.xsd$/, '.ts')), 'utf8');
      const reference = fs.readFileSync(path.join(ROOT, 'docs', '_generated', 'elements', `${kind.root}.mdx`), 'utf8');
      const links = Array.from(source.matchAll(/\]\(([^)#]+)#(el-[^)]+)\)/g));
      assert.equal(links.length, (source.match(/^export interface /gm) ?? []).length, `${kind.schema}: one link per interface`);
      for (const [, page, anchor] of links) {
        assert.equal(page, kind.page);
        assert.ok(reference.includes(`id="${anchor}"`), `${kind.root}.mdx has no anchor ${anchor}`);
      }
    }
  });

  it('an enumeration opened by a union with a string type is typed open and not checked, even in a guest document', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-models-'));
    try {
      for (const file of fs.readdirSync(path.join(ROOT, 'schemas')))
        fs.copyFileSync(path.join(ROOT, 'schemas', file), path.join(tmp, file));
      const xsd = path.join(tmp, 'health.xsd');
      const text = fs.readFileSync(xsd, 'utf8');
      const opened = text.replace(
        '<xs:simpleType name="HealthSubStatus">',
        '<xs:simpleType name="HealthSubStatus"><xs:union memberTypes="KnownSubStatus xs:token"/></xs:simpleType>\n' +
          '  <xs:simpleType name="KnownSubStatus">',
      );
      assert.notEqual(opened, text);
      fs.writeFileSync(xsd, opened);
      const source = generateModel('health.xsd', 'Health', '', tmp).source;
      assert.match(source, /export type HealthSubStatus = 'Provisioning' \| 'ProvisioningFailed' \| \(string & \{\}\);/);
      assert.match(source, /SubStatus: textValue\(requiredChild\(e, 'SubStatus'\)\)/);
      assert.match(
        source,
        /State: enumValue\(requiredChild\(e, 'State'\), HEALTH_STATE_VALUES\)/,
        'the closed HealthState is still checked',
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
