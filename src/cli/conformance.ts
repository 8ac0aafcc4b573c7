/**
 * `wireserver conformance [--scenario NAME …|--all] [--report DIR] [--ovf FILE] [--netns] -- AGENT-COMMAND…`:
 * runs a provisioning agent, unmodified, against scripted WireServer behaviours and judges every
 * request it makes against the spec. Exit 0 when every exercised MUST check passed, 1 when one
 * failed, 2 for usage, I/O or namespace errors.
 * @module
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createNamespace, deleteNamespace, NamespaceError, type Namespace } from '../conformance/netns';
import { OvfMediaError } from '../conformance/ovf-media';
import { buildReport, formatSummary, writeReport } from '../conformance/report';
import { runScenario, type ScenarioResult } from '../conformance/run';
import { allScenarios, ScenarioError, withDelay, type Scenario } from '../conformance/scenario';

const USAGE = `usage: wireserver conformance [options] -- AGENT-COMMAND [ARG…]
Runs the agent once per scenario against the mock WireServer, HostGAPlugin and IMDS, and judges it.
Options:
  --scenario NAME        a scenario to play (repeatable); default every scenario
  --all                  every scenario
  --list                 list the scenarios and exit
  --report DIR           write report.json and report.html there (default ./conformance-report)
  --ovf FILE             offer this ovf-env.xml as an ISO image and a seed folder (and as IMDS reprovisiondata)
  --netns                run the agent in a private network namespace where 168.63.129.16 and
                         169.254.169.254 are the mock (root; needs iproute2); nothing leaves it
  --agent-timeout SEC    longest one agent run may take (default 120)
  --slow-ms MS           the delay of the slow scenario (default 2000; set it near your agent's read timeout)
  --jobs N               scenarios played at once (default 1; each in its own namespace with --netns)
  --stop-after-ready SEC stop the agent this long after its Ready report was accepted (for a VM, which keeps running)
  -h, --help             this help
The agent gets WIRESERVER=host:port, HOSTGAPLUGIN_PORT, IMDS_ENDPOINT=host:port, CONFORMANCE_SCENARIO,
CONFORMANCE_WORKDIR and, with --ovf, OVF_ENV, OVF_SEED_DIR and OVF_ISO in its environment.
Exit status: 0 every exercised MUST check passed, 1 a MUST check failed, 2 usage, I/O or namespace error.`;

/** Where the command writes. */
export interface ConformanceCliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
}

class UsageError extends Error {}

function packageVersion(): string {
  try {
    return String(
      (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0',
    );
  } catch {
    return '0.0.0';
  }
}

/** Whether a command can be started: a path to an executable file, or a name found on PATH. */
function findable(command: string): boolean {
  if (command.includes('/')) {
    try {
      fs.accessSync(command, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
  return spawnSync('sh', ['-c', 'command -v "$1" >/dev/null', 'sh', command]).status === 0;
}

function positiveInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) === 0) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(text);
}

/**
 * Runs the conformance command.
 * @param argv - Arguments after `conformance`.
 * @param io - Where to write.
 * @returns The exit code.
 */
export async function runConformanceCli(argv: readonly string[], io: ConformanceCliIo): Promise<number> {
  const split = argv.indexOf('--');
  const own = split === -1 ? [...argv] : argv.slice(0, split);
  const agent = split === -1 ? [] : argv.slice(split + 1);
  const namespaces: Namespace[] = [];
  const cleanup = () => {
    for (const ns of namespaces.splice(0)) deleteNamespace(ns);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.kill(process.pid, signal);
  };
  let workRoot: string | undefined;
  try {
    const { values } = parseArgs({
      args: own,
      allowPositionals: false,
      options: {
        scenario: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        list: { type: 'boolean' },
        report: { type: 'string' },
        ovf: { type: 'string' },
        netns: { type: 'boolean' },
        'agent-timeout': { type: 'string' },
        'slow-ms': { type: 'string' },
        jobs: { type: 'string' },
        'stop-after-ready': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const scenarios = allScenarios();
    if (values.list) {
      io.stdout(`${scenarios.map((s) => `${s.name.padEnd(22)} ${s.title}`).join('\n')}\n`);
      return 0;
    }
    if (values.all && values.scenario) throw new UsageError('give --scenario or --all, not both');
    const chosen: Scenario[] = (values.scenario ?? []).map((name) => {
      const found = scenarios.find((s) => s.name === name);
      if (!found) throw new UsageError(`unknown scenario ${JSON.stringify(name)}; one of ${scenarios.map((s) => s.name).join(', ')}`);
      return found;
    });
    const slowMs = positiveInteger(values['slow-ms'], 'slow-ms', 2000);
    const selected = (chosen.length > 0 ? chosen : scenarios).map((s) => withDelay(s, slowMs));
    if (agent.length === 0 || agent[0] === '') throw new UsageError('no agent command: put it after --');
    if (!findable(agent[0] ?? '')) throw new UsageError(`${agent[0]}: command not found or not executable`);
    if (values.ovf !== undefined && !fs.existsSync(values.ovf)) throw new UsageError(`${values.ovf}: ENOENT`);
    const timeoutMs = positiveInteger(values['agent-timeout'], 'agent-timeout', 120) * 1000;
    const reportDir = path.resolve(values.report ?? 'conformance-report');
    workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'wireserver-conformance-'));
    const stopAfterReady =
      values['stop-after-ready'] === undefined ? undefined : positiveInteger(values['stop-after-ready'], 'stop-after-ready', 1) * 1000;
    const jobs = Math.min(positiveInteger(values.jobs, 'jobs', 1), selected.length);
    if (values.netns) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      for (let i = 0; i < jobs; i += 1) namespaces.push(createNamespace());
    }
    const results: ScenarioResult[] = new Array<ScenarioResult>(selected.length);
    let next = 0;
    const worker = async (namespace: Namespace | undefined) => {
      for (let index = next++; index < selected.length; index = next++) {
        const scenario = selected[index] as Scenario;
        io.stderr(`conformance: ${scenario.name}…\n`);
        results[index] = await runScenario(scenario, {
          agent,
          workDir: path.join(workRoot ?? os.tmpdir(), scenario.name),
          agentTimeoutMs: timeoutMs,
          ...(namespace ? { namespace } : {}),
          ...(stopAfterReady !== undefined ? { stopAfterReadyMs: stopAfterReady } : {}),
          ...(values.ovf !== undefined ? { ovfFile: path.resolve(values.ovf) } : {}),
        });
      }
    };
    await Promise.all(Array.from({ length: jobs }, (_, i) => worker(namespaces[i])));
    const report = buildReport(results, { mode: values.netns ? 'netns' : 'loopback', agent, version: packageVersion() });
    const written = writeReport(report, reportDir);
    io.stdout(formatSummary(report));
    io.stdout(`report: ${written.json}\n        ${written.html}\n`);
    return report.conforms ? 0 : 1;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ScenarioError ||
      error instanceof OvfMediaError ||
      error instanceof NamespaceError ||
      (error instanceof TypeError && 'code' in error)
    ) {
      io.stderr(
        `wireserver conformance: ${error.message}\n${error instanceof UsageError || error instanceof TypeError ? `${USAGE}\n` : ''}`,
      );
      return 2;
    }
    io.stderr(`wireserver conformance: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
  }
}
