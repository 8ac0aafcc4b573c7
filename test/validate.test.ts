import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkExamples } from '../src/validate/examples';
import { validateDocument } from '../src/validate/validate';
import { SAFE_PARSE_OPTIONS, parseXmlSafely } from '../src/xml/safe-parse';
import libxmljs from 'libxmljs2';
import { CORPUS, EXAMPLES } from './helpers/paths';
import { captureCli } from './helpers/validate-cli';

const GOAL_STATE = fs.readFileSync(path.join(EXAMPLES, 'GoalState', 'vm-with-extensions.xml'), 'utf8');

describe('examples', () => {
  it('every example is valid and every negative example fails as declared', () => {
    const report = checkExamples(EXAMPLES);
    assert.deepEqual(report.problems, []);
    assert.ok(report.valid >= 8, `only ${report.valid} valid examples`);
    assert.ok(report.negative >= 3, `only ${report.negative} negative examples`);
  });

  it('reports an example whose root does not match its folder, and a negative example that passes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
    fs.mkdirSync(path.join(dir, 'Versions'));
    fs.writeFileSync(path.join(dir, 'Versions', 'wrong-root.xml'), GOAL_STATE);
    fs.writeFileSync(
      path.join(dir, 'Versions', 'passes.invalid.xml'),
      '<!-- expect-error: anything -->\n<Versions><Preferred><Version>2015-04-05</Version></Preferred><Supported><Version>2015-04-05</Version></Supported></Versions>',
    );
    const report = checkExamples(dir);
    assert.equal(report.problems.length, 2);
    assert.match(report.problems[0]?.message ?? '', /negative example is valid/);
    assert.match(report.problems[1]?.message ?? '', /root element <GoalState> does not match its folder examples\/Versions/);
  });
});

