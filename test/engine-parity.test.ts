/**
 * The browser engine (libxml2-wasm, libxml2 in WebAssembly, schemas compiled once) and the Node
 * engine (libxmljs2, libxml2 2.9) must agree: same verdict, same codes and lines, and the same message for every
 * schema violation, on every example and every corpus document; and both must refuse hostile input
 * quickly, with no file or network access.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, it } from 'node:test';
import fg from 'fast-glob';
import { validateDocument } from '../src/validate/validate';
import { readSchemaTexts, validateWithWasm, wasmEngineFor } from '../src/validate/wasm-loader';
import { CORPUS, EXAMPLES } from './helpers/paths';

const SCHEMAS = readSchemaTexts();
const GOAL_STATE = fs.readFileSync(path.join(EXAMPLES, 'GoalState', 'vm-with-extensions.xml'), 'utf8');

const summary = (r: {
  valid: boolean;
  root: string | undefined;
  diagnostics: readonly { code: string; severity: string; line: number; column: number; message: string; engineMessage?: string }[];
}): unknown => ({
  valid: r.valid,
  root: r.root,
  codes: r.diagnostics.map((d) => `${d.severity} ${d.code}`),
  positions: r.diagnostics.filter((d) => d.code !== 'not-well-formed').map((d) => `${d.line}:${d.column}`),
  firstLine: r.diagnostics[0]?.line,
  messages: r.diagnostics.filter((d) => d.code !== 'not-well-formed').map((d) => d.message),
  engineMessages: r.diagnostics.map((d) => d.engineMessage),
});

describe('engine parity', () => {
  it('gives the same verdict and messages on every example and corpus document', async () => {
    const files = fg
      .sync(['**/*.{xml,json}'], { cwd: EXAMPLES, absolute: true })
      .concat(fg.sync(['**/*.{xml,json}'], { cwd: CORPUS, absolute: true }))
      .sort();
    assert.ok(files.length >= 100, `only ${files.length} files`);
    const wasm = await validateWithWasm(
      files.map((file) => ({ file, input: fs.readFileSync(file) })),
      SCHEMAS,
    );
    assert.equal(wasm.length, files.length, 'the browser engine gave no result for some documents');
    let recognised = 0;
    files.forEach((file, i) => {
      const node = validateDocument(fs.readFileSync(file), file);
      if (node.schema) recognised += 1;
      assert.deepEqual(summary(wasm[i] ?? assert.fail(`no browser result for ${file}`)), summary(node), file);
    });
    assert.ok(recognised >= 30, `only ${recognised} documents have a schema`);
  });

  const hostile: { name: string; input: string | Uint8Array; code: string }[] = [
    {
      name: 'a DOCTYPE with a file entity',
      input: '<!DOCTYPE GoalState [<!ENTITY x SYSTEM "file:///etc/passwd">]><GoalState>&x;</GoalState>',
      code: 'doctype-forbidden',
    },
    {
      name: 'a billion-laughs bomb',
      input: `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`,
      code: 'doctype-forbidden',
    },
    { name: 'a 100 MB document', input: new Uint8Array(100 * 1024 * 1024).fill(0x20), code: 'too-large' },
    { name: 'binary garbage', input: Uint8Array.from([0x3c, 0x47, 0x00, 0x01, 0xff, 0xfe, 0x10]), code: 'bad-encoding' },
    {
      name: 'invalid UTF-8',
      input: Buffer.concat([Buffer.from('<Versions>'), Buffer.from([0xc3, 0x28]), Buffer.from('</Versions>')]),
      code: 'bad-encoding',
    },
    { name: 'deeply nested elements', input: `<GoalState>${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}</GoalState>`, code: 'too-large' },
    { name: 'an undefined entity', input: '<GoalState>&x;</GoalState>', code: 'not-well-formed' },
  ];
  for (const c of hostile) {
    it(`both engines refuse ${c.name} with ${c.code}`, async () => {
      const [wasm] = await validateWithWasm([{ file: 'hostile.xml', input: c.input }], SCHEMAS);
      const node = validateDocument(c.input, 'hostile.xml');
      assert.equal(wasm?.valid, false);
      assert.equal(wasm?.diagnostics[0]?.code, c.code, wasm?.diagnostics[0]?.message);
      assert.equal(node.diagnostics[0]?.code, c.code, node.diagnostics[0]?.message);
    });
  }

  it('both engines accept UTF-16 with a BOM and UTF-8 with a BOM', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(GOAL_STATE.replace('encoding="utf-8"', 'encoding="utf-16"'), 'utf16le'),
    ]);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOAL_STATE)]);
    const wasm = await validateWithWasm(
      [
        { file: 'a.xml', input: utf16 },
        { file: 'b.xml', input: bom8 },
      ],
      SCHEMAS,
    );
    assert.deepEqual(
      wasm.map((r) => r.diagnostics),
      [[], []],
    );
    assert.deepEqual([validateDocument(utf16, 'a.xml').diagnostics, validateDocument(bom8, 'b.xml').diagnostics], [[], []]);
  });

  it('libxml2-wasm itself loads no external DTD or entity, even when the DOCTYPE check is bypassed', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests += 1;
      res.end('<!ENTITY x "pwned">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const engine = await wasmEngineFor(SCHEMAS);
      const found = [
        ...engine.findings(`<!DOCTYPE GoalState SYSTEM "http://127.0.0.1:${port}/evil.dtd"><GoalState>&x;</GoalState>`, 'goal-state.xsd'),
        ...engine.findings('<!DOCTYPE GoalState [<!ENTITY x SYSTEM "file:///etc/passwd">]><GoalState>&x;</GoalState>', 'goal-state.xsd'),
        ...engine.findings(
          '<!DOCTYPE GoalState [<!ENTITY x SYSTEM "wireserver-schemas:/e1/common.xsd">]><GoalState>&x;</GoalState>',
          'goal-state.xsd',
        ),
      ];
      assert.ok(found.length >= 3, JSON.stringify(found));
      assert.doesNotMatch(JSON.stringify(found), /root:|pwned|xs:schema/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(requests, 0);
    } finally {
      server.close();
    }
  });

  it('keeps each XSD compiled: a second validation compiles nothing', async () => {
    const engine = await wasmEngineFor({ ...SCHEMAS });
    const first = engine.compile('goal-state.xsd');
    assert.deepEqual(
      engine.validate([{ file: 'a.xml', input: GOAL_STATE }]).map((r) => r.diagnostics),
      [[]],
    );
    assert.equal(engine.compile('goal-state.xsd'), first);
  });
});
