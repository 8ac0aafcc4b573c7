/**
 * The conformance report: `report.json` (schema `schemas/conformance-report.schema.json`), a
 * self-contained `report.html` styled like the site with every check linked to its statement, and
 * the terminal summary.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHECKS, describeRequest, type Verdict, type VerdictStatus } from './checks';
import type { ScenarioResult } from './run';

/** Where the site is published (docusaurus.config.ts `url`); check links start here. */
export const SITE_URL = 'https://wireserver-spec.example.org';

/** The report format version. */
export const REPORT_VERSION = 1;

/** Longest request body kept per exchange in report.json. */
const REPORT_BODY_LIMIT = 4096;

/** The whole report, as written to report.json. */
export interface ConformanceReport {
  /** Format version. */
  readonly reportVersion: number;
  /** The kit. */
  readonly tool: { readonly name: string; readonly version: string };
  /** ISO 8601 time the run ended. */
  readonly generatedAt: string;
  /** loopback or netns. */
  readonly mode: 'loopback' | 'netns';
  /** The agent command. */
  readonly agent: readonly string[];
  /** true when every exercised MUST check passed in every scenario. */
  readonly conforms: boolean;
  /** Counts over all scenarios. */
  readonly summary: Readonly<Record<VerdictStatus, number>> & { readonly mustFailures: number };
  /** Every check, with its statement and link. */
  readonly checks: readonly {
    readonly id: string;
    readonly title: string;
    readonly level: string;
    readonly statement: string;
    readonly url: string;
    readonly description: string;
  }[];
  /** Every scenario played. */
  readonly scenarios: readonly {
    readonly name: string;
    readonly title: string;
    readonly agent: ScenarioResult['agent'];
    readonly verdicts: readonly Verdict[];
    readonly exchanges: ScenarioResult['exchanges'];
  }[];
}

/** The link of a check's statement. */
export function checkUrl(page: string, statement: string, siteUrl = SITE_URL): string {
  return `${siteUrl}${page}#${statement}`;
}

const levelOf = new Map(CHECKS.map((c) => [c.id, c.level]));

/** Whether a scenario result has a failed MUST check. */
export function mustFailures(result: Pick<ScenarioResult, 'verdicts'>): Verdict[] {
  return result.verdicts.filter((v) => v.status === 'fail' && levelOf.get(v.id) === 'MUST');
}

/**
 * Builds the report.
 * @param results - One per scenario.
 * @param meta - Mode, agent command and tool version.
 */
export function buildReport(
  results: readonly ScenarioResult[],
  meta: { readonly mode: 'loopback' | 'netns'; readonly agent: readonly string[]; readonly version: string; readonly siteUrl?: string },
): ConformanceReport {
  const all = results.flatMap((r) => r.verdicts);
  const count = (status: VerdictStatus) => all.filter((v) => v.status === status).length;
  const failures = results.reduce((n, r) => n + mustFailures(r).length, 0);
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: 'wireserver-spec conformance', version: meta.version },
    generatedAt: new Date().toISOString(),
    mode: meta.mode,
    agent: meta.agent,
    conforms: failures === 0,
    summary: { pass: count('pass'), fail: count('fail'), 'not-exercised': count('not-exercised'), mustFailures: failures },
    checks: CHECKS.map((c) => ({
      id: c.id,
      title: c.title,
      level: c.level,
      statement: c.statement,
      url: checkUrl(c.page, c.statement, meta.siteUrl),
      description: c.description,
    })),
    scenarios: results.map((r) => ({
      name: r.scenario.name,
      title: r.scenario.title,
      agent: r.agent,
      verdicts: r.verdicts,
      exchanges: r.exchanges.map((e) => ({
        ...e,
        body: e.body.length > REPORT_BODY_LIMIT ? `${e.body.slice(0, REPORT_BODY_LIMIT)}…` : e.body,
      })),
    })),
  };
}

const MARK: Record<VerdictStatus, string> = { pass: 'pass', fail: 'FAIL', 'not-exercised': ' -- ' };

/**
 * The terminal summary: one line per scenario, then every failure with its evidence.
 * @param report - The report.
 */
export function formatSummary(report: ConformanceReport): string {
  const lines: string[] = [];
  for (const s of report.scenarios) {
    const fails = s.verdicts.filter((v) => v.status === 'fail');
    const passes = s.verdicts.filter((v) => v.status === 'pass').length;
    const agent = s.agent.timedOut
      ? 'agent timed out'
      : s.agent.stoppedAfterReady
        ? 'agent stopped after Ready'
        : s.agent.signal
          ? `agent killed by ${s.agent.signal}`
          : `agent exit ${s.agent.exitCode ?? '?'}`;
    lines.push(
      `${fails.length === 0 ? 'ok  ' : 'FAIL'} ${s.name.padEnd(22)} ${passes} passed, ${fails.length} failed, ` +
        `${s.verdicts.length - passes - fails.length} not exercised (${agent}, ${s.exchanges.length} requests)`,
    );
    for (const v of fails) {
      const check = report.checks.find((c) => c.id === v.id);
      lines.push(`     ${MARK[v.status]} ${v.id} [${check?.level ?? ''}] ${check?.title ?? ''}`, `          ${check?.url ?? ''}`);
      for (const e of v.evidence)
        lines.push(`          #${e.seq} ${e.request}`, `            expected: ${e.expected}`, `            observed: ${e.observed}`);
    }
  }
  const { summary } = report;
  lines.push(
    '',
    `${report.conforms ? 'CONFORMS' : 'DOES NOT CONFORM'}: ${summary.pass} passed, ${summary.fail} failed (${summary.mustFailures} ` +
      `MUST), ${summary['not-exercised']} not exercised, over ${report.scenarios.length} scenario(s)`,
  );
  return `${lines.join('\n')}\n`;
}

