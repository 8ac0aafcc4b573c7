import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REDACTED, isRedactedFileName, redactText, redactedFileName } from '../src/redact/redact';
import { validateDocument } from '../src/validate/validate';
import { CORPUS } from './helpers/paths';

const read = (file: string): string => fs.readFileSync(path.join(CORPUS, file), 'utf8');

describe('redactText', () => {
  const cases: { name: string; text: string; kinds: string[]; gone: RegExp; kept?: RegExp }[] = [
    {
      name: 'SAS signatures and protected settings in ExtensionsConfig',
      text: read('wire/ext_conf_redact.xml'),
      kinds: ['sas-signature', 'protected-settings', 'protected-settings', 'protected-settings', 'sas-signature'],
      gone: /sig=9Zz|"protectedSettings": "MII/,
      kept: /protectedSettingsCertThumbprint": "3CA9F246/,
    },
    {
      name: 'protected settings and SAS in vmSettings JSON',
      text: read('hostgaplugin/vm_settings-redact.json'),
      kinds: ['sas-signature', 'protected-settings', 'protected-settings', 'protected-settings'],
      gone: /"protectedSettings":"MII/,
    },
    { name: 'certificate data', text: read('hibernate/goal_state_1/Certificates.xml'), kinds: ['certificate-data'], gone: /MIIOjAYJ/ },
    {
      name: 'passwords and custom data in ovf-env.xml',
      text: read('ovf-env.xml'),
      kinds: ['password', 'custom-data'],
      gone: /<UserPassword>UserPassword|<CustomData>CustomData/,
      kept: /<UserName>UserName</,
    },
    { name: 'a PEM private key', text: read('hibernate/TransportPrivate.pem'), kinds: ['private-key'], gone: /MII[A-Za-z0-9+/]{20}/ },
    {
      name: 'a password in JSON',
      text: '{"adminPassword": "hunter2", "user": "a"}',
      kinds: ['password'],
      gone: /hunter2/,
      kept: /"user": "a"/,
    },
  ];
  for (const c of cases) {
    it(`removes ${c.name}, keeping the line count`, () => {
      const { text, redactions } = redactText(c.text);
      assert.deepEqual(redactions.map((r) => r.kind).sort(), [...c.kinds].sort());
      assert.doesNotMatch(text, c.gone);
      if (c.kept) assert.match(text, c.kept);
      assert.match(text, new RegExp(REDACTED));
      assert.equal(text.split('\n').length, c.text.split('\n').length);
      assert.deepEqual(redactText(text).redactions, [], 'redacting twice changes nothing');
    });
  }

  it('reports the line of each secret', () => {
    const { redactions } = redactText(read('wire/ext_conf_redact.xml'));
    assert.deepEqual(
      redactions.map((r) => r.line),
      [17, 42, 54, 67, 75],
    );
  });

  it('gives each of many secrets its own line, counting the text once', () => {
    const lines = Array.from({ length: 2000 }, (_, i) =>
      i % 3 === 0 ? `<a>https://a.blob/x?sv=1&amp;sig=s${i} https://b.blob/y?sig=t${i}</a>` : `<b>${'x'.repeat(i % 50)}</b>`,
    );
    const { text: out, redactions } = redactText(`<GoalState>\n${lines.join('\n')}\n</GoalState>`);
    const expected = lines.flatMap((line, i) => (line.startsWith('<a>') ? [i + 2, i + 2] : []));
    assert.deepEqual(
      redactions.map((r) => r.line),
      expected,
    );
    assert.doesNotMatch(out, /sig=[st]\d/);
  });

  it('keeps a redacted certificate file valid', () => {
    const { text } = redactText(read('hibernate/goal_state_1/Certificates.xml'));
    const result = validateDocument(text, 'Certificates.redacted.xml');
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });
});

describe('redacted file names', () => {
  for (const [name, copy] of [
    ['GoalState.xml', 'GoalState.redacted.xml'],
    ['a/b.c/vm_settings.json', 'a/b.c/vm_settings.redacted.json'],
    ['dir.x/README', 'dir.x/README.redacted'],
  ] as const) {
    it(`${name} → ${copy}`, () => {
      assert.equal(redactedFileName(name), copy);
      assert.equal(isRedactedFileName(copy), true);
      assert.equal(isRedactedFileName(name), false);
    });
  }
});
