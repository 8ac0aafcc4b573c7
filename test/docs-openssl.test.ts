/**
 * The openssl recipe of docs/flows/certificates.mdx, run as written (steps 4 to 6) by the real
 * openssl CLI on the corpus payloads: it must decrypt the AES and the 3DES payloads without
 * `-legacy` and print every certificate's thumbprint, not only the first.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, ROOT } from './helpers/paths';

const PAGE = path.join(ROOT, 'docs', 'flows', 'certificates.mdx');

/** Fenced code blocks: language and body. */
function fences(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^(```|~~~)([^\n]*)\n([\s\S]*?)^\1\s*$/gm)].map((m) => ({
    lang: (m[2] ?? '').trim().split(/\s+/)[0] ?? '',
    body: m[3] ?? '',
  }));
}

/** Steps 4 to the end of the page's openssl recipe (the request itself is not made). */
function recipeFromStep4(): string {
  const text = fs.readFileSync(PAGE, 'utf8');
  const section = text.slice(text.indexOf('{#openssl}'));
  const bash = fences(section).find((f) => f.lang === 'bash');
  assert.ok(bash, 'docs/flows/certificates.mdx has no bash recipe under {#openssl}');
  const at = bash.body.indexOf('# 4.');
  assert.ok(at >= 0, 'the recipe has no step 4');
  return bash.body.slice(at);
}

/** Runs the recipe in a fresh folder holding the payload and transport key under the names the page uses. */
function runRecipe(certificatesXml: string, keyDir: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-openssl-'));
  try {
    fs.copyFileSync(path.join(CORPUS, certificatesXml), path.join(dir, 'Certificates.xml'));
    fs.copyFileSync(path.join(CORPUS, keyDir, 'TransportPrivate.pem'), path.join(dir, 'TransportPrivate.pem'));
    fs.copyFileSync(path.join(CORPUS, keyDir, 'TransportCert.pem'), path.join(dir, 'TransportCert.pem'));
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', recipeFromStep4()], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('docs: the openssl certificate recipe works as written', () => {
  it('the recipe does not use -legacy', () => {
    assert.doesNotMatch(recipeFromStep4().replace(/^#.*$/gm, ''), /-legacy/);
  });

  it('decrypts the AES128_CBC capture and prints every thumbprint of Certificates.json', () => {
    const expected = (
      JSON.parse(fs.readFileSync(path.join(CORPUS, 'hibernate/goal_state_1/Certificates.json'), 'utf8')) as { thumbprint: string }[]
    )
      .map((c) => c.thumbprint)
      .sort();
    assert.ok(expected.length >= 2);
    assert.deepEqual(runRecipe('hibernate/goal_state_1/Certificates.xml', 'hibernate').sort(), expected);
  });

  it('decrypts the DES_EDE3_CBC capture and prints one thumbprint per certificate', () => {
    const printed = runRecipe('tenant_certificate_rotation/Certificates-incarnation-3.xml', 'tenant_certificate_rotation');
    assert.equal(printed.length, 2, printed.join(', '));
    for (const line of printed) assert.match(line, /^[0-9A-F]{40}$/);
    assert.notEqual(printed[0], printed[1]);
  });
});
