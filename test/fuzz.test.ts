/**
 * A seeded sample of `npm run fuzz`: generated and mutated documents through both engines, the
 * checks beyond the XSD and the redactor, with no crash, hang or disagreement. The full goal
 * (10,000 documents, peak RSS within 256 MiB) is measured with `npm run fuzz -- --count 10000`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fuzzDocument, runFuzz } from '../fuzz/fuzz';
import { ROOT } from './helpers/paths';

/** The 1,000 documents the issue asks CI to run: about 10 s with the in-process browser engine; the sample changes with the seed, not the code. */
const SAMPLE = 1000;

describe('fuzz sample', () => {
  it(`${SAMPLE} documents of seed 7: no crash, no hang, no disagreement`, async () => {
    // Batches of 50: faster than the CLI's default of 10, which saves memory rather than time.
    const report = await runFuzz({ count: SAMPLE, seed: 7, batch: 50 });
    assert.deepEqual(report.failures, []);
    assert.equal(report.documents, SAMPLE);
    assert.ok(report.mutated > SAMPLE / 2, `only ${report.mutated} mutated`);
    assert.ok(report.validInBoth > 0, 'some documents are valid, so the engines are compared on verdicts both ways');
  });

  it('runs as npm run fuzz runs it (on Linux in a child process with a fixed mmap threshold) and replays a document with --only', () => {
    const script = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
      'fuzz'
    ];
    const [node, ...args] = (script ?? '').split(' ');
    assert.equal(node, 'node');
    const fuzz = (...extra: string[]) => spawnSync(process.execPath, [...args, ...extra], { cwd: ROOT, encoding: 'latin1' });
    const run = fuzz('--count', '20', '--seed', '7', '--json');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { documents: number; failures: unknown[]; peakRssMiB: number };
    assert.equal(report.documents, 20);
    assert.deepEqual(report.failures, []);
    assert.ok(report.peakRssMiB > 0);
    const only = fuzz('--only', '123', '--seed', '7');
    assert.equal(only.status, 0, only.stderr);
    assert.equal(only.stdout, Buffer.from(fuzzDocument(7, 123).input).toString('latin1'));
  });

  it('replays any document from its seed and index', () => {
    const a = fuzzDocument(7, 123);
    const b = fuzzDocument(7, 123);
    assert.deepEqual(a, b);
    assert.notDeepEqual(fuzzDocument(8, 123).input, a.input);
  });
});
