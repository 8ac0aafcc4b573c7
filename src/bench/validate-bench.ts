/**
 * `npm run bench`: validation throughput over a corpus of at least 1,000 documents (copies of the
 * examples and the shared corpus that have a schema, in a temporary folder), for our Node engine
 * (libxmljs2), our WebAssembly engine (xmllint-wasm, one run per schema) and Debian's
 * `xmllint --noout --schema` (one process per schema with all its files), with ratios against
 * xmllint measured in the same run.
 * @module
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { SCHEMA_DIR } from '../validate/libxml-engine';
import { validateDocument } from '../validate/validate';
import { validateWithWasm } from '../validate/wasm-engine';

const ROOT = path.resolve(__dirname, '..', '..');
const TARGET = 1000;

async function main(): Promise<void> {
  const sources = fg.sync(['examples/**/*.xml', '../shared/corpus/walinuxagent/**/*.xml'], { cwd: ROOT, absolute: true })
    .filter((f) => !f.endsWith('.invalid.xml'))
    .map((file) => ({ file, result: validateDocument(fs.readFileSync(file), file) }))
    .filter((s) => s.result.schema !== undefined && s.result.valid);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-bench-'));
  const files: { path: string; schema: string }[] = [];
  for (let i = 0; files.length < TARGET; i += 1) {
    const source = sources[i % sources.length];
    if (!source?.result.schema) throw new Error('no document with a schema');
    const target = path.join(dir, `${i}-${path.basename(source.file)}`);
    fs.copyFileSync(source.file, target);
    files.push({ path: target, schema: source.result.schema });
  }
  const schemas = Object.fromEntries(fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.xsd')).map((f) => [f, fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')]));
  const rate = (ms: number): number => Math.round(files.length / (ms / 1000));

  let start = performance.now();
  for (const f of files) validateDocument(fs.readFileSync(f.path), f.path);
  const ours = rate(performance.now() - start);

  start = performance.now();
  await validateWithWasm(files.map((f) => ({ file: f.path, input: fs.readFileSync(f.path) })), schemas);
  const wasm = rate(performance.now() - start);

  const groups = new Map<string, string[]>();
  for (const f of files) groups.set(f.schema, (groups.get(f.schema) ?? []).concat(f.path));
  start = performance.now();
  for (const [schema, paths] of groups) {
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMA_DIR, schema), ...paths], { encoding: 'utf8' });
    if (run.error) throw run.error;
  }
  const xmllint = rate(performance.now() - start);

  console.log(`corpus: ${files.length} documents (${sources.length} distinct, ${groups.size} schemas) in ${dir}`);
  console.log(`libxmljs2 (npm run validate engine): ${ours} docs/s, ${(ours / xmllint).toFixed(2)}x xmllint`);
  console.log(`xmllint-wasm (browser engine, in Node): ${wasm} docs/s, ${(wasm / xmllint).toFixed(2)}x xmllint`);
  console.log(`xmllint --noout --schema (Debian, one process per schema): ${xmllint} docs/s`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