describe('validateDocument', () => {
  const cases: { name: string; input: string | Uint8Array; code: string; line?: number; column?: number; message?: RegExp }[] = [
    {
      name: 'missing required element',
      input: GOAL_STATE.replace(/<Incarnation>1<\/Incarnation>\n/, ''),
      code: 'schema-violation',
      line: 5,
      column: 5,
      message: /^`<GoalState>` is missing a required child: `<Incarnation>`/,
    },
    {
      name: 'wrong type',
      input: GOAL_STATE.replace('<Incarnation>1<', '<Incarnation>one<'),
      code: 'schema-violation',
      line: 5,
      column: 3,
      message: /^`<Incarnation>` must be a whole number, got `one`$/,
    },
    {
      name: 'not well-formed',
      input: '<GoalState><Version>x</GoalState>',
      code: 'not-well-formed',
      line: 1,
      message: /Opening and ending tag mismatch/,
    },
    {
      name: 'unknown root',
      input: '<Foo xmlns="urn:x"/>',
      code: 'unknown-document',
      line: 1,
      column: 1,
      message: /no schema for root element <Foo> in namespace "urn:x"/,
    },
    { name: 'empty input', input: '', code: 'not-well-formed', message: /empty document/ },
    {
      name: 'DOCTYPE with external entity',
      input: '<?xml version="1.0"?>\n<!DOCTYPE GoalState [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<GoalState>&x;</GoalState>',
      code: 'doctype-forbidden',
      line: 2,
      column: 1,
    },
    {
      name: 'billion laughs',
      input: `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`,
      code: 'doctype-forbidden',
    },
    { name: 'binary garbage', input: Uint8Array.from([0x3c, 0x47, 0x00, 0x01, 0xff, 0xfe, 0x10]), code: 'bad-encoding' },
    {
      name: 'invalid UTF-8',
      input: Buffer.concat([Buffer.from('<Versions>'), Buffer.from([0xc3, 0x28]), Buffer.from('</Versions>')]),
      code: 'bad-encoding',
      message: /invalid UTF-8 at byte offset 10/,
    },
    { name: 'too large', input: new Uint8Array(17 * 1024 * 1024).fill(0x20), code: 'too-large' },
    {
      name: 'deeply nested',
      input: `<GoalState>${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}</GoalState>`,
      code: 'too-large',
      message: /nested deeper than 256 levels/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name} with ${c.code}`, () => {
      const started = Date.now();
      const result = validateDocument(c.input, 'input.xml');
      assert.equal(result.valid, false);
      const first = result.diagnostics[0];
      assert.ok(first, 'no diagnostic');
      assert.equal(first.code, c.code, first.message);
      if (c.line !== undefined) assert.equal(first.line, c.line);
      if (c.column !== undefined) assert.equal(first.column, c.column);
      if (c.message) assert.match(first.message, c.message);
      assert.ok(Date.now() - started < 10_000);
    });
  }

  it('accepts UTF-16 with a BOM and a UTF-8 BOM', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(GOAL_STATE.replace('encoding="utf-8"', 'encoding="utf-16"'), 'utf16le'),
    ]);
    assert.deepEqual(validateDocument(utf16, 'utf16.xml').diagnostics, []);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOAL_STATE)]);
    assert.deepEqual(validateDocument(bom8, 'bom.xml').diagnostics, []);
  });

  it('never fetches an external DTD or entity over the network', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests += 1;
      res.end('<!ENTITY x "pwned">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const result = validateDocument(
        `<!DOCTYPE GoalState SYSTEM "http://127.0.0.1:${port}/evil.dtd"><GoalState>&x;</GoalState>`,
        'net.xml',
      );
      assert.equal(result.diagnostics[0]?.code, 'doctype-forbidden');
      // Also when the DOCTYPE check is bypassed: libxml2 itself must not load it.
      assert.throws(() => parseXmlSafely(`<!DOCTYPE a SYSTEM "http://127.0.0.1:${port}/evil.dtd"><a/>`), { code: 'XML_DOCTYPE_FORBIDDEN' });
      try {
        libxmljs.parseXml(`<!DOCTYPE a SYSTEM "http://127.0.0.1:${port}/evil.dtd"><a>&x;</a>`, SAFE_PARSE_OPTIONS);
      } catch {
        /* an undefined entity is an error */
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(requests, 0);
    } finally {
      server.close();
    }
  });
});

describe('validate CLI', () => {
  it('exits 0 on the examples folder and skips negative examples', async () => {
    const { code, out } = await captureCli([EXAMPLES]);
    assert.equal(code, 0, out);
    assert.match(out, /\n\d+ documents checked: (\d+) valid, 0 invalid \(0 errors, 1 warning\)\n$/);
    assert.match(out, /transient-no-role-instance\.xml:9:3: warning: .*\[empty-container\]/);
  });

  it('exits 1 with path:line:col findings for an invalid file', async () => {
    const file = path.join(EXAMPLES, 'Health', 'lowercase-state.invalid.xml');
    const { code, out } = await captureCli([file]);
    assert.equal(code, 1);
    assert.ok(
      out.startsWith(`${file}:12:11: error: \`<State>\` has the value \`ready\`, which is not one of \`Ready\` or \`NotReady\``),
      out,
    );
    assert.match(out, /\[schema-violation\]\n1 document checked: 0 valid, 1 invalid \(1 error, 0 warnings\)\n$/);
  });

  it('prints JSON with --format json', async () => {
    const { code, out } = await captureCli(['--format', 'json', path.join(EXAMPLES, 'Versions', 'no-supported.invalid.xml')]);
    assert.equal(code, 1);
    const report = JSON.parse(out) as {
      summary: { invalid: number };
      results: { root: string; diagnostics: { code: string; line: number }[] }[];
    };
    assert.equal(report.summary.invalid, 1);
    assert.equal(report.results[0]?.root, 'Versions');
    assert.deepEqual(
      report.results[0]?.diagnostics.map((d) => [d.code, d.line]),
      [['schema-violation', 4]],
    );
  });

  it('reads standard input with -', async () => {
    assert.equal((await captureCli(['-'], GOAL_STATE)).code, 0);
    assert.equal((await captureCli(['-'], '<!DOCTYPE x><x/>')).code, 1);
  });

  it('exits 2 on usage and I/O errors', async () => {
    assert.equal((await captureCli([])).code, 2);
    assert.equal((await captureCli(['--format', 'yaml', EXAMPLES])).code, 2);
    assert.equal((await captureCli(['--bogus'])).code, 2);
    const missing = await captureCli(['no/such/file.xml']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no\/such\/file\.xml: no such file or folder/);
  });
});

