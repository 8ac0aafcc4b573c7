/**
 * Runs agents written by others, installed from Debian's packages, through the kit in a network
 * namespace and publishes their results as dated facts on the implementations page:
 * `docs/_generated/conformance/debian-agents.json` (the data) and `debian-agents.mdx` (the include).
 * Run as root: `npm run conformance:debian`. Each agent runs through a small driver in
 * `src/conformance/drivers/` that calls the package's own entry points, unpatched.
 * @module
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKS } from './checks';
import { createNamespace, deleteNamespace, type Namespace } from './netns';
import { GENERATED_DIR, mdxText } from './reference-docs';
import { mustFailures } from './report';
import { runScenario, type ScenarioResult } from './run';
import { allScenarios, type Scenario } from './scenario';

/** An agent from a Debian package and how the kit runs it. */
export interface DebianAgent {
  /** Short id. */
  readonly id: string;
  /** The Debian package. */
  readonly package: string;
  /** The project, as the implementations page names it. */
  readonly project: string;
  /** The command (its driver). */
  readonly command: readonly string[];
}

/** The driver folder. */
export const DRIVERS_DIR = path.join(__dirname, 'drivers');
/** The kit's sample provisioning document, offered to the agents. */
export const SAMPLE_OVF = path.join(__dirname, 'media', 'ovf-env.xml');

/** The agents published on the implementations page. */
export const DEBIAN_AGENTS: readonly DebianAgent[] = [
  {
    id: 'waagent',
    package: 'waagent',
    project: 'WALinuxAgent',
    command: ['/usr/bin/python3', path.join(DRIVERS_DIR, 'waagent-provision.py')],
  },
  {
    id: 'cloud-init',
    package: 'cloud-init',
    project: 'cloud-init (Azure datasource)',
    command: ['/usr/bin/python3', path.join(DRIVERS_DIR, 'cloud-init-azure.py')],
  },
];

/** One agent's result in one scenario, as published. */
export interface PublishedScenario {
  /** Scenario name. */
  readonly name: string;
  /** Whether every exercised MUST check passed. */
  readonly conforms: boolean;
  /** Failed checks (MUST and SHOULD), in check order. */
  readonly failed: readonly string[];
  /** How the agent ended: `exit N`, `timed out` or `signal S`. */
  readonly ended: string;
}

/** The published data. */
export interface PublishedResults {
  /** The day of the run (UTC, YYYY-MM-DD). */
  readonly date: string;
  /** The Debian release the packages came from (/etc/debian_version). */
  readonly debian: string;
  /** The agent time limit of the run, in seconds. */
  readonly agentTimeoutSeconds: number;
  /** One entry per agent. */
  readonly agents: readonly {
    readonly id: string;
    readonly package: string;
    readonly project: string;
    readonly version: string;
    readonly scenarios: readonly PublishedScenario[];
  }[];
}

/**
 * The installed version of a Debian package, or undefined when it is not installed.
 * @param pkg - The package name.
 */
export function debianPackageVersion(pkg: string): string | undefined {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template
  const result = spawnSync('dpkg-query', ['-W', '-f', '${Status} ${Version}', pkg], { encoding: 'utf8' });
  const match = /^install ok installed (\S+)$/.exec(result.stdout.trim());
  return result.status === 0 && match ? match[1] : undefined;
}

/**
 * Summarises one scenario result for publication.
 * @param result - The result.
 */
export function publishScenario(result: ScenarioResult): PublishedScenario {
  const { agent } = result;
  return {
    name: result.scenario.name,
    conforms: mustFailures(result).length === 0,
    failed: result.verdicts.filter((v) => v.status === 'fail').map((v) => v.id),
    ended: agent.timedOut ? 'timed out' : agent.signal ? `signal ${agent.signal}` : `exit ${agent.exitCode ?? '?'}`,
  };
}

/**
 * Runs one agent through scenarios, `jobs` at a time, each in its own namespace.
 * @param agent - The agent.
 * @param scenarios - The scenarios.
 * @param options - Time limit and parallelism.
 */
