import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { copyProject, run } from '../helpers/project-copy';
import { LINK_POLICY } from '../../site/link-policy';
import { BUILD_DIR, ROOT } from '../helpers/paths';

const DOCUSAURUS = path.join(ROOT, 'node_modules', '.bin', 'docusaurus');
const copies: string[] = [];
after(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe('site build', { concurrency: false }, () => {
  it('built the site (npm test runs npm run build first) with the goal state page, its example, element reference, API pages, schemas and the search index of the specification pages', () => {
    const out = BUILD_DIR;
    assert.ok(fs.existsSync(path.join(out, 'index.html')), 'no build/: run npm run build first (npm test does)');
    const page = fs.readFileSync(path.join(out, 'docs', 'wireserver', 'goalstate', 'index.html'), 'utf8');
    for (const id of [
      'request',
      'request-headers',
      'response',
      'structure',
      'behaviour',
      'implementations',
      'history',
      'GS-1',
      'GS-11',
      'el-GoalState-Container-ContainerId',
    ]) {
      assert.match(page, new RegExp(`id="${id}"`), `goal state page lacks #${id}`);
    }
    assert.match(page, /06185f00-1f00-4545-abaa-4b7baa121869/, 'the imported example is not on the page');
    assert.ok(fs.existsSync(path.join(out, 'docs', 'api', 'functions', 'parseGoalState', 'index.html')), 'no API page for parseGoalState');
    assert.ok(fs.existsSync(path.join(out, 'schemas', 'goal-state.xsd')), 'schemas are not published');
    const search = JSON.parse(fs.readFileSync(path.join(out, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const docs = fs.readdirSync(path.join(out, 'docs'), { recursive: true }).filter((f) => String(f).endsWith('index.html'));
    const api = docs.filter((f) => String(f).startsWith(`api${path.sep}`) || f === path.join('api', 'index.html'));
    assert.equal(
      search.languages['en']?.page_count,
      docs.length - api.length,
      'the search index does not hold every specification page, or holds API pages',
    );
    assert.ok(api.length > 0, 'no API page was built');
  });

  it('fails, naming the file, line and problem, when an example is invalid', () => {
    const dir = copyProject();
    copies.push(dir);
    const example = fs.readFileSync(path.join(dir, 'examples', 'GoalState', 'vm-with-extensions.xml'), 'utf8');
    fs.writeFileSync(
      path.join(dir, 'examples', 'GoalState', 'broken.xml'),
      example.replace('<Incarnation>1</Incarnation>', '<Incarnation>-1</Incarnation>'),
    );
    const result = run(dir, DOCUSAURUS, ['build']);
    assert.notEqual(result.status, 0);
    assert.match(result.output, /examples\/GoalState\/broken\.xml:5:3: `<Incarnation>` must be a whole number, got `-1`/);
  });

  it('fails when src/ has a type error', () => {
    const dir = copyProject();
    copies.push(dir);
    fs.writeFileSync(path.join(dir, 'src', 'broken.ts'), 'export const n: number = "not a number";\n');
    const result = run(dir, 'npm', ['run', 'build']);
    assert.notEqual(result.status, 0);
    assert.match(result.output, /src\/broken\.ts\(1,14\): error TS2322/);
  });

  it("fails on a broken anchor, and resolves links to an <Anchor> and a heading (a fixture site with the project's link policy)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'link-policy-site-'));
    copies.push(dir);
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.mkdirSync(path.join(dir, 'docs'));
    const policy = JSON.stringify(path.join(ROOT, 'site', 'link-policy.ts'));
    fs.writeFileSync(
      path.join(dir, 'docusaurus.config.ts'),
      [
        `import { LINK_POLICY, MARKDOWN_LINK_HOOKS } from ${policy};`,
        "export default { title: 'fixture', url: 'http://127.0.0.1', baseUrl: '/', ...LINK_POLICY, markdown: { hooks: " +
          'MARKDOWN_LINK_HOOKS },',
        "  presets: [['classic', { docs: { routeBasePath: '/', sidebarPath: false }, blog: false, pages: false }]] };",
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "link-policy-fixture", "private": true }\n');
    fs.writeFileSync(
      path.join(dir, 'docs', 'target.mdx'),
      [
        '---',
        'slug: /',
        '---',
        '',
        `import Anchor from ${JSON.stringify(path.join(ROOT, 'site', 'components', 'Anchor'))};`,
        '',
        '# Target',
        '',
        '## A section {#section}',
        '',
        '<Anchor id="GS-1" />**GS-1.** A statement.',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'docs', 'links.md'),
      '# Links\n\n[a statement](/#GS-1), [a heading](/#section) and [no such anchor](/#GS-999).\n',
    );
    const result = run(dir, DOCUSAURUS, ['build']);
    assert.notEqual(result.status, 0, 'the build passed with a broken anchor');
    assert.match(result.output, /Docusaurus found broken anchors/);
    assert.match(result.output, /linking to \/#GS-999/);
    // The link to an <Anchor> and the one to a heading resolve: only the broken one is reported.
    assert.doesNotMatch(result.output, /linking to \/#(GS-1|section)\b/);
  });

  it('the site uses the link policy the fixture proves, which throws on broken links, anchors and routes', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docusaurus.config.ts'), 'utf8');
    assert.match(text, /\.\.\.LINK_POLICY,/);
    assert.match(text, /hooks: MARKDOWN_LINK_HOOKS/);
    assert.deepEqual(LINK_POLICY, { onBrokenLinks: 'throw', onBrokenAnchors: 'throw', onDuplicateRoutes: 'throw' });
  });
});
