/**
 * The validator against hostile input: every input is bounded before an engine sees it, every
 * failure is a finding or an exit-2 message (never a stack trace), and every check is linear.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectInputs } from '../src/cli/collect-inputs';
import { isWireServerError } from '../src/errors';
import { parseXmlSafely } from '../src/xml/safe-parse';
import { MAX_CHILD_ELEMENTS, MAX_ELEMENT_DEPTH } from '../src/xml/bounds';
import { validateDocument, validateDocuments } from '../src/validate/validate';
import { readSchemaTexts, validateWithWasm } from '../src/validate/wasm-loader';
import { EXAMPLES, ROOT } from './helpers/paths';
import { captureCli } from './helpers/validate-cli';

const VALIDATE = path.join(ROOT, 'src', 'cli', 'validate.ts');
const GOAL_STATE = fs.readFileSync(path.join(EXAMPLES, 'GoalState', 'vm-with-extensions.xml'), 'utf8');
const SCHEMAS = readSchemaTexts();
const noStack = (text: string) => assert.doesNotMatch(text, /^\s+at |RangeError|TypeError/m);

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-hostile-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Both engines, on the same inputs: their codes must agree. */
async function bothEngines(inputs: { file: string; input: string }[]) {
  const node = inputs.map((i) => validateDocument(i.input, i.file));
  const wasm = await validateWithWasm(inputs, SCHEMAS);
  for (const [k, r] of node.entries()) {
    assert.deepEqual(
      wasm[k]?.diagnostics.map((d) => d.code),
      r.diagnostics.map((d) => d.code),
      inputs[k]?.file,
    );
  }
  return node;
}