export async function runDebianAgent(
  agent: DebianAgent,
  scenarios: readonly Scenario[],
  options: { readonly agentTimeoutMs: number; readonly jobs: number },
): Promise<ScenarioResult[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `conformance-${agent.id}-`));
  const namespaces: Namespace[] = [];
  try {
    for (let i = 0; i < Math.min(options.jobs, scenarios.length); i += 1) namespaces.push(createNamespace());
    const results: ScenarioResult[] = new Array<ScenarioResult>(scenarios.length);
    let next = 0;
    await Promise.all(
      namespaces.map(async (namespace) => {
        for (let index = next++; index < scenarios.length; index = next++) {
          const scenario = scenarios[index] as Scenario;
          results[index] = await runScenario(scenario, {
            agent: agent.command,
            namespace,
            ovfFile: SAMPLE_OVF,
            workDir: path.join(work, scenario.name),
            agentTimeoutMs: options.agentTimeoutMs,
          });
        }
      }),
    );
    return results;
  } finally {
    for (const ns of namespaces) deleteNamespace(ns);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The include for the implementations page.
 * @param data - The published data.
 */
export function debianAgentsMdx(data: PublishedResults): string {
  const scenarios = allScenarios();
  const levels = new Map(CHECKS.map((c) => [c.id, c.level]));
  const head = `| Scenario | ${data.agents.map((a) => `${mdxText(a.project)}<br/>\`${a.package} ${a.version}\``).join(' | ')} |`;
  const rows = scenarios.map((s) => {
    const cells = data.agents.map((a) => {
      const r = a.scenarios.find((x) => x.name === s.name);
      if (!r) return 'not run';
      const failed = r.failed
        .map((id) => `[${id}](/docs/tools/conformance#check-${id})${levels.get(id) === 'SHOULD' ? ' (SHOULD)' : ''}`)
        .join(', ');
      return `${r.conforms ? '✔ conforms' : '✘ fails'}${failed ? `: ${failed}` : ''} (${r.ended})`;
    });
    return `| [${s.name}](/docs/tools/conformance#scenario-${s.name}) | ${cells.join(' | ')} |`;
  });
  return `{/* Generated by src/conformance/debian-agents.ts (npm run conformance:debian, as root); do not edit. Data: debian-agents.json */}

## Conformance of Debian's agents {#conformance}

Results of \`wireserver conformance --netns\` on ${data.date}, with the packages of Debian ${mdxText(data.debian)}, each agent run
unmodified in a private network namespace through its own provisioning code (drivers in
\`src/conformance/drivers/\`; the kit's sample \`ovf-env.xml\` offered as ISO and seed folder; agent time limit
${data.agentTimeoutSeconds} s). ✔ means every exercised MUST check passed; failed checks link to their definition.

${head}
|---|${data.agents.map(() => '---|').join('')}
${rows.join('\n')}
`;
}

/**
 * Runs every Debian agent through every scenario and writes the data and the include.
 * @param options - Time limit and parallelism.
 * @returns The data written.
 */
export async function publishDebianAgents(options: { readonly agentTimeoutMs: number; readonly jobs: number }): Promise<PublishedResults> {
  const scenarios = allScenarios();
  const agents = [];
  for (const agent of DEBIAN_AGENTS) {
    const version = debianPackageVersion(agent.package);
    if (version === undefined) throw new Error(`Debian package ${agent.package} is not installed (apt-get install ${agent.package})`);
    const results = await runDebianAgent(agent, scenarios, options);
    agents.push({ id: agent.id, package: agent.package, project: agent.project, version, scenarios: results.map(publishScenario) });
  }
  let debian = 'unknown';
  try {
    debian = fs.readFileSync('/etc/debian_version', 'utf8').trim();
  } catch {
    // not Debian: say so
  }
  const data: PublishedResults = {
    date: new Date().toISOString().slice(0, 10),
    debian,
    agentTimeoutSeconds: options.agentTimeoutMs / 1000,
    agents,
  };
  fs.mkdirSync(GENERATED_DIR, { recursive: true });
  fs.writeFileSync(path.join(GENERATED_DIR, 'debian-agents.json'), `${JSON.stringify(data, null, 2)}\n`);
  fs.writeFileSync(path.join(GENERATED_DIR, 'debian-agents.mdx'), debianAgentsMdx(data));
  return data;
}

/** The committed data, or undefined when there is none yet. */
export function readPublished(): PublishedResults | undefined {
  const file = path.join(GENERATED_DIR, 'debian-agents.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PublishedResults) : undefined;
}

if (require.main === module && process.argv.includes('--render')) {
  // Re-renders the include from the committed data (after a change of the page's wording), without running anything.
  const data = readPublished();
  if (data) fs.writeFileSync(path.join(GENERATED_DIR, 'debian-agents.mdx'), debianAgentsMdx(data));
} else if (require.main === module) {
  publishDebianAgents({ agentTimeoutMs: 60_000, jobs: 4 }).then(
    (data) => {
      for (const a of data.agents)
        process.stdout.write(
          `${a.package} ${a.version}: ${a.scenarios.filter((s) => s.conforms).length}/${a.scenarios.length} scenarios conform\n`,
        );
    },
    (error: unknown) => {
      process.stderr.write(`conformance:debian: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
