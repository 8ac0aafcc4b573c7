/**
 * Parity between the XSDs and the TypeScript models: every element and attribute a schema
 * declares has a property of the same name in its model, and every property is an element or
 * attribute (or `text`, the content of an element that also has attributes). Interfaces are read
 * with the TypeScript compiler API, following nested interface and type-literal properties.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { readSchemaTree, type SchemaElement } from '../src/schema/xsd-model';
import { xmlDocumentKinds } from '../src/validate/catalog';
import { ROOT } from './helpers/paths';

/** The model module and root interface of each XML document kind. */
const MODELS: Readonly<Record<string, { readonly module: string; readonly names: readonly string[] }>> = {
  Versions: { module: 'versions', names: ['Versions'] },
  GoalState: { module: 'goal-state', names: ['GoalState'] },
  HostingEnvironmentConfig: { module: 'hosting-environment-config', names: ['HostingEnvironmentConfig'] },
  SharedConfig: { module: 'shared-config', names: ['SharedConfig'] },
  Extensions: { module: 'extensions', names: ['Extensions'] },
  RDConfig: { module: 'rd-config', names: ['RDConfig'] },
  CertificateFile: { module: 'certificate-file', names: ['CertificateFile'] },
  RemoteAccess: { module: 'remote-access', names: ['RemoteAccess'] },
  Error: { module: 'error-body', names: ['ErrorBody'] },
  Health: { module: 'health', names: ['Health'] },
  TelemetryData: { module: 'telemetry-data', names: ['TelemetryData'] },
  RoleProperties: { module: 'role-properties', names: ['RoleProperties'] },
  Environment: { module: 'ovf-env', names: ['OvfEnv'] },
  PluginVersionManifest: { module: 'plugin-version-manifest', names: ['PluginVersionManifest'] },
};

/** A model's shape: property names, each with the shape of its value when it is an object. */
interface Shape { readonly [name: string]: Shape | undefined }

/** The interfaces a model can use: its own and those of the modules it imports with a relative path. */
function interfacesOf(file: string): Map<string, ts.InterfaceDeclaration> {
  const out = new Map<string, ts.InterfaceDeclaration>();
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) out.set(statement.name.text, statement);
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith('./')) {
      const imported = ts.createSourceFile(file, fs.readFileSync(path.join(path.dirname(file), `${statement.moduleSpecifier.text}.ts`), 'utf8'), ts.ScriptTarget.ES2022, true);
      for (const s of imported.statements) if (ts.isInterfaceDeclaration(s) && !out.has(s.name.text)) out.set(s.name.text, s);
    }
  }
  return out;
}

function shapeOf(interfaces: ReadonlyMap<string, ts.InterfaceDeclaration>, node: ts.TypeNode | undefined, seen: Set<string>): Shape | undefined {
  if (!node) return undefined;
  if (ts.isTypeOperatorNode(node) || ts.isParenthesizedTypeNode(node)) return shapeOf(interfaces, node.type, seen);
  if (ts.isArrayTypeNode(node)) return shapeOf(interfaces, node.elementType, seen);
  if (ts.isTypeLiteralNode(node)) return membersShape(interfaces, node.members, seen);
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name === 'ReadonlyArray' || name === 'Array') return shapeOf(interfaces, node.typeArguments?.[0], seen);
    const decl = interfaces.get(name);
    if (!decl || seen.has(name)) return undefined;
    return membersShape(interfaces, decl.members, new Set([...seen, name]));
  }
  return undefined;
}

function membersShape(interfaces: ReadonlyMap<string, ts.InterfaceDeclaration>, members: ts.NodeArray<ts.TypeElement>, seen: Set<string>): Shape {
  const out: Record<string, Shape | undefined> = {};
  for (const member of members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    out[name] = shapeOf(interfaces, member.type, seen);
  }
  return out;
}

function compare(element: SchemaElement, shape: Shape, problems: string[]): void {
  const where = element.path.join('/');
  const expected = new Map<string, SchemaElement | undefined>();
  for (const attr of element.attributes) expected.set(attr.name, undefined);
  for (const child of element.children) expected.set(child.name, child);
  if (element.children.length === 0 && element.attributes.length > 0 && element.type !== 'empty') expected.set('text', undefined);
  for (const [name, child] of expected) {
    if (!(name in shape)) { problems.push(`${where}: no property for ${child ? `<${name}>` : `@${name}`}`); continue; }
    const sub = shape[name];
    if (child && (child.children.length > 0 || child.attributes.length > 0)) {
      if (sub) compare(child, sub, problems); else problems.push(`${where}/${name}: property is not an object type`);
    }
  }
  for (const name of Object.keys(shape)) if (!expected.has(name)) problems.push(`${where}: property ${name} has no element or attribute`);
}

describe('XSD and model parity', () => {
  it('every XML document kind has a model entry', () => {
    assert.deepEqual(xmlDocumentKinds.map((k) => k.root).filter((root) => !MODELS[root]), []);
  });

  for (const kind of xmlDocumentKinds) {
    const model = MODELS[kind.root];
    it(`${kind.schema} matches its model in src/models/`, () => {
      assert.ok(model, `no model listed for <${kind.root}>: every XML document kind needs one`);
      const file = path.join(ROOT, 'src', 'models', `${model.module}.ts`);
      assert.ok(fs.existsSync(file), `src/models/${model.module}.ts does not exist`);
      const interfaces = interfacesOf(file);
      const root = model.names.find((name) => interfaces.has(name));
      assert.ok(root, `no exported interface ${model.names.join(' or ')}`);
      const shape = shapeOf(interfaces, ts.factory.createTypeReferenceNode(root), new Set());
      assert.ok(shape);
      const problems: string[] = [];
      compare(readSchemaTree(kind.schema, kind.root), shape, problems);
      assert.deepEqual(problems, []);
    });
  }
});
