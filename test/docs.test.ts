/**
 * The specification pages, read as files (no build, no browser): every endpoint has a page, every
 * schema element appears on its document's page, every page follows its template, behaviour
 * statements are unique and sourced, and no page carries pasted XML.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { flattenElements, readSchemaTree } from '../src/schema/xsd-model';
import { documentKinds } from '../src/validate/catalog';
import { ROOT } from './helpers/paths';
import { citationProblems, corpusLinkProblems, formatCitationProblems, repositoryCitationProblems } from '../plugins/citations';
import { fillRules, ruleOf, rulesOf, type MdNode } from '../plugins/rules-box';

const DOCS = path.join(ROOT, 'docs');

/** The WireServer (W) and HostGAPlugin (H) endpoints: number, a string the page title must contain, the page. */
const ENDPOINTS: readonly (readonly [string, string, string])[] = [
  ['W1', 'GET /?comp=versions', 'wireserver/versions'],
  ['W2', 'GET /machine/?comp=goalstate', 'wireserver/goalstate'],
  ['W3', 'type=hostingEnvironmentConfig', 'wireserver/hostingenvironmentconfig'],
  ['W4', 'type=sharedConfig', 'wireserver/sharedconfig'],
  ['W5', 'type=extensionsConfig', 'wireserver/extensionsconfig'],
  ['W6', 'type=fullConfig', 'wireserver/fullconfig'],
  ['W7', 'comp=certificates', 'wireserver/certificates'],
  ['W8', 'RemoteAccessInfo', 'wireserver/remoteaccess'],
  ['W9', 'POST /machine?comp=health', 'wireserver/health'],
  ['W10', 'POST /machine?comp=roleProperties', 'wireserver/roleproperties'],
  ['W11', 'POST /machine?comp=telemetrydata', 'wireserver/telemetrydata'],
  ['W13', 'POST /provisioning/health', 'wireserver/provisioning-health'],
  ['H1', 'GET :32526/versions', 'hostgaplugin/versions'],
  ['H2', 'GET :32526/health', 'hostgaplugin/health'],
  ['H3', 'GET :32526/vmSettings', 'hostgaplugin/vmsettings'],
  ['H4', 'GET :32526/extensionArtifact', 'hostgaplugin/extensionartifact'],
  ['H5', 'PUT :32526/status', 'hostgaplugin/status'],
  ['H6', 'PUT :32526/vmAgentLog', 'hostgaplugin/vmagentlog'],
];

/** Pages in the endpoint template, and the flow pages. */
const ENDPOINT_SECTIONS = ['request', 'response', 'structure', 'examples', 'behaviour', 'implementations', 'history'];
const FLOW_SECTIONS = ['sequence', 'steps', 'behaviour', 'implementations', 'history'];
/** Top-level pages in the endpoint template: the overview, discovery, ovf-env and the pages beside WireServer. */
const ENDPOINT_LIKE = ['overview', 'discovery', 'ovf-env', 'status-blob', 'imds', 'kvp', 'rdma', 'secure-channel'];
/** Pages written by another issue, which this test does not hold to this template. */
const NOT_OURS = new Set(['tools/validator']);

interface Page {
  /** Path under docs/ without the extension, e.g. `wireserver/goalstate`. */
  readonly id: string;
  readonly file: string;
  readonly text: string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('_') || full === path.join(DOCS, 'api') ? [] : walk(full);
    return /\.mdx?$/.test(entry.name) && !entry.name.startsWith('_') ? [full] : [];
  });
}

function loadPages(): Page[] {
  return walk(DOCS).map((file) => ({
    id: path
      .relative(DOCS, file)
      .replace(/\.mdx?$/, '')
      .split(path.sep)
      .join('/'),
    file,
    text: fs.readFileSync(file, 'utf8'),
  }));
}

function pageFile(id: string): string | undefined {
  return ['.mdx', '.md'].map((ext) => path.join(DOCS, id + ext)).find((file) => fs.existsSync(file));
}

/** The text with fenced code blocks blanked out (so `# comment` lines are not headings). */
function withoutFences(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, (block) => block.replace(/[^\n]/g, ''));
}

