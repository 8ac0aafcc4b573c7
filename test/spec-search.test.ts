/**
 * The site's search without a built site: which routes the index covers, the index Pagefind writes
 * for a small fixture site (what is indexed, what is published), and how a result becomes an entry
 * of the search box (section, anchor, excerpt). The built site's search box is tested in Chromium in
 * test/site/docs-browser.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { SEARCH_DIR, specSearchRoutes, writeSpecSearchIndex } from '../plugins/spec-search';
import { excerptParts, searchEntry, targetUrl, type PagefindPage, type PagefindSubResult } from '../site/search/results';

describe('specSearchRoutes', () => {
  const routes = [
    '/',
    '/docs',
    '/docs/overview',
    '/docs/api',
    '/docs/api/functions/validate',
    '/docs/apis',
    '/validate',
    '/search',
    '/docs/overview',
  ];

  it('keeps the docs and leaves out the API reference, the landing page and the other pages', () => {
    assert.deepEqual(specSearchRoutes(routes, '/'), ['/docs', '/docs/apis', '/docs/overview']);
  });

  it('works under a base URL', () => {
    const based = routes.map((route) => `/spec${route}`.replace(/\/$/, '/'));
    assert.deepEqual(specSearchRoutes(based, '/spec/'), ['/spec/docs', '/spec/docs/apis', '/spec/docs/overview']);
  });
});

/** A built page as Docusaurus writes one: the article (breadcrumbs, collapsed table of contents, text) between the navbar, the table of contents and the footer. */
function page(title: string, body: string): string {
  return [
    '<!doctype html><html lang="en"><head><title>x</title></head><body>',
    '<nav class="navbar">Navbarword</nav><main><div class="row"><div class="col">',
    '<article><nav class="theme-doc-breadcrumbs">Breadcrumbword</nav>',
    '<div class="theme-doc-toc-mobile"><button>On this page</button>Mobiletocword</div>',
    `<header><h1 id="top">${title}</h1></header>${body}</article></div>`,
    '<div class="col col--3"><div class="tableOfContents">Tocword</div></div></div></main>',
    '<footer>Footerword</footer></body></html>',
  ].join('');
}

