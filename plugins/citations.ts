/**
 * The citation rules of the specification: every source a reader can open in one click.
 *
 * - No file may cite a path outside the repository: the research notes the project was started
 *   from (the shared reference folder, its two fact inventories) or a local absolute path.
 * - In pages, a source is a link: a GitHub permalink pinned to a 40-hex commit (`blob/` or `tree/`,
 *   with `#Lx-Ly` where the lines are known), or an issue or pull request. A backticked
 *   `owner/repo:path`, a bare source file name, or an `owner/repo#N` outside a link is a citation
 *   that is not a link.
 * - Every behaviour statement's `*Observed:*`/`*Inferred:*` marker is followed by at least one link.
 * - In schemas, a `ws:meta` `source` holds at least one permalink, or says `unverified:` and why.
 *
 * Used by the `check-citations` Docusaurus plugin (the build fails) and by test/docs.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';

/** One broken rule, with where it is. */
export interface CitationProblem {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/** Names of the research notes outside the repository, built so that this file does not cite them itself. */
const OUTSIDE = [
  { re: new RegExp(['\\.\\.', 'shared'].join('/')), what: 'a path to the research notes outside the repository' },
  { re: new RegExp(`\\b${['protocol', 'md'].join('\\.')}\\b`), what: 'the research inventory (not part of the repository)' },
  { re: new RegExp(`\\b${['peers', 'md'].join('\\.')}\\b`), what: 'the research inventory (not part of the repository)' },
  { re: new RegExp(['', 'work', ''].join('/')), what: 'a local absolute path' },
];

const GITHUB_LINK = /https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\/(blob|tree)\/([^/\s)"'<>]+)\/([^\s)"'<>#]*)(#L\d+(?:-L\d+)?)?/g;
const MARKER = /\*(Observed|Inferred)\b[^*]*\*/;
const STATEMENT = /^<Anchor id="([A-Z]+-\d+)" \/>/;

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Text with fenced code blocks blanked (lengths kept, so offsets still map to lines). */
function blankFences(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/** Text with markdown links and URLs blanked (lengths kept). */
function blankLinks(text: string): string {
  return text
    .replace(/\[(?:[^\][]|\[[^\]]*\])*\]\([^)\s]*\)/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/https?:\/\/[^\s)"'<>]+/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** Problems with GitHub links anywhere in a text: each must be pinned to a full commit. */
function linkProblems(text: string): { offset: number; message: string }[] {
  const out: { offset: number; message: string }[] = [];
  for (const m of text.matchAll(GITHUB_LINK)) {
    const ref = m[4] ?? '';
    if (!/^[0-9a-f]{40}$/.test(ref))
      out.push({ offset: m.index ?? 0, message: `GitHub link not pinned to a 40-hex commit (${ref}): ${m[0]}` });
  }
  return out;
}

/** Problems in a Markdown/MDX page. */
export function pageCitationProblems(text: string): { offset: number; message: string }[] {
  const out = linkProblems(text);
  const prose = blankFences(text);
  const unlinked = blankLinks(prose);
  const rules: [RegExp, string][] = [
    [/`[\w.-]+\/[\w.-]+:[^`\s]+`/g, 'a source written as owner/repo:path instead of a link'],
    [/`[\w./-]*\w\.(?:py|rs|go|c|cs|ps1)`/g, 'a source file named without a link'],
    [/(?<![\w/.[-])[A-Za-z][\w-]*\/[\w.-]+#\d+\b/g, 'an issue or pull request cited without a link'],
    [/\b(?:PR|issue|pull request) #\d+\b/g, 'an issue or pull request cited without a link'],
  ];
  for (const [re, message] of rules) {
    for (const m of unlinked.matchAll(re)) out.push({ offset: m.index ?? 0, message: `${message}: ${m[0]}` });
  }
  // Behaviour statements: the marker must be followed by a link to the evidence.
  for (const para of prose.matchAll(/^<Anchor id="[A-Z]+-\d+" \/>[\s\S]*?(?=\n\s*\n|(?![\s\S]))/gm)) {
    const body = para[0];
    const id = STATEMENT.exec(body)?.[1] ?? '?';
    const marker = MARKER.exec(body);
    if (!marker) continue; // the page-template test reports a missing marker
    const after = body.slice(marker.index);
    if (!/\]\((https:\/\/|\/docs\/|#)/.test(after))
      out.push({ offset: (para.index ?? 0) + marker.index, message: `${id}: no link after *${marker[1]}:*` });
  }
  return out;
}

/** Problems in a schema: every `ws:meta` source holds a permalink, or says `unverified:`. */
export function schemaCitationProblems(text: string): { offset: number; message: string }[] {
  const out = linkProblems(text);
  for (const m of text.matchAll(/<ws:meta\b[^>]*?\bsource="([^"]*)"/g)) {
    const source = m[1] ?? '';
    if (!/https:\/\//.test(source) && !/^unverified:/.test(source))
      out.push({ offset: m.index ?? 0, message: `ws:meta source is not a link: "${source}"` });
  }
  return out;
}

/** Every citation problem of one file (by its extension). */
export function citationProblems(text: string, file: string): CitationProblem[] {
  const rel = file.split(path.sep).join('/');
  const found: { offset: number; message: string }[] = [];
  for (const { re, what } of OUTSIDE) {
    for (const m of text.matchAll(new RegExp(re.source, 'g'))) found.push({ offset: m.index ?? 0, message: `cites ${what}: ${m[0]}` });
  }
  if (/^(docs\/.*\.mdx?|examples\/.*\.md)$/.test(rel)) found.push(...pageCitationProblems(text));
  else if (/\.xsd$/.test(rel)) found.push(...schemaCitationProblems(text));
  else found.push(...linkProblems(text));
  return found.map((p) => ({ file: rel, line: lineAt(text, p.offset), message: p.message })).sort((a, b) => a.line - b.line);
}

/** The folders and files whose citations are checked. */
export const CHECKED = ['docs', 'examples', 'schemas', 'src', 'test', 'plugins', 'site', 'README.md', 'CONTRIBUTING.md'];
/** Generated or foreign output that is not ours to check (TypeDoc output, dependencies). */
const SKIP = new Set(['docs/api', 'node_modules']);

/** Files under `root` that the citation check reads. */
export function checkedFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    if (SKIP.has(rel)) return;
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) visit(rel ? `${rel}/${name}` : name);
    } else if (/\.(mdx?|xsd|json|xml|ts|tsx|css)$/.test(rel)) out.push(rel);
  };
  for (const entry of CHECKED) visit(entry);
  return out;
}

/** Every citation problem in the repository at `root`. */
export function repositoryCitationProblems(root: string): CitationProblem[] {
  return checkedFiles(root).flatMap((rel) => citationProblems(fs.readFileSync(path.join(root, rel), 'utf8'), rel));
}

/** The WALinuxAgent commit `corpus/walinuxagent` is a copy of (its `tests/data`). */
export const CORPUS_COMMIT = 'a976115fd7254f4f9f54cc33528f0817b07b7976';

/**
 * Links into WALinuxAgent's `tests/data` at the corpus commit whose file is missing from
 * `corpus/walinuxagent`, or whose `#Lx-Ly` range goes past the end of the file: such a link can be
 * checked offline, so it is.
 * @param root - The repository root.
 */
export function corpusLinkProblems(root: string): CitationProblem[] {
  const corpus = path.join(root, 'corpus', 'walinuxagent');
  const re = new RegExp(
    `https://github\\.com/Azure/WALinuxAgent/(blob|tree)/${CORPUS_COMMIT}/tests/data/([^\\s)"'<>#;,]*[^\\s)"'<>#;,.])(?:#L(\\d+)(?:-L(\\d+))?)?`,
    'g',
  );
  const problems: CitationProblem[] = [];
  for (const rel of checkedFiles(root)) {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const m of text.matchAll(re)) {
      const [, kind, sub = '', from, to] = m;
      const target = path.join(corpus, sub);
      const line = lineAt(text, m.index ?? 0);
      if (!fs.existsSync(target)) {
        problems.push({ file: rel, line, message: `no corpus/walinuxagent/${sub} for ${m[0]}` });
        continue;
      }
      const isDir = fs.statSync(target).isDirectory();
      if ((kind === 'tree') !== isDir)
        problems.push({ file: rel, line, message: `${kind} link to a ${isDir ? 'folder' : 'file'}: ${m[0]}` });
      const last = Number(to ?? from ?? 0);
      if (!isDir && last > 0 && last > fs.readFileSync(target, 'utf8').split('\n').length)
        problems.push({ file: rel, line, message: `line ${last} is past the end of ${sub}` });
    }
  }
  return problems;
}

/** Problems as lines `file:line: message`. */
export function formatCitationProblems(problems: readonly CitationProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
