/**
 * Layers point down: every module of `src/` sits in a layer, and may import only from layers below
 * its own (or from its own folder). A new top-level module fails this test until it is given a layer.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT } from './helpers/paths';

const SRC = path.join(ROOT, 'src');

/** Lowest first. A module may import from any module of a lower layer. */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'protocol-limits'],
  ['xml', 'io', 'protocol'],
  ['schema', 'redact', 'discovery'],
  ['models', 'http'],
  ['crypto', 'validate'],
  ['client'],
  ['mock'],
  ['conformance'],
  ['cli', 'tools'],
  ['index', 'entry-points'],
];

const layerOf = (module: string): number => LAYERS.findIndex((names) => names.includes(module));

/** `src/validate/sniff.ts` → `validate`; `src/errors.ts` → `errors`. */
function topModule(file: string): string {
  const [first = ''] = path.relative(SRC, file).split(path.sep);
  return first.replace(/\.ts$/, '');
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The imports of `files` that break the layer rule, in words. */
function violationsIn(files: readonly { file: string; text: string }[]): string[] {
  const violations: string[] = [];
  for (const { file, text } of files) {
    const from = topModule(file);
    if (layerOf(from) === -1) {
      violations.push(`src/${from} has no layer in test/layers.test.ts`);
      continue;
    }
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), fileName);
      const to = topModule(target);
      if (!target.startsWith(SRC + path.sep)) violations.push(`${path.relative(ROOT, file)} imports ${fileName}, outside src/`);
      else if (to !== from && !(layerOf(to) < layerOf(from)))
        violations.push(`${path.relative(ROOT, file)} (${from}) imports ${fileName} (${to}, not a lower layer)`);
    }
  }
  return violations;
}

test('layers: src/ modules import only from lower layers', () => {
  assert.deepEqual(violationsIn(sourceFiles(SRC).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))), []);
});

test('layers: an upward import, an import outside src/ and a module without a layer are caught', () => {
  const at = (rel: string) => path.join(SRC, rel);
  assert.deepEqual(
    violationsIn([
      {
        file: at('validate/examples.ts'),
        text: "import { x } from '../cli/collect-inputs';\nimport { y } from './sniff';\nimport { z } from '../xml/doctype';",
      },
      { file: at('xml/doctype.ts'), text: "import { t } from '../../test/helpers/paths';" },
      { file: at('newthing/a.ts'), text: '' },
    ]),
    [
      'src/validate/examples.ts (validate) imports ../cli/collect-inputs (cli, not a lower layer)',
      'src/xml/doctype.ts imports ../../test/helpers/paths, outside src/',
      'src/newthing has no layer in test/layers.test.ts',
    ],
  );
});