describe('validator input bounds', () => {
  it(`refuses elements nested deeper than ${MAX_ELEMENT_DEPTH}, in both engines, at the offending tag`, async () => {
    const deep = (n: number) => `<GoalState>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</GoalState>`;
    const [at, over, huge] = await bothEngines([
      { file: 'at.xml', input: deep(MAX_ELEMENT_DEPTH - 1) },
      { file: 'over.xml', input: deep(MAX_ELEMENT_DEPTH) },
      { file: 'huge.xml', input: deep(100_000) },
    ]);
    assert.notEqual(at?.diagnostics[0]?.code, 'too-large');
    for (const r of [over, huge]) {
      assert.equal(r?.diagnostics[0]?.code, 'too-large');
      assert.match(r?.diagnostics[0]?.message ?? '', /nested deeper than 256 levels/);
      assert.deepEqual([r?.diagnostics[0]?.line, r?.diagnostics[0]?.column], [1, 11 + 3 * (MAX_ELEMENT_DEPTH - 1) + 1]);
    }
  });

  it('refuses over-long names, too many attributes or child elements and over-long attribute values', async () => {
    const results = await bothEngines([
      {
        file: 'children.xml',
        input: `<Extensions><Plugins>${'<Plugin name="a" version="1"/>\n'.repeat(MAX_CHILD_ELEMENTS + 1)}</Plugins></Extensions>`,
      },
      { file: 'name.xml', input: `<GoalState><${'n'.repeat(2000)}/></GoalState>` },
      { file: 'attr-name.xml', input: `<GoalState ${'a'.repeat(2000)}="1"/>` },
      { file: 'attrs.xml', input: `<GoalState ${Array.from({ length: 1100 }, (_, i) => `a${i}="1"`).join(' ')}/>` },
      { file: 'attr-value.xml', input: `<GoalState a="${'v'.repeat(1024 * 1024 + 1)}"/>` },
    ]);
    for (const r of results) assert.equal(r.diagnostics[0]?.code, 'too-large', `${r.file}: ${r.diagnostics[0]?.message}`);
    assert.deepEqual(
      [results[0]?.diagnostics[0]?.line, results[0]?.diagnostics[0]?.message],
      [MAX_CHILD_ELEMENTS + 1, 'more than 10000 child elements in one element'],
    );
    const atLimit = `<Extensions><Plugins>${'<Plugin name="a" version="1.0"/>'.repeat(MAX_CHILD_ELEMENTS)}</Plugins></Extensions>`;
    assert.notEqual(validateDocument(atLimit, 'at-limit.xml').diagnostics[0]?.code, 'too-large');
  });

  it("reports character references outside XML's characters as not well-formed, and a folder run goes on", async () => {
    const refs = ['&#x110000;', '&#1114112;', '&#xFFFFFFFFFF;', '&#0;', '&#xD800;', '&#xFFFE;'];
    const inputs = refs.flatMap((ref, i) => [
      { file: `g${i}.xml`, input: GOAL_STATE.replace('<Incarnation>1</Incarnation>', `<Incarnation>1${ref}</Incarnation>`) },
      { file: `h${i}.xml`, input: `<Health><GoalStateIncarnation a="${ref}">1</GoalStateIncarnation></Health>` },
    ]);
    for (const r of await bothEngines(inputs)) {
      assert.equal(r.diagnostics[0]?.code, 'not-well-formed', r.file);
      assert.match(r.diagnostics[0]?.message ?? '', /does not name an XML character/);
    }
    const dir = path.join(tmp, 'refs');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'GoalState.xml'),
      GOAL_STATE.replace('<Incarnation>1</Incarnation>', '<Incarnation>&#x110000;</Incarnation>'),
    );
    fs.writeFileSync(path.join(dir, 'Health.xml'), '<Health><GoalStateIncarnation>&#x110000;</GoalStateIncarnation></Health>');
    fs.writeFileSync(
      path.join(dir, 'Versions.xml'),
      '<Versions><Preferred><Version>2012-11-30</Version></Preferred><Supported><Version>2012-11-30</Version></Supported></Versions>',
    );
    const { code, out, err } = await captureCli([dir]);
    assert.equal(code, 1);
    noStack(out + err);
    assert.match(out, /3 documents/);
  });

  it("refuses an XML declaration naming another encoding than the document's, in both engines", async () => {
    const results = await bothEngines([
      { file: 'ebcdic.xml', input: '<?xml version="1.0" encoding="ebcdic"?><Versions/>' },
      { file: 'utf16.xml', input: '<?xml version="1.0" encoding="utf-16"?><Versions/>' },
      { file: 'latin1.xml', input: '<?xml version="1.0" encoding="iso-8859-1"?><Versions>\u00e9</Versions>' },
    ]);
    for (const r of results) assert.equal(r.diagnostics[0]?.code, 'bad-encoding', r.file);
    const ascii = validateDocument('<?xml version="1.0" encoding="us-ascii"?><Versions/>', 'ascii.xml');
    assert.notEqual(ascii.diagnostics[0]?.code, 'bad-encoding');
  });

  it('refuses text holding half a surrogate pair, at its place, in both engines (found by npm run fuzz, seed 20261202, #443)', async () => {
    const results = await bothEngines([
      { file: 'high.xml', input: '<Extensions>\n  <Plugins>\uD83D</Plugins></Extensions>' },
      { file: 'low.xml', input: '<Extensions>\uDE00</Extensions>' },
    ]);
    for (const r of results) assert.equal(r.diagnostics[0]?.code, 'bad-encoding', r.file);
    assert.deepEqual(
      validateDocument('<Extensions>\n  <Plugins>\uD83D</Plugins></Extensions>', 'high.xml').diagnostics.map((d) => [d.line, d.column]),
      [[2, 12]],
    );
    const pair = validateDocument('<Versions>\uD83D\uDE00</Versions>', 'pair.xml');
    assert.notEqual(pair.diagnostics[0]?.code, 'bad-encoding', 'a whole surrogate pair is a character');
  });

  it('refuses a NUL character in text as in bytes, at its place, in both engines (found by npm run fuzz, seed 1, #9716)', async () => {
    // libxml2 2.9 (libxmljs2) reads NUL as the end of the input: one after the root went unseen there.
    const after = `${GOAL_STATE.trimEnd()}\n\u0000`;
    const inside = GOAL_STATE.replace('<Incarnation>', '<Incarnation>\u0000');
    const results = await bothEngines([
      { file: 'after.xml', input: after },
      { file: 'inside.xml', input: inside },
    ]);
    for (const r of results) assert.equal(r.diagnostics[0]?.code, 'bad-encoding', r.file);
    const lines = after.split('\n').length;
    assert.deepEqual(
      [after, new TextEncoder().encode(after)].map((input) =>
        validateDocument(input, 'after.xml').diagnostics.map((d) => [d.code, d.line, d.column]),
      ),
      [[['bad-encoding', lines, 1]], [['bad-encoding', lines, 1]]],
    );
  });

  it('refuses a namespace name that is not a URI, in both engines (libxml2 2.13 reports it, 2.9 does not)', async () => {
    const results = await bothEngines(
      ['http:\u00c3(//www.w3.org/2001/XMLSchema', 'a b', '%zz', 'http://[::1', 'x:#a#b'].map((uri, i) => ({
        file: `ns${i}.xml`,
        input: `<Health xmlns:xsd="${uri}"/>`,
      })),
    );
    for (const r of results) assert.equal(r.diagnostics[0]?.code, 'not-well-formed', r.file);
    assert.equal(
      validateDocument('<Health xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>', 'ok.xml').diagnostics[0]?.code,
      'schema-violation',
    );
  });

  it('runs the checks beyond the XSD in linear time (40,000 cipher names in a comment)', { timeout: 20_000 }, async () => {
    const text = GOAL_STATE.replace('<GoalState', `<!--\n${'x-ms-cipher-name: BOGUS\n'.repeat(40_000)}-->\n<GoalState`);
    const dir = path.join(tmp, 'ciphers');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'GoalState.xml'), text);
    const { code, out } = await captureCli([dir]);
    assert.equal(code, 0);
    assert.equal(out.match(/unknown-cipher/g)?.length, 40_000);
    assert.match(out, /GoalState\.xml:40001:1: warning/);
  });

  it('looks for character references in linear time (200,000 elements, one reference at the end)', { timeout: 20_000 }, () => {
    // Each text run once searched for "&#" up to the next reference, wherever it was: 10^11 steps here.
    const group = `<b>${'<a>x</a>'.repeat(1000)}</b>`;
    const text = `<GoalState>${group.repeat(200)}&#x110000;</GoalState>`;
    const r = validateDocument(text, 'refs-at-end.xml');
    assert.equal(r.diagnostics[0]?.code, 'not-well-formed');
    assert.deepEqual([r.diagnostics[0]?.line, r.diagnostics[0]?.column], [1, 12 + group.length * 200]);
  });

  it('refuses "--" inside a comment before libxml2 sees it, in both engines (libxml2 2.9 ran out of memory on 80,000 "<!--")', async () => {
    const [open, inner, tail] = await bothEngines([
      { file: 'open.xml', input: `<GoalState>\n  ${'<!--'.repeat(80_000)}</GoalState>` },
      { file: 'inner.xml', input: '<GoalState><!-- a -- b --></GoalState>' },
      { file: 'tail.xml', input: '<GoalState><!-- a ---></GoalState>' },
    ]);
    for (const r of [open, inner, tail]) {
      assert.equal(r?.diagnostics.length, 1, r?.file);
      assert.equal(r?.diagnostics[0]?.code, 'not-well-formed', r?.file);
      assert.match(r?.diagnostics[0]?.message ?? '', /comment holds "--"/);
    }
    assert.deepEqual([open?.diagnostics[0]?.line, open?.diagnostics[0]?.column], [2, 9]);
    assert.deepEqual([inner?.diagnostics[0]?.line, inner?.diagnostics[0]?.column], [1, 19]);
    assert.equal(validateDocument('<GoalState><!-- a - b --></GoalState>', 'ok.xml').diagnostics[0]?.code, 'schema-violation');
  });

  it('reports 30,000 schema errors in linear time, alone and in a batch (libxml2 2.9 took 56 s for 20,000 with a base URL)', {
    timeout: 30_000,
  }, () => {
    const plugins = '<Plugin name="a" version="1"/>\n'.repeat(10_000);
    const text = `<Extensions><Plugins>\n${plugins}</Plugins><PluginSettings>\n${plugins}</PluginSettings></Extensions>`;
    const alone = validateDocument(text, 'many-errors.xml');
    const attributeErrors = (r: typeof alone | undefined) =>
      r?.diagnostics.filter((d) => /attribute `version`|version/.test(d.message)).length;
    assert.equal(alone.diagnostics.length, 30_001);
    assert.equal(attributeErrors(alone), 20_000);
    assert.deepEqual([alone.diagnostics.at(-1)?.line, alone.diagnostics.at(-1)?.column], [20_002, 1]);
    const [a, b] = validateDocuments([
      { file: 'a.xml', input: text },
      { file: 'b.xml', input: text },
    ]);
    assert.deepEqual(a?.diagnostics, alone.diagnostics);
    assert.deepEqual(b?.diagnostics, alone.diagnostics);
  });

  it("bounds the client's parser the same way (XML_LIMIT_EXCEEDED, XML_NOT_WELL_FORMED)", () => {
    const codeOf = (text: string): string => {
      try {
        parseXmlSafely(text, 'GoalState');
        return 'parsed';
      } catch (error) {
        return isWireServerError(error) ? error.code : String(error);
      }
    };
    assert.equal(codeOf(`<GoalState>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</GoalState>`), 'XML_LIMIT_EXCEEDED');
    assert.equal(codeOf('<GoalState>&#x110000;</GoalState>'), 'XML_NOT_WELL_FORMED');
    assert.equal(codeOf(`<GoalState>${' '.repeat(17 * 1024 * 1024)}</GoalState>`), 'XML_LIMIT_EXCEEDED');
  });

  it('gives nested JSON a real line and column', () => {
    const r = validateDocument(`{\n "a": ${'['.repeat(100_000)}`, 'deep.json');
    assert.equal(r.diagnostics[0]?.code, 'too-large');
    assert.deepEqual([r.diagnostics[0]?.line, r.diagnostics[0]?.column], [2, 7 + 256 - 1]);
    const batch = validateDocuments([{ file: 'deep.json', input: `[${'{"a":'.repeat(50_000)}` }]);
    assert.match(`${batch[0]?.diagnostics[0]?.line}:${batch[0]?.diagnostics[0]?.column}`, /^1:\d+$/);
  });
});

