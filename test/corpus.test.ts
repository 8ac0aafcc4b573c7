/**
 * The corpus in corpus/walinuxagent is an exact copy of its origin: every file listed in SHA256SUMS
 * is there with that digest, and every file there is listed, with its licence and NOTICE.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CORPUS } from './helpers/paths';

test('corpus: every file matches SHA256SUMS and every file is listed', () => {
  const listed = new Map(
    fs
      .readFileSync(path.join(CORPUS, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const match = /^([0-9a-f]{64}) {2}\.\/(.+)$/.exec(line);
        assert.ok(match, `SHA256SUMS line not in sha256sum form: ${line}`);
        return [match[2] as string, match[1] as string] as const;
      }),
  );
  const present = (fs.readdirSync(CORPUS, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(CORPUS, path.join(e.parentPath, e.name)))
    .filter((f) => f !== 'SHA256SUMS')
    .sort();
  assert.deepEqual(present, [...listed.keys()].sort());
  for (const [file, digest] of listed) {
    assert.equal(
      createHash('sha256')
        .update(fs.readFileSync(path.join(CORPUS, file)))
        .digest('hex'),
      digest,
      file,
    );
  }
  assert.ok(listed.has('LICENSE.txt') && listed.has('NOTICE'), 'the licence and NOTICE travel with the corpus');
});