const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The self-contained HTML report (no script, no external resource; links go to the site).
 * @param report - The report.
 */
export function renderHtml(report: ConformanceReport): string {
  const checkById = new Map(report.checks.map((c) => [c.id, c]));
  const scenarios = report.scenarios
    .map((s) => {
      const rows = s.verdicts
        .map((v) => {
          const c = checkById.get(v.id);
          const evidence = v.evidence
            .map(
              (e) =>
                `<div class="ev"><code>#${e.seq} ${esc(e.request)}</code><br>expected: ${esc(e.expected)}<br>observed: ` +
                `${esc(e.observed)}</div>`,
            )
            .join('');
          return `<tr class="${v.status}"><td class="st">${v.status}</td><td><a href="${esc(c?.url ?? '')}">${esc(v.id)}</a> <span class="lv">${esc(c?.level ?? '')}</span><br><span class="t">${esc(c?.title ?? '')}</span>${evidence}</td><td><a href="${esc(c?.url ?? '')}">${esc(c?.statement ?? '')}</a></td></tr>`;
        })
        .join('\n');
      const log = s.exchanges
        .map(
          (e) =>
            `<tr><td>${e.seq}</td><td>${e.at}</td><td>${esc(describeRequest(e))}</td><td>${e.status || '—'}${e.aborted ? ' (aborted)' : ''}${e.fault ? ` · ${esc(e.fault)}` : ''}</td></tr>`,
        )
        .join('\n');
      const fails = s.verdicts.filter((v) => v.status === 'fail').length;
      return `<section id="${esc(s.name)}"><h2>${fails === 0 ? '✔' : '✘'} ${esc(s.title)} <small>${esc(s.name)}</small></h2>
<p class="agent">Agent: ${s.agent.timedOut ? 'timed out' : s.agent.stoppedAfterReady ? 'stopped after its Ready report' : s.agent.signal ? `killed by ${esc(s.agent.signal)}` : `exit ${s.agent.exitCode ?? '?'}`} after ${s.agent.durationMs} ms.</p>
<table class="checks"><thead><tr><th>Verdict</th><th>Check</th><th>Statement</th></tr></thead><tbody>${rows}</tbody></table>
<details><summary>${s.exchanges.length} requests</summary><table class="log"><thead><tr><th>#</th><th>ms</th><th>Request</th><th>Answer</th></tr></thead><tbody>${log}</tbody></table></details>
${s.agent.output ? `<details><summary>Agent output (last 4 KiB)</summary><pre>${esc(s.agent.output)}</pre></details>` : ''}</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>WireServer conformance report</title>
<style>
:root{--primary:#0b5cad;--fail:#b3261e;--pass:#1b7f3b;--muted:#606770;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;line-height:1.5}
body{margin:0;color:#1c1e21}header{background:var(--primary);color:#fff;padding:1rem 2rem}header a{color:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem 2rem}a{color:var(--primary)}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #dadde1;padding:.35rem .6rem;text-align:left;vertical-align:top}th{background:#f5f6f7}
tr.fail .st{color:var(--fail);font-weight:700}tr.pass .st{color:var(--pass)}tr.not-exercised .st{color:var(--muted)}
.lv{font-size:.75rem;border:1px solid #dadde1;border-radius:.3rem;padding:0 .3rem;color:var(--muted)}.t{color:var(--muted)}
.ev{margin:.4rem 0;padding:.4rem;border-left:3px solid var(--fail);background:#fdf3f2;font-size:.9rem}
code,pre{font-family:SFMono-Regular,Menlo,Monaco,Consolas,monospace;font-size:.85rem}pre{background:#f5f6f7;padding:.6rem;overflow:auto}
.verdict{font-size:1.3rem;font-weight:700}.verdict.no{color:var(--fail)}.verdict.yes{color:var(--pass)}small{color:var(--muted);font-weight:400}
</style></head><body>
<header><strong>wireserver-spec</strong> · conformance report · <a href="${esc(SITE_URL)}/docs/tools/conformance">what this is</a></header>
<main>
<p class="verdict ${report.conforms ? 'yes' : 'no'}">${report.conforms ? 'Conforms' : 'Does not conform'}: ${report.summary.pass} passed, ${report.summary.fail} failed (${report.summary.mustFailures} MUST), ${report.summary['not-exercised']} not exercised.</p>
<p>Agent <code>${esc(report.agent.join(' '))}</code>, ${report.mode === 'netns' ? 'in a private network namespace (real addresses)' : 'on loopback (endpoint from the environment)'}, ${esc(report.generatedAt)}, ${esc(report.tool.name)} ${esc(report.tool.version)}.</p>
<nav><ul>${report.scenarios.map((s) => `<li><a href="#${esc(s.name)}">${esc(s.title)}</a></li>`).join('')}</ul></nav>
${scenarios}
</main></body></html>
`;
}

/**
 * Writes report.json and report.html into a folder.
 * @param report - The report.
 * @param dir - The folder (created).
 * @returns The two paths.
 */
export function writeReport(report: ConformanceReport, dir: string): { json: string; html: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const html = path.join(dir, 'report.html');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(html, renderHtml(report));
  return { json, html };
}