describe('validator input reading', () => {
  const run = (args: string[], stdin: number | 'pipe' = 'pipe') =>
    spawnSync(process.execPath, ['--import', 'tsx', VALIDATE, ...args], {
      cwd: ROOT,
      stdio: [stdin, 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('stops reading /dev/zero and a 1 GB standard input at the size cap', () => {
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      for (const result of [run(['/dev/zero']), run(['-'], zero)]) {
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stdout, /larger than the limit of 16777216 bytes \[too-large\]/);
        noStack(result.stderr);
      }
    } finally {
      fs.closeSync(zero);
    }
  });

  it('stops reading an endless FIFO at the size cap', async () => {
    const fifo = path.join(tmp, 'fifo.xml');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `exec cat /dev/zero > '${fifo}'`], { stdio: 'ignore' });
    try {
      const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', VALIDATE, fifo], { cwd: ROOT });
        let stdout = '';
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
        });
        child.on('close', (code) => resolve({ code, stdout }));
      });
      assert.equal(result.code, 1);
      assert.match(result.stdout, /too-large/);
    } finally {
      writer.kill();
    }
  });
});

describe('collecting inputs', () => {
  it('never follows a symlink loop in a glob or a walk, and lists each file once', { timeout: 20_000 }, () => {
    const dir = path.join(tmp, 'loop');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sub', 'GoalState.xml'), GOAL_STATE);
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    fs.symlinkSync(path.join(dir, 'sub', 'GoalState.xml'), path.join(dir, 'link.xml'));
    const globbed = collectInputs([`${dir}/**/*.xml`, path.join(dir, 'sub', 'GoalState.xml'), dir]);
    assert.deepEqual(
      globbed.files.map((f) => path.relative(dir, f.path)),
      ['sub/GoalState.xml'],
    );
    assert.deepEqual(globbed.unreadable, []);
  });

  it('reports an unreadable sub-folder and walks on, in a folder walk and in a glob alike', () => {
    const dir = path.join(tmp, 'locked');
    fs.mkdirSync(path.join(dir, 'a-locked'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'b-open'));
    fs.writeFileSync(path.join(dir, 'a-locked', 'GoalState.xml'), GOAL_STATE);
    fs.writeFileSync(path.join(dir, 'b-open', 'GoalState.xml'), GOAL_STATE);
    fs.chmodSync(path.join(dir, 'a-locked'), 0o000);
    fs.chmodSync(tmp, 0o755);
    // A walk, a glob, a glob and a walk over the same folder, a glob inside the locked folder.
    const cases = [[dir], [`${dir}/**/*.xml`], [`${dir}/*/*.xml`, dir], [`${dir}/a-locked/*.xml`]];
    try {
      // root reads any folder: run the walk as nobody then.
      const asRoot = process.getuid?.() === 0;
      const script = `const { collectInputs } = require(${JSON.stringify(path.join(ROOT, 'src', 'cli', 'collect-inputs.ts'))}); console.log(JSON.stringify(${JSON.stringify(cases)}.map((args) => collectInputs(args))));`;
      const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json') },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      const [walked, globbed, both, inside] = JSON.parse(output) as ReturnType<typeof collectInputs>[];
      const locked = [{ path: path.join(dir, 'a-locked'), reason: 'permission denied' }];
      for (const [name, result] of Object.entries({ walked, globbed, both })) {
        assert.deepEqual(
          result?.files.map((f) => path.relative(dir, f.path)),
          ['b-open/GoalState.xml'],
          name,
        );
        assert.deepEqual(result?.unreadable, locked, `${name}: the locked folder, reported once`);
      }
      // The folder the glob starts in is unreadable: that is reported, not "the pattern matches no file".
      assert.deepEqual(inside, { files: [], unreadable: locked });
    } finally {
      fs.chmodSync(path.join(dir, 'a-locked'), 0o700);
    }
  });
});
