/** The one mechanism behind every `gen:*` script and its `--check`. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeGeneratedFiles } from '../src/io/generated-files';

test('writeGeneratedFiles: --check reports a stale file and writes nothing; writing makes the check pass', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-'));
  try {
    const file = path.join(dir, 'nested', 'a.mdx');
    assert.deepEqual(writeGeneratedFiles([[file, 'one\n']], true), [file]);
    assert.equal(fs.existsSync(file), false, '--check wrote a file');
    assert.deepEqual(writeGeneratedFiles([[file, 'one\n']], false), [file]);
    assert.equal(fs.readFileSync(file, 'utf8'), 'one\n');
    assert.deepEqual(writeGeneratedFiles([[file, 'one\n']], true), []);
    assert.deepEqual(writeGeneratedFiles([[file, 'two\n']], true), [file]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
