import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers/paths';

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').trim());

  it('gives the test command that .ci/run runs', () => {
    const testCommand = blocks.find((b) => b.endsWith('npm test'));
    assert.ok(testCommand, 'README has no test command');
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    assert.ok(ci.split('\n').includes(testCommand), `.ci/run does not run the README's test command: ${testCommand}`);
  });

  it('gives a site command whose scripts exist', () => {
    const siteCommand = blocks.find((b) => b.includes('npm run serve'));
    assert.ok(siteCommand);
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [, name] of siteCommand.matchAll(/npm run (\S+)/g)) assert.ok(name && scripts[name], `no npm script ${name}`);
  });

  it('has no "type" field in package.json (both values break the Docusaurus build)', () => {
    assert.equal('type' in JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')), false);
  });
});
