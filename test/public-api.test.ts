/**
 * The package root is a small, deliberate surface: every name is listed explicitly in src/index.ts,
 * internals stay out, and every name the docs import from 'wireserver-spec' is there. The mock and
 * the validator have their own entry modules.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { ROOT } from './helpers/paths';

/** The names an entry module exports, read from its `export { … } from` and `export * as name from` statements. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    if (statement.exportClause && ts.isNamespaceExport(statement.exportClause)) {
      names.push(statement.exportClause.name.text); // `export * as goalState from …` names one namespace
      continue;
    }
    assert.ok(
      statement.exportClause && ts.isNamedExports(statement.exportClause),
      `${path.relative(ROOT, file)}: \`export *\` hides what is exported; list the names`,
    );
    names.push(...statement.exportClause.elements.map((e) => e.name.text));
  }
  return names;
}

function docFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'api' || entry.name === '_generated' ? [] : docFiles(full);
    return /\.mdx?$/.test(entry.name) ? [full] : [];
  });
}

describe('public API', () => {
  const root = exportedNames(path.join(ROOT, 'src', 'index.ts'));

  it('the root exports about 60 names, each listed once', () => {
    assert.equal(new Set(root).size, root.length);
    assert.ok(root.length <= 70, `${root.length} names`);
    for (const name of [
      'WireServerClient',
      'provision',
      'parseGoalState',
      'serializeHealth',
      'parseOvfEnv',
      'validate',
      'GoalState',
      'VmSettings',
    ])
      assert.ok(root.includes(name), name);
  });

  it('internals are not exported from the root', () => {
    for (const name of [
      'readNode',
      'readDocument',
      'withRetry',
      'retryDelay',
      'httpRequest',
      'MockWireServer',
      'scanJson',
      'LINKED_DOCUMENTS',
      'XmlWriter',
    ]) {
      assert.ok(!root.includes(name), `${name} is internal`);
    }
  });

  it('the mock, the validator and the models have their own entry modules, each in package.json exports', () => {
    const entry = (name: string) => exportedNames(path.join(ROOT, 'src', 'entry-points', `${name}.ts`));
    assert.ok(entry('mock').includes('MockWireServer'));
    assert.ok(entry('validate').includes('validateDocument'));
    assert.ok(entry('models').includes('goalState'));
    const exportsMap = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> })
      .exports;
    for (const name of ['mock', 'validate', 'models']) {
      assert.deepEqual(exportsMap[`./${name}`], { types: `./dist/entry-points/${name}.d.ts`, default: `./dist/entry-points/${name}.js` });
    }
  });

  it('every name the docs import from wireserver-spec is exported by the root', () => {
    const missing: string[] = [];
    for (const file of [...docFiles(path.join(ROOT, 'docs')), path.join(ROOT, 'README.md')]) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]wireserver-spec['"]/g)) {
        for (const name of (m[1] ?? '')
          .split(',')
          .map((n) => n.trim().replace(/^type\s+/, ''))
          .filter(Boolean)) {
          if (!root.includes(name)) missing.push(`${path.relative(ROOT, file)}: ${name}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});