/** The text and anchors Pagefind stored for each page (its fragments: gzip, a `pagefind_dcd` signature, then JSON). */
function fragments(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  const folder = path.join(dir, SEARCH_DIR, 'fragment');
  for (const file of fs.readdirSync(folder)) {
    const raw = zlib.gunzipSync(fs.readFileSync(path.join(folder, file))).toString('utf8');
    const fragment = JSON.parse(raw.slice(raw.indexOf('{'))) as { url: string; content: string; anchors: { id: string; text: string }[] };
    texts.set(fragment.url, `${fragment.content}\n${fragment.anchors.map((anchor) => `#${anchor.id}: ${anchor.text}`).join('\n')}`);
  }
  return texts;
}

describe('writeSpecSearchIndex', () => {
  it('indexes the article of each page and publishes the index without Pagefind’s own search interfaces', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-search-'));
    try {
      fs.mkdirSync(path.join(dir, 'docs', 'goalstate'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'docs', 'goalstate', 'index.html'),
        page(
          'Goal state',
          '<h2 id="behaviour">Behaviour<a class="hash-link" href="#behaviour">\u200b</a></h2>' +
            '<p><span id="GS-1"></span><strong>GS-1.</strong> Incarnation counts goal states.</p>',
        ),
      );
      fs.writeFileSync(path.join(dir, 'docs', 'flows.html'), page('Flows', '<p>Hibernation resets the counter.</p>'));
      const written = await writeSpecSearchIndex(dir, '/', ['/docs/goalstate', '/docs/flows']);
      assert.equal(written.pages, 2);
      const published = fs.readdirSync(path.join(dir, SEARCH_DIR));
      for (const name of ['pagefind.js', 'pagefind-entry.json', 'index', 'fragment'])
        assert.ok(published.includes(name), `no ${name} in ${published.join(', ')}`);
      assert.deepEqual(
        published.filter((name) => /^pagefind-(ui|component-ui|modular-ui|highlight)/.test(name)),
        [],
        'Pagefind’s own interfaces are published',
      );
      const entry = JSON.parse(fs.readFileSync(path.join(dir, SEARCH_DIR, 'pagefind-entry.json'), 'utf8')) as {
        languages: Record<string, { page_count: number }>;
      };
      assert.deepEqual(Object.keys(entry.languages), ['en']);
      assert.equal(entry.languages['en']?.page_count, 2);
      const texts = fragments(dir);
      assert.deepEqual([...texts.keys()].sort(), ['/docs/flows', '/docs/goalstate']);
      const goalState = texts.get('/docs/goalstate') ?? '';
      assert.match(goalState, /GS-1\. Incarnation counts goal states/);
      assert.match(goalState, /^#behaviour: Behaviour$/m, 'the heading has more than its title');
      assert.doesNotMatch(
        goalState,
        /Navbarword|Breadcrumbword|Mobiletocword|On this page|Tocword|Footerword/,
        'text around the document was indexed',
      );
      assert.match(texts.get('/docs/flows') ?? '', /Hibernation resets the counter/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails naming the route when a page was not built', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-search-'));
    try {
      await assert.rejects(writeSpecSearchIndex(dir, '/', ['/docs/missing']), /no built HTML for \/docs\/missing/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A section with its matches; every match weighs 1 unless given. */
function section(
  title: string,
  url: string,
  locations: number[],
  anchor?: PagefindSubResult['anchor'],
  weights?: number[],
): PagefindSubResult {
  return {
    title,
    url,
    ...(anchor ? { anchor } : {}),
    locations,
    weighted_locations: locations.map((location, i) => ({ location, weight: weights?.[i] ?? 1 })),
    excerpt: `${title} <mark>word</mark>`,
  };
}

const GOAL_STATE: PagefindPage = {
  url: '/docs/wireserver/goalstate',
  meta: { title: 'GET /machine/?comp=goalstate' },
  excerpt: 'page <mark>word</mark>',
  anchors: [
    { element: 'h2', id: 'structure', location: 10 },
    { element: 'span', id: 'el-GoalState', location: 14 },
    { element: 'span', id: 'el-goalstate', location: 14 },
    { element: 'span', id: 'el-GoalState-Incarnation', location: 30 },
    { element: 'span', id: 'el-goalstate-incarnation', location: 30 },
    { element: 'h2', id: 'examples', location: 60 },
    { element: 'h2', id: 'behaviour', location: 80 },
    { element: 'span', id: 'GS-1', location: 82 },
    { element: 'span', id: 'gs-1', location: 82 },
    { element: 'h3', id: 'inner', location: 90 },
  ],
  sub_results: [],
};

describe('search results', () => {
  it('splits an excerpt into plain and marked text, unescaping only what Pagefind escapes', () => {
    assert.deepEqual(excerptParts('the <mark>&lt;Incarnation&gt;</mark> a&amp;b <mark>GS-1.</mark>'), [
      { text: 'the ', mark: false },
      { text: '<Incarnation>', mark: true },
      { text: ' a&amp;b ', mark: false },
      { text: 'GS-1.', mark: true },
    ]);
    assert.deepEqual(excerptParts(''), []);
  });

  it('points at the closest anchor before the words, never past the section heading or at a heading', () => {
    const structure = section('Element structure', `${GOAL_STATE.url}#structure`, [33, 40], GOAL_STATE.anchors[0]);
    assert.equal(targetUrl(GOAL_STATE, structure), `${GOAL_STATE.url}#el-GoalState-Incarnation`);
    const statement = section('Behaviour', `${GOAL_STATE.url}#behaviour`, [82], GOAL_STATE.anchors[6]);
    assert.equal(targetUrl(GOAL_STATE, statement), `${GOAL_STATE.url}#GS-1`, 'the lower-case alias won');
    const beforeAnchors = section('Behaviour', `${GOAL_STATE.url}#behaviour`, [81], GOAL_STATE.anchors[6]);
    assert.equal(targetUrl(GOAL_STATE, beforeAnchors), `${GOAL_STATE.url}#behaviour`);
    const examples = section('Examples', `${GOAL_STATE.url}#examples`, [65], GOAL_STATE.anchors[5]);
    assert.equal(targetUrl(GOAL_STATE, examples), `${GOAL_STATE.url}#examples`, 'an anchor of an earlier section was used');
    const inner = section('Inner', `${GOAL_STATE.url}#inner`, [95], GOAL_STATE.anchors[9]);
    assert.equal(targetUrl(GOAL_STATE, inner), `${GOAL_STATE.url}#inner`);
  });

  it('makes one entry per page from its section whose matches weigh most', () => {
    const page: PagefindPage = {
      ...GOAL_STATE,
      sub_results: [
        section('GET /machine/?comp=goalstate', GOAL_STATE.url, [2]),
        section('Examples', `${GOAL_STATE.url}#examples`, [61, 62, 63, 64], GOAL_STATE.anchors[5], [0.5, 0.5, 0.5, 0.5]),
        section('Behaviour', `${GOAL_STATE.url}#behaviour`, [83, 85, 87], GOAL_STATE.anchors[6]),
      ],
    };
    assert.deepEqual(searchEntry(page), {
      title: 'GET /machine/?comp=goalstate',
      section: 'Behaviour',
      url: `${GOAL_STATE.url}#GS-1`,
      excerpt: [
        { text: 'Behaviour ', mark: false },
        { text: 'word', mark: true },
      ],
    });
    const top = searchEntry({ ...page, sub_results: [section('GET /machine/?comp=goalstate', GOAL_STATE.url, [2])] });
    assert.equal(top.section, undefined, 'the page title was repeated as a section');
    assert.equal(top.url, GOAL_STATE.url);
    const bare = searchEntry({ ...page, meta: {}, sub_results: [] });
    assert.equal(bare.title, GOAL_STATE.url);
    assert.deepEqual(bare.excerpt, [
      { text: 'page ', mark: false },
      { text: 'word', mark: true },
    ]);
  });
});
