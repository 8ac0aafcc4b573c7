/**
 * The conformance kit in private network namespaces (root and iproute2, as on CI): the reference
 * client conforms in every scenario at the real addresses; the deliberately bad agent
 * (test/fixtures/conformance/bad-agent.sh, curl) fails exactly its expected checks; Debian's
 * waagent and cloud-init reproduce the results published on the implementations page; nothing is
 * left behind. Skipped, with the reason, where namespaces cannot be made.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runConformanceCli } from '../src/cli/conformance';
import {
  DEBIAN_AGENTS,
  debianPackageVersion,
  publishScenario,
  readPublished,
  runDebianAgent,
  type PublishedScenario,
} from '../src/conformance/debian-agents';
import type { ConformanceReport } from '../src/conformance/report';
import { allScenarios } from '../src/conformance/scenario';
import { ROOT } from './helpers/paths';

function namespacesUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  const probe = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `ip netns does not work here: ${probe.error?.message ?? probe.stderr}`;
}
const skip = namespacesUnavailable();
const ours = () =>
  spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => l.startsWith('wsconf-'));

async function conformance(argv: string[]): Promise<{ code: number; out: string; report: ConformanceReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-netns-'));
  let out = '';
  const code = await runConformanceCli(['--report', dir, ...argv], {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
  });
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as ConformanceReport;
  fs.rmSync(dir, { recursive: true });
  return { code, out, report };
}
const failures = (report: ConformanceReport) =>
  Object.fromEntries(
    report.scenarios.map((s) => [
      s.name,
      s.verdicts
        .filter((v) => v.status === 'fail')
        .map((v) => v.id)
        .sort(),
    ]),
  );

// The runs are independent (one namespace per scenario run), so they go concurrently to keep the suite short.
describe('wireserver conformance --netns', { skip, concurrency: true }, () => {
  let namespacesBefore: string[] = [];
  before(() => {
    namespacesBefore = ours();
  });
  after(() => {
    assert.deepEqual(ours(), namespacesBefore, 'a namespace was left behind');
  });

  it('the reference client, unmodified at 168.63.129.16, passes every check of every scenario', async () => {
    // The agent reads the document from the kit's seed folder ($OVF_ENV), except where the platform has no
    // certificates: there the document's key (named by a certificate thumbprint) cannot be provisioned, and the
    // reference client rightly reports ProvisioningFailed.
    const agent = `if [ "$CONFORMANCE_SCENARIO" = no-certificates ]; then set --; else set -- --ovf "$OVF_ENV"; fi; exec "${process.execPath}" "${path.join(ROOT, 'bin', 'wireserver.cjs')}" provision "$@"`;
    const { code, out, report } = await conformance([
      '--all',
      '--netns',
      '--jobs',
      '4',
      '--slow-ms',
      '1000',
      '--agent-timeout',
      '90',
      '--ovf',
      path.join(ROOT, 'src', 'conformance', 'media', 'ovf-env.xml'),
      '--',
      '/bin/sh',
      '-c',
      agent,
    ]);
    assert.equal(code, 0, out);
    assert.equal(report.mode, 'netns');
    assert.deepEqual(Object.values(failures(report)).flat(), []);
    assert.equal(report.scenarios.length, allScenarios().length);
    const happy = report.scenarios.find((s) => s.name === 'happy-path');
    assert.match(happy?.agent.output ?? '', /1 SSH key\(s\)/, 'the ovf-env.xml key was resolved from the certificates');
    for (const s of report.scenarios) {
      assert.ok(
        s.exchanges.every((e) => e.server !== 'offhost'),
        s.name,
      );
      assert.equal(s.verdicts.find((v) => v.id === 'NO-OFF-HOST')?.status, 'pass', s.name);
    }
    const status = (name: string, id: string) => report.scenarios.find((s) => s.name === name)?.verdicts.find((v) => v.id === id)?.status;
    assert.deepEqual(
      [
        status('busy', 'RETRY-PACING'),
        status('throttled', 'RETRY-AFTER'),
        status('stale-report', 'GONE-REFRESH'),
        status('slow', 'PATIENCE'),
        status('fast-track-on', 'HOSTGAPLUGIN-HEADERS'),
      ],
      ['pass', 'pass', 'pass', 'pass', 'pass'],
    );
  });

  it('the bad agent fails exactly its expected checks, and its off-host request goes nowhere but the sink', async () => {
    const { code, report } = await conformance([
      '--scenario',
      'happy-path',
      '--scenario',
      'busy',
      '--netns',
      '--jobs',
      '2',
      '--agent-timeout',
      '60',
      '--',
      path.join(ROOT, 'test', 'fixtures', 'conformance', 'bad-agent.sh'),
    ]);
    assert.equal(code, 1);
    assert.deepEqual(failures(report), {
      'happy-path': ['HEALTH-CURRENT', 'NO-OFF-HOST', 'READY-REPORTED', 'VERSION-HEADER'],
      busy: ['HEALTH-CURRENT', 'NO-OFF-HOST', 'READY-REPORTED', 'RETRY-PACING', 'VERSION-HEADER'],
    });
    const off = report.scenarios[0]?.exchanges.filter((e) => e.server === 'offhost') ?? [];
    assert.deepEqual(
      off.map((e) => [e.target, e.method, e.url, e.status]),
      [['203.0.113.7:80', 'GET', '/telemetry', 0]],
    );
  });

  for (const agent of DEBIAN_AGENTS) {
    const version = debianPackageVersion(agent.package);
    it(`Debian's ${agent.package} reproduces its published results`, {
      skip: version === undefined ? `Debian package ${agent.package} is not installed` : false,
    }, async () => {
      const published = readPublished()?.agents.find((a) => a.id === agent.id);
      assert.ok(published, 'docs/_generated/conformance/debian-agents.json has no entry: run npm run conformance:debian');
      assert.equal(published.version, version, 'the published results are for another package version: run npm run conformance:debian');
      const scenarios = allScenarios().filter((s) => ['happy-path', 'stale-report'].includes(s.name));
      const results = await runDebianAgent(agent, scenarios, { agentTimeoutMs: 20_000, jobs: 2 });
      for (const result of results) {
        const expected: PublishedScenario | undefined = published.scenarios.find((s) => s.name === result.scenario.name);
        assert.deepEqual(
          publishScenario(result).failed,
          expected?.failed,
          `${agent.package} in ${result.scenario.name}:\n${result.agent.output.slice(-1500)}`,
        );
      }
    });
  }
});