/** Fenced code blocks: language and body. */
export function fences(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^(```|~~~)([^\n]*)\n([\s\S]*?)^\1\s*$/gm)].map((m) => ({
    lang: (m[2] ?? '').trim().split(/\s+/)[0] ?? '',
    body: m[3] ?? '',
  }));
}

interface Heading {
  readonly level: number;
  readonly text: string;
  readonly id: string | undefined;
}

function headings(text: string): Heading[] {
  return [...withoutFences(text).matchAll(/^(#{1,6})\s+(.*?)\s*$/gm)].map((m) => {
    const idMatch = /\{#([A-Za-z0-9_-]+)\}$/.exec(m[2] ?? '');
    return { level: (m[1] ?? '').length, text: m[2] ?? '', id: idMatch?.[1] };
  });
}

/** The paragraphs of the `## … {#behaviour}` section. */
function behaviourParagraphs(text: string): string[] {
  const body = withoutFences(text);
  const start = body.search(/^## .*\{#behaviour\}\s*$/m);
  if (start < 0) return [];
  const rest = body.slice(start).split('\n').slice(1).join('\n');
  const end = rest.search(/^## /m);
  return (end < 0 ? rest : rest.slice(0, end))
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

const STATEMENT = /^<Anchor id="([A-Z]+-\d+)" \/>\*\*\[([A-Z]+-\d+)\]\(#([A-Z]+-\d+)\)\.\*\*/;
const MARKER = /\*(Observed|Inferred)\b[^*]*\*/;
const SOURCE = /`[^`]+`|#\d+|\b[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+/;

/** Problems with one behaviour statement paragraph; empty when it is well formed. */
export function statementProblems(paragraph: string): string[] {
  const m = STATEMENT.exec(paragraph);
  if (!m) return [`not a behaviour statement (expected <Anchor id="X-1" />**[X-1](#X-1).** …): ${paragraph.slice(0, 60)}`];
  if (m[1] !== m[2] || m[1] !== m[3]) return [`statement ${m[1]} links ${m[2]}/${m[3]}`];
  const marker = MARKER.exec(paragraph);
  if (!marker) return [`${m[1]} is not marked *Observed:* or *Inferred:*`];
  if (!SOURCE.test(paragraph.slice(marker.index))) return [`${m[1]} names no source after its marker`];
  return [];
}

/** Problems with a page against a template (the ordered section IDs it must have). */
export function templateProblems(text: string, sections: readonly string[], { flow }: { flow: boolean }): string[] {
  const problems: string[] = [];
  const hs = headings(text);
  if (hs[0]?.level !== 1 || !hs[0].id) problems.push('the first heading must be a level-1 heading with an explicit {#id}');
  for (const h of hs) if (!h.id) problems.push(`heading without an explicit {#id}: ${h.text}`);
  const ids = hs.map((h) => h.id);
  let last = -1;
  for (const section of sections) {
    const at = ids.indexOf(section);
    if (at < 0) problems.push(`missing section {#${section}}`);
    else if (at < last) problems.push(`section {#${section}} is out of order`);
    else last = at;
  }
  const body = withoutFences(text);
  const status = body.indexOf('className="ws-status"');
  const firstSection = body.search(new RegExp(`\\{#${sections[0]}\\}`));
  if (status < 0) problems.push('no ws-status line');
  else if (firstSection >= 0 && status > firstSection) problems.push('the ws-status line must come before the first section');
  const paragraphs = behaviourParagraphs(text);
  if (paragraphs.length === 0) problems.push('no behaviour statement');
  for (const p of paragraphs) problems.push(...statementProblems(p));
  if (flow && !fences(text).some((f) => f.lang === 'mermaid' && /sequenceDiagram/.test(f.body)))
    problems.push('no Mermaid sequence diagram');
  return problems;
}

/** Code fences that hold pasted XML instead of an imported example. */
export function pastedXml(text: string): string[] {
  return fences(text)
    .filter((f) => (f.lang === 'xml' && f.body.includes('<')) || /^\s*<(\?xml|[A-Za-z][\w.-]*[\s>/])/.test(f.body))
    .map((f) => f.body.split('\n')[0] ?? '');
}

const pages = loadPages();

describe('docs: endpoint coverage', () => {
  for (const [number, call, id] of ENDPOINTS) {
    it(`${number} (${call}) has a page at docs/${id}`, () => {
      const file = pageFile(id);
      assert.ok(file, `docs/${id}.mdx is missing`);
      const title = /^title:\s*(.*)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1] ?? '';
      assert.ok(title.includes(call), `the title of docs/${id} (${title}) does not name ${call}`);
    });
  }

  it('W12 (HealthService) and W14 (secure channel) are described on the overview', () => {
    const overview = fs.readFileSync(pageFile('overview') ?? '', 'utf8');
    assert.match(overview, /\/HealthService/);
    assert.match(overview, /\/secure-channel\//);
  });
});

/** Every property name a JSON Schema declares, at any depth. */
function jsonSchemaNames(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) jsonSchemaNames(item, names);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) names.add(name);
      jsonSchemaNames(value, names);
    }
  }
  return names;
}

/** Asserts that a page imports and renders `docs/_generated/elements/<root>.mdx`, and returns that file's text. */
function importedReference(text: string, root: string, id: string): string {
  const importRe = new RegExp(`^import (\\w+) from '@site/docs/_generated/elements/${root}\\.mdx';$`, 'm');
  const imported = importRe.exec(text);
  assert.ok(imported, `docs/${id} does not import docs/_generated/elements/${root}.mdx`);
  assert.ok(text.includes(`<${imported[1]} />`), `docs/${id} imports the element reference but does not render <${imported[1]} />`);
  const generated = path.join(DOCS, '_generated', 'elements', `${root}.mdx`);
  assert.ok(fs.existsSync(generated), `docs/_generated/elements/${root}.mdx does not exist (npm run gen:elements)`);
  return fs.readFileSync(generated, 'utf8');
}

describe('docs: every schema element is on its document page', () => {
  for (const kind of documentKinds) {
    const id = kind.page.replace(/^\/docs\//, '');
    if (kind.format === 'json') {
      it(`${kind.root} (${kind.schema}) on ${kind.page}: the key reference is imported, every property named and the schema linked`, () => {
        const file = pageFile(id);
        assert.ok(file, `${kind.page}: docs/${id}.mdx is missing`);
        const text = fs.readFileSync(file, 'utf8');
        assert.ok(text.includes(`schemas/${kind.schema}`), `docs/${id} does not link schemas/${kind.schema}`);
        const reference = importedReference(text, kind.root, id);
        const schema: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', kind.schema), 'utf8'));
        const missing = [...jsonSchemaNames(schema)].filter((name) => !text.includes(`\`${name}\``) && !reference.includes(`"${name}"`));
        assert.deepEqual(missing, [], `properties of ${kind.schema} on neither docs/${id} nor its generated reference`);
      });
      continue;
    }
    it(`${kind.root} (${kind.schema}) on ${kind.page}`, () => {
      const file = pageFile(id);
      assert.ok(file, `${kind.page}: docs/${id}.mdx is missing`);
      const text = fs.readFileSync(file, 'utf8');
      const reference = importedReference(text, kind.root, id);
      const missing = flattenElements(readSchemaTree(kind.schema, kind.root))
        .map((element) => element.name)
        .filter((name) => !text.includes(name) && !reference.includes(`\`<${name}>\``));
      assert.deepEqual([...new Set(missing)], [], `elements of ${kind.schema} on neither docs/${id} nor its generated reference`);
    });
  }
});

describe('docs: page template', () => {
  const endpointPages = pages.filter((p) => /^(wireserver|hostgaplugin)\//.test(p.id) || ENDPOINT_LIKE.includes(p.id));
  const flowPages = pages.filter((p) => p.id.startsWith('flows/'));

  it('finds the endpoint and flow pages', () => {
    assert.ok(endpointPages.length >= 22, `only ${endpointPages.length} endpoint pages`);
    assert.ok(flowPages.length >= 6, `only ${flowPages.length} flow pages`);
  });

  for (const page of endpointPages) {
    it(`docs/${page.id} follows the endpoint template`, () => {
      assert.deepEqual(templateProblems(page.text, ENDPOINT_SECTIONS, { flow: false }), []);
    });
  }
  for (const page of flowPages) {
    it(`docs/${page.id} follows the flow template`, () => {
      assert.deepEqual(templateProblems(page.text, FLOW_SECTIONS, { flow: true }), []);
    });
  }

  for (const page of [...endpointPages, ...flowPages]) {
    it(`docs/${page.id} opens with a Rules box before its first section`, () => {
      const body = withoutFences(page.text);
      const rules = body.indexOf('<Rules />');
      assert.ok(rules >= 0, 'no <Rules /> placeholder');
      const firstSection = body.search(/^## /m);
      assert.ok(firstSection < 0 || rules < firstSection, '<Rules /> comes after the first section');
    });
  }

  it('no Mermaid diagram has a semicolon in its text (Mermaid reads it as the end of a statement)', () => {
    const bad = pages.flatMap((p) =>
      fences(p.text)
        .filter((f) => f.lang === 'mermaid')
        .flatMap((f) =>
          f.body
            .split('\n')
            .filter((l) => l.includes(';'))
            .map((l) => `docs/${p.id}: ${l.trim()}`),
        ),
    );
    assert.deepEqual(bad, []);
  });

  it('no table has an empty header row', () => {
    const empty = pages.filter((p) => /^\|\s*\|\s*\|\s*$/m.test(withoutFences(p.text))).map((p) => p.id);
    assert.deepEqual(empty, []);
  });

  it('every heading of every page has an explicit {#id}', () => {
    const bare = pages
      .filter((p) => !NOT_OURS.has(p.id))
      .flatMap((p) =>
        headings(p.text)
          .filter((h) => !h.id)
          .map((h) => `docs/${p.id}: ${h.text}`),
      );
    assert.deepEqual(bare, []);
  });

  it('behaviour statement IDs are unique across the site', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const page of pages) {
      for (const m of page.text.matchAll(/<Anchor id="([A-Z]+-\d+)" \/>/g)) {
        const id = m[1] ?? '';
        const other = seen.get(id);
        if (other !== undefined) duplicates.push(`${id} on docs/${other} and docs/${page.id}`);
        else seen.set(id, page.id);
      }
    }
    assert.ok(seen.size >= 100, `only ${seen.size} behaviour statements`);
    assert.deepEqual(duplicates, []);
  });

  it('the checks catch a broken page', () => {
    const broken = [
      '# Title',
      '## Response {#response}',
      '## Request {#request}',
      '## Behaviour {#behaviour}',
      '<Anchor id="XX-1" />**[XX-1](#XX-1).** A statement without a marker.',
      '',
      '<Anchor id="XX-2" />**[XX-2](#XX-3).** Wrong link. *Observed:* [x](https://github.com/a/b/issues/1).',
      '',
      '<Anchor id="XX-4" />**[XX-4](#XX-4).** Marked but unsourced. *Observed:* somewhere.',
    ].join('\n');
    const problems = templateProblems(broken, ['request', 'response', 'behaviour', 'history'], { flow: true });
    for (const expected of [
      /first heading must be a level-1 heading/,
      /heading without an explicit \{#id\}: Title/,
      /\{#response\} is out of order/,
      /missing section \{#history\}/,
      /no ws-status line/,
      /XX-1 is not marked/,
      /XX-2 links XX-2\/XX-3/,
      /XX-4 names no source/,
      /no Mermaid/,
    ]) {
      assert.ok(
        problems.some((p) => expected.test(p)),
        `no problem matching ${expected}: ${problems.join('; ')}`,
      );
    }
    assert.deepEqual(statementProblems('<Anchor id="OK-1" />**[OK-1](#OK-1).** Fine. *Inferred:* `owner/repo:path`.'), []);
  });
});

describe('docs: no pasted XML', () => {
  it('the check finds pasted XML and ignores other fences', () => {
    assert.equal(pastedXml('```xml\n<GoalState/>\n```\n').length, 1);
    assert.equal(pastedXml('```\n<?xml version="1.0"?>\n```\n').length, 1);
    assert.equal(pastedXml('```bash\ncurl -H "a: b" http://x\n```\n```xml\n\n```\n').length, 0);
  });

  for (const page of pages) {
    it(`docs/${page.id} imports its XML instead of pasting it`, () => {
      assert.deepEqual(pastedXml(page.text), []);
    });
  }
});

describe('docs: every citation is a link a reader can open', () => {
  it('no page, schema, example, test or TSDoc cites a path outside the repository or an unlinked source', () => {
    assert.equal(formatCitationProblems(repositoryCitationProblems(ROOT)), '');
  });

  it('every link into WALinuxAgent tests/data at the corpus commit resolves in corpus/walinuxagent', () => {
    assert.equal(formatCitationProblems(corpusLinkProblems(ROOT)), '');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-citations-'));
    try {
      fs.mkdirSync(path.join(tmp, 'corpus', 'walinuxagent', 'wire'), { recursive: true });
      fs.mkdirSync(path.join(tmp, 'docs'));
      fs.writeFileSync(path.join(tmp, 'corpus', 'walinuxagent', 'wire', 'a.xml'), '<a/>\n<b/>\n');
      const base = [
        'https://github.com/Azure/WALinuxAgent',
        'blob',
        'a976115fd7254f4f9f54cc33528f0817b07b7976',
        'tests',
        'data',
        'wire',
      ].join('/');
      fs.writeFileSync(path.join(tmp, 'docs', 'x.mdx'), `[ok](${base}/a.xml#L1-L2) [gone](${base}/b.xml) [past](${base}/a.xml#L9)\n`);
      assert.deepEqual(
        corpusLinkProblems(tmp).map((p) => p.message.replace(/ for .*/, '')),
        ['no corpus/walinuxagent/wire/b.xml', 'line 9 is past the end of wire/a.xml'],
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the check catches each kind of bad citation', () => {
    const notes = ['..', 'shared', 'reference', ['protocol', 'md'].join('.')].join('/');
    const cases: [string, string, RegExp][] = [
      ['docs/x.mdx', `See ${notes} §4.`, /outside the repository/],
      ['src/x.ts', `/** (${['peers', 'md'].join('.')} §3.1) */`, /research inventory/],
      ['docs/x.mdx', 'Read `Azure/WALinuxAgent:azurelinuxagent/common/protocol/wire.py`.', /owner\/repo:path/],
      ['docs/x.mdx', 'Read `wire.py`.', /source file named without a link/],
      ['docs/x.mdx', 'Seen in coreos/afterburn#461.', /without a link/],
      ['docs/x.mdx', 'Fixed by PR #468.', /without a link/],
      [
        'docs/x.mdx',
        `[wire.py](https://github.com/Azure/WALinuxAgent/${'blob'}/develop/azurelinuxagent/common/protocol/wire.py)`,
        /not pinned/,
      ],
      ['docs/x.mdx', '<Anchor id="XX-1" />**[XX-1](#XX-1).** A claim. *Observed:* `a file`.', /XX-1: no link after/],
      ['schemas/x.xsd', '<ws:meta status="observed" source="owner/repo:path"/>', /source is not a link/],
    ];
    for (const [file, text, expected] of cases) {
      const problems = citationProblems(text, file).map((p) => p.message);
      assert.ok(
        problems.some((m) => expected.test(m)),
        `${file}: ${text} -> ${problems.join('; ') || 'no problem'}`,
      );
    }
    const good =
      '<Anchor id="OK-1" />**[OK-1](#OK-1).** A claim. *Observed:* [wire.py (WALinuxAgent 2.15.0.1)](https://github.com/Azure/WALinuxAgent/blob/a976115fd7254f4f9f54cc33528f0817b07b7976/azurelinuxagent/common/protocol/wire.py#L10-L20); [coreos/afterburn#461](https://github.com/coreos/afterburn/issues/461).';
    assert.deepEqual(citationProblems(good, 'docs/x.mdx'), []);
    assert.deepEqual(citationProblems('<ws:meta status="rare" source="unverified: no public capture"/>', 'schemas/x.xsd'), []);
  });
});

/** The paragraph of one behaviour statement, wherever it is. */
function statement(id: string): string {
  for (const page of pages) {
    const at = page.text.indexOf(`<Anchor id="${id}" />`);
    if (at >= 0) return page.text.slice(at).split(/\n\s*\n/)[0] ?? '';
  }
  return '';
}

describe('docs: corrected statements stay corrected (issue 9)', () => {
  const cases: [string, RegExp | undefined, RegExp | undefined][] = [
    ['SC-2', /rdmaIPv4Address/, /never parses/],
    ['GS-2', /2015-04-05/, /Every known client sends `x-ms-version: 2012-11-30`/],
    ['VER-3', /2015-04-05/, /send `2012-11-30` directly/],
    ['GS-5', /does not\s+retry/, /refreshes the goal state\s+and retries once/],
    ['ERR-1', /does not retry/, /retries once with the new URL/],
    ['GS-9', /OS\.EnableFirewall/, undefined],
    ['OV-2', /OS\.EnableFirewall[\s\S]*nftables[\s\S]*Debian/, undefined],
    ['VMS-4', /410[\s\S]*1\.0\.8\.133[\s\S]*no fallback/, /no retries/],
    ['ST-2', /no effect/, /not its UTF-8 byte count/],
    ['HL-5', /unit-test docstring/, /code comments in both name 4096/],
    ['OVF-5', /PreprovisionedOSDisk[\s\S]*None/, undefined],
    ['OVF-2', undefined, /\*Inferred\* that the `ns1:` form/],
    ['RR-2', /2\.15\.0\.1[\s\S]*3484/, undefined],
    ['FB-1', /2\.15\.0\.1[\s\S]*3484/, undefined],
    ['EA-3', /_download_with_fallback_channel/, undefined],
    ['VMS-7', /MUST send/, undefined],
  ];
  it('no page or table still says WALinuxAgent retries a WireServer 410 once', () => {
    const wrong = pages.flatMap((p) =>
      withoutFences(p.text)
        .split('\n')
        .filter(
          (l) =>
            /410/.test(l) &&
            /retry once|retries once/.test(l) &&
            !/HostGAPlugin|plugin|vmSettings|extensionArtifact|InvalidContainerConfiguration|Stale goal state; refresh|ContainerId. or .ConfigName/.test(
              l,
            ),
        )
        .map((l) => `docs/${p.id}: ${l.trim().slice(0, 120)}`),
    );
    assert.deepEqual(wrong, []);
  });

  for (const [id, must, mustNot] of cases) {
    it(`${id} says what the client code does`, () => {
      const text = statement(id);
      assert.ok(text, `${id} not found`);
      if (must) assert.match(text, must);
      if (mustNot) assert.doesNotMatch(text, mustNot);
    });
  }
});

describe('docs: the Rules box lists the normative statements', () => {
  const statementNode = (id: string, sentence: string): MdNode => ({
    type: 'paragraph',
    children: [
      { type: 'mdxJsxTextElement', name: 'Anchor', attributes: [{ type: 'mdxJsxAttribute', name: 'id', value: id }], children: [] },
      {
        type: 'strong',
        children: [
          { type: 'link', url: `#${id}`, children: [{ type: 'text', value: id }] },
          { type: 'text', value: '.' },
        ],
      },
      { type: 'text', value: ` ${sentence} ` },
      { type: 'emphasis', children: [{ type: 'text', value: 'Observed:' }] },
      { type: 'text', value: ' a source.' },
    ],
  });

  it('takes the strongest keyword and the first sentence', () => {
    assert.deepEqual(ruleOf('HL-3', 'HL-3. The ids MUST be current. A client SHOULD fetch first. *Observed:* x'), {
      id: 'HL-3',
      keyword: 'MUST',
      summary: 'The ids MUST be current',
    });
    assert.equal(ruleOf('XX-1', 'XX-1. Clients MUST NOT depend on order.')?.keyword, 'MUST NOT');
    assert.equal(ruleOf('XX-2', 'XX-2. The server must answer; it should.'), undefined);
    assert.deepEqual(
      ruleOf('GS-3', 'GS-3. Incarnation is a decimal counter. Clients MUST compare it as a string. Observed: a MUST in a source'),
      { id: 'GS-3', keyword: 'MUST', summary: 'Clients MUST compare it as a string' },
    );
    assert.equal(ruleOf('XX-3', 'XX-3. Nothing normative here. Inferred from a comment that says MUST.'), undefined);
  });

  it('replaces <Rules /> with a linked list of the page statements, in page order', () => {
    const tree: MdNode = {
      type: 'root',
      children: [
        { type: 'mdxJsxFlowElement', name: 'Rules', attributes: [], children: [] },
        statementNode('AB-1', 'A plain observation.'),
        statementNode('AB-2', 'A client SHOULD retry.'),
        statementNode('AB-3', 'The body MUST be XML.'),
      ],
    };
    assert.deepEqual(
      rulesOf(tree).map((r) => `${r.keyword} ${r.id}`),
      ['SHOULD AB-2', 'MUST AB-3'],
    );
    fillRules(tree);
    const box = tree.children?.[0];
    assert.equal(box?.name, 'div');
    const links: string[] = [];
    const walk = (n: MdNode): void => {
      if (n.type === 'link' && n.url) links.push(n.url);
      (n.children ?? []).forEach(walk);
    };
    if (box) walk(box);
    assert.deepEqual(links, ['#AB-2', '#AB-3']);
  });

  it('HL-3 is in the health page box', () => {
    const page = pages.find((p) => p.id === 'wireserver/health');
    assert.ok(page);
    assert.match(page.text, /<Anchor id="HL-3" \/>[^\n]*\n?[^\n]*MUST/);
  });
});
