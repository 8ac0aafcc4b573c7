/**
 * Generates the reference part of the conformance kit's page from the code and the scenario
 * files (one source of truth): `docs/_generated/conformance/checks.mdx` and `scenarios.mdx`.
 * `--check` compares instead of writing and exits 1 when a committed file differs.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeGeneratedFiles } from '../io/generated-files';
import { CHECKS } from './checks';
import { allScenarios } from './scenario';

/** The folder of the generated includes. */
export const GENERATED_DIR = path.resolve(__dirname, '..', '..', 'docs', '_generated', 'conformance');

/** Text safe in MDX prose: braces, angle brackets and asterisks escaped. */
export function mdxText(text: string): string {
  return text.replace(/[{}<>*_\\]/g, (c) => `\\${c}`);
}

const HEADER = (what: string) =>
  `{/* Generated from ${what} by src/conformance/reference-docs.ts; do not edit. Run: npm run gen:conformance */}\n\nimport Anchor ` +
  `from '@site/site/components/Anchor';\n\n`;

/** The checks include. */
export function checksMdx(): string {
  const rows = CHECKS.map(
    (c) =>
      `- <Anchor id="check-${c.id}" />**[${c.id}](#check-${c.id})** · ${c.level} · statement ` +
      `[${c.statement}](${c.page}#${c.statement})  \n  **${mdxText(c.title)}.** ${mdxText(c.description)}`,
  );
  return `${HEADER('src/conformance/checks.ts')}${rows.join('\n')}\n`;
}

/** The scenarios include. */
export function scenariosMdx(): string {
  const rows = allScenarios().map((s) => {
    const faults =
      s.faults.length === 0
        ? 'none'
        : s.faults
            .map(
              (f) =>
                `\`${f.route}\`: ${f.fault.kind === 'status' ? `${f.fault.status}${f.fault.retryAfterSeconds !== undefined ? ` with Retry-After ${f.fault.retryAfterSeconds}` : ''}` : f.fault.kind === 'delay' ? `delay ${f.fault.ms} ms` : f.fault.kind}${(f.times ?? 1) > 1 ? ` ×${f.times}` : ''}`,
            )
            .join('; ');
    const setup = Object.entries(s.mock)
      .map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``)
      .join(', ');
    return `- <Anchor id="scenario-${s.name}" />**[${s.name}](#scenario-${s.name})**: ${mdxText(s.title)}.  \n  ${mdxText(s.description)}  \n  Mock: ${setup}. Faults: ${faults}. Checks aimed at: ${s.focus.map((id) => `[${id}](#check-${id})`).join(', ')}. Statements: ${s.statements.map((id) => `[${id}](${statementPage(id)}#${id})`).join(', ')}.`;
  });
  return `${HEADER('src/conformance/scenarios/*.json')}${rows.join('\n')}\n`;
}

/** The page of a statement id, found in the docs (a statement not on any page is an error). */
export function statementPage(id: string, docsDir = path.resolve(__dirname, '..', '..', 'docs')): string {
  const found = findStatement(id, docsDir);
  if (found === undefined) throw new Error(`statement ${id} is on no page of ${docsDir}`);
  return found;
}

/** The route of the page holding `<Anchor id="ID" />` or a `{#ID}` heading, if any. */
export function findStatement(id: string, docsDir = path.resolve(__dirname, '..', '..', 'docs')): string | undefined {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      if (d.name.startsWith('_') || d.name === 'api') return [];
      const full = path.join(dir, d.name);
      return d.isDirectory() ? walk(full) : /\.mdx?$/.test(d.name) ? [full] : [];
    });
  const needle = [`<Anchor id="${id}"`, `{#${id}}`];
  const file = walk(docsDir).find((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return needle.some((n) => text.includes(n));
  });
  return file === undefined
    ? undefined
    : `/docs/${path
        .relative(docsDir, file)
        .replace(/\.mdx?$/, '')
        .split(path.sep)
        .join('/')}`;
}

/**
 * Writes (or compares) the includes.
 * @param check - Compare instead of writing.
 * @returns The files that differ (with `check`) or were written.
 */
export function generateConformanceDocs(check: boolean): string[] {
  return writeGeneratedFiles(
    [
      [path.join(GENERATED_DIR, 'checks.mdx'), checksMdx()],
      [path.join(GENERATED_DIR, 'scenarios.mdx'), scenariosMdx()],
    ],
    check,
  );
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const touched = generateConformanceDocs(check);
  if (check && touched.length > 0) {
    process.stderr.write(`out of date (run npm run gen:conformance): ${touched.join(', ')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(check ? 'conformance references are up to date\n' : `${touched.length} file(s) written\n`);
  }
}