function tempBundle(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const HEALTH = fs.readFileSync(path.join(EXAMPLES, 'Health', 'provisioning-failed.xml'), 'utf8');
const CAPTURED_GOAL_STATE = fs.readFileSync(path.join(CORPUS, 'hibernate', 'goal_state_1', 'GoalState.xml'), 'utf8');

describe('validate CLI: globs, bundles, progress, redaction', () => {
  it('expands a quoted glob itself and reports a pattern that matches nothing', async () => {
    const { code, out } = await captureCli([path.join(EXAMPLES, 'Health', '*.xml')]);
    assert.equal(code, 1, 'the glob includes the negative examples, which fail');
    assert.match(out, /lowercase-state\.invalid\.xml:12:11: error/);
    const none = await captureCli([path.join(EXAMPLES, 'Nope', '*.xml')]);
    assert.equal(none.code, 2);
    assert.match(none.err, /the pattern matches no file/);
  });

  const warningCases: { name: string; code: string; files: Record<string, string> }[] = [
    {
      name: 'a Health report for another incarnation',
      code: 'health-incarnation-mismatch',
      files: {
        'GoalState.xml': CAPTURED_GOAL_STATE,
        'Health.xml': HEALTH.replace(/<GoalStateIncarnation>\d+</, '<GoalStateIncarnation>9<'),
      },
    },
    {
      name: 'a Health report for another container',
      code: 'container-id-mismatch',
      files: { 'GoalState.xml': CAPTURED_GOAL_STATE, 'Health.xml': HEALTH.replace('06185f00-1f00-4545', '06185f00-1f00-4546') },
    },
    {
      name: 'a Health report for another instance',
      code: 'instance-id-mismatch',
      files: { 'GoalState.xml': CAPTURED_GOAL_STATE, 'Health.xml': HEALTH.replace('._test-vm', '._other-vm') },
    },
    {
      name: 'config URLs for another incarnation',
      code: 'config-url-incarnation-mismatch',
      files: { 'GoalState.xml': CAPTURED_GOAL_STATE.replace('type=sharedConfig&amp;incarnation=1', 'type=sharedConfig&amp;incarnation=2') },
    },
    {
      name: 'a description over 512 characters',
      code: 'description-too-long',
      files: { 'Health.xml': HEALTH.replace(/<Description>[^<]*</, `<Description>${'x'.repeat(513)}<`) },
    },
    {
      name: 'an unknown cipher name',
      code: 'unknown-cipher',
      files: { 'GoalState.xml': CAPTURED_GOAL_STATE.replace('<GoalState ', '<!-- request: x-ms-cipher-name: AES256_GCM -->\n<GoalState ') },
    },
  ];
  for (const c of warningCases) {
    it(`warns about ${c.name} with ${c.code}, and exits 0`, async () => {
      const { code, out } = await captureCli([tempBundle(c.files)]);
      assert.equal(code, 0, out);
      assert.match(out, new RegExp(`: warning: .*\\[${c.code}\\]\n`));
      assert.match(out, /0 invalid \(0 errors, 1 warning\)\n$/);
    });
  }

  it('reports a SubStatus outside Details once, as an error of the closed Health document, with no follow-on warning', async () => {
    const { code, out } = await captureCli([path.join(EXAMPLES, 'Health', 'substatus-outside-details.invalid.xml')]);
    assert.equal(code, 1);
    assert.match(
      out,
      /:13:11: error: `<SubStatus>` is not a Health element; the spec knows it inside `<Details>`.*\[unknown-element\]\n1 document checked: 0 valid, 1 invalid \(1 error, 0 warnings\)\n$/,
    );
  });

  it('adds no bundle warning caused by the error of an invalid document', async () => {
    const { code, out } = await captureCli([
      tempBundle({ 'GoalState.xml': CAPTURED_GOAL_STATE.replace(/<Incarnation>\d+</, '<Incarnation>x<'), 'Health.xml': HEALTH }),
    ]);
    assert.equal(code, 1);
    assert.match(out, /`<Incarnation>` must be a whole number, got `x` \[schema-violation\]\n1 document|0 warnings\)\n$/);
    assert.doesNotMatch(out, /: warning: /);
  });

  it('compares nothing across a folder of several goal states, and a consistent capture gets no warning', async () => {
    assert.doesNotMatch((await captureCli([path.join(CORPUS, 'tenant_certificate_rotation')])).out, /mismatch/);
    const capture = await captureCli([path.join(CORPUS, 'hibernate', 'goal_state_1')]);
    assert.doesNotMatch(capture.out, /: warning:/);
  });

  it('treats files named one by one as one bundle', async () => {
    const dir = tempBundle({ 'GoalState.xml': CAPTURED_GOAL_STATE });
    const other = tempBundle({ 'Health.xml': HEALTH.replace(/<GoalStateIncarnation>\d+</, '<GoalStateIncarnation>9<') });
    assert.match(
      (await captureCli([path.join(dir, 'GoalState.xml'), path.join(other, 'Health.xml')])).out,
      /\[health-incarnation-mismatch\]/,
    );
    assert.doesNotMatch((await captureCli([dir, other])).out, /health-incarnation-mismatch/);
  });

  it('reports progress on stderr for large folders, only on a terminal or with --progress', async () => {
    const dir = tempBundle(
      Object.fromEntries(
        Array.from({ length: 120 }, (_, i) => [
          `v${i}.xml`,
          fs.readFileSync(path.join(EXAMPLES, 'Versions', 'current-server.xml'), 'utf8'),
        ]),
      ),
    );
    assert.equal((await captureCli([dir])).err, '');
    assert.match((await captureCli([dir], '', true)).err, /validate: 120\/120 documents\n$/);
    const forced = await captureCli(['--progress', dir]);
    assert.match(forced.err, /validate: 0\/120 documents\r/);
    assert.match(forced.out, /^120 documents checked/);
  });

  it('--redact writes redacted copies next to the originals and never touches the originals', async () => {
    const extensions = fs.readFileSync(path.join(CORPUS, 'wire', 'ext_conf_redact.xml'), 'utf8');
    const dir = tempBundle({ 'ext_conf.xml': extensions, 'GoalState.xml': CAPTURED_GOAL_STATE });
    const first = await captureCli(['--redact', dir]);
    assert.match(first.err, /wrote .*ext_conf\.redacted\.xml \(5 secrets removed\)/);
    assert.equal(fs.readFileSync(path.join(dir, 'ext_conf.xml'), 'utf8'), extensions);
    const copy = fs.readFileSync(path.join(dir, 'ext_conf.redacted.xml'), 'utf8');
    assert.doesNotMatch(copy, /sig=9Zz|MIIC4AYJ/);
    assert.equal(copy.split('\n').length, extensions.split('\n').length);
    const second = await captureCli(['--redact', dir]);
    assert.doesNotMatch(second.err, /redacted\.redacted/);
    assert.match(second.out, /^2 documents checked/m, 'a folder walk skips redacted copies next to their original');
  });
});
