/**
 * Runs an agent against scenarios and judges it: starts the scenario's servers (in this process on
 * loopback, or in a child inside a network namespace), runs the agent command with the endpoint in
 * its environment, waits for it (bounded), and applies every check to the exchanges.
 * @module
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { MockExchange } from '../mock/exchange';
import { judge, type JudgeFacts, type Verdict } from './checks';
import { inNamespace, type Namespace } from './netns';
import type { NamespaceChildInput } from './netns-child';
import { makeOvfMedia, type OvfMedia } from './ovf-media';
import type { Scenario } from './scenario';
import { ScenarioServer, type ScenarioEndpoints } from './scenario-server';

/** How the agent ended. */
export interface AgentOutcome {
  /** Exit code, or null when killed by a signal. */
  readonly exitCode: number | null;
  /** The signal that ended it, if any. */
  readonly signal: string | null;
  /** Whether the kit killed it for running too long. */
  readonly timedOut: boolean;
  /** Whether the kit stopped it after its Ready report was accepted (`stopAfterReadyMs`, for VMs that keep running). */
  readonly stoppedAfterReady: boolean;
  /** Run time in milliseconds. */
  readonly durationMs: number;
  /** The last 4 KiB of its standard output and error, interleaved. */
  readonly output: string;
}

/** One scenario's result. */
export interface ScenarioResult {
  /** The scenario. */
  readonly scenario: Scenario;
  /** The verdict of every check. */
  readonly verdicts: readonly Verdict[];
  /** How the agent ended. */
  readonly agent: AgentOutcome;
  /** Every exchange, in arrival order. */
  readonly exchanges: readonly MockExchange[];
  /** What the mock knew. */
  readonly facts: JudgeFacts;
}

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** The agent command (argv). */
  readonly agent: readonly string[];
  /** The namespace to run in; loopback when absent. */
  readonly namespace?: Namespace;
  /** An ovf-env.xml to offer as media (ISO and seed folder) and as IMDS reprovisiondata. */
  readonly ovfFile?: string;
  /** A folder for this scenario's files (media, agent scratch). */
  readonly workDir: string;
  /** Longest the agent may run, in milliseconds. */
  readonly agentTimeoutMs: number;
  /** Extra environment for the agent. */
  readonly env?: Readonly<Record<string, string>>;
  /** Stop the agent (SIGTERM to its process group) this long after a Ready report was accepted; for agents that keep running, such as a VM. */
  readonly stopAfterReadyMs?: number;
}

/** A started agent: its outcome, and a way to stop it. */
interface RunningAgent {
  readonly outcome: Promise<AgentOutcome>;
  readonly stop: () => void;
}

/** Whether an exchange is an accepted Ready report. */
function acceptedReady(e: MockExchange): boolean {
  if (e.status < 200 || e.status > 299) return false;
  if (e.route === 'health') return /<State>\s*Ready\s*<\/State>/.test(e.body);
  return e.route === 'provisioningHealth' && /"state"\s*:\s*"Ready"/.test(e.body);
}

const OUTPUT_TAIL = 4096;
/** Time for the last answers to be logged after the agent exits. */
const SETTLE_MS = 150;

function agentEnv(
  endpoints: ScenarioEndpoints,
  scenario: Scenario,
  workDir: string,
  media: OvfMedia | undefined,
  extra: Readonly<Record<string, string>>,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WIRESERVER: endpoints.wireServer,
    HOSTGAPLUGIN_PORT: String(endpoints.hostGAPluginPort),
    IMDS_ENDPOINT: endpoints.imds,
    CONFORMANCE_SCENARIO: scenario.name,
    CONFORMANCE_WORKDIR: workDir,
    ...(media ? { OVF_ENV: media.file, OVF_SEED_DIR: media.seedDir, OVF_ISO: media.iso } : {}),
    ...extra,
  };
}

/** Runs the agent, bounded in time; kills its whole process group on timeout. */
function runAgent(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): RunningAgent {
  const started = Date.now();
  let stop: () => void = () => {};
  let stopped = false;
  const outcome = new Promise<AgentOutcome>((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    const [command = '', ...args] = argv;
    const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup('SIGKILL');
    }, timeoutMs);
    stop = () => {
      stopped = true;
      signalGroup('SIGTERM');
      setTimeout(() => signalGroup('SIGKILL'), 5000).unref();
    };
    const done = (exitCode: number | null, signal: string | null, error?: Error) => {
      clearTimeout(timer);
      if (error) output += `\n${command}: ${error.message}`;
      resolve({ exitCode, signal, timedOut, stoppedAfterReady: stopped && !timedOut, durationMs: Date.now() - started, output });
    };
    child.once('error', (error) => done(127, null, error));
    child.once('close', (code, signal) => done(code, signal));
  });
  return { outcome, stop: () => stop() };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The servers of a scenario inside a namespace: a child process speaking the netns-child protocol. */
async function startInNamespace(
  ns: Namespace,
  input: NamespaceChildInput,
  workDir: string,
  onExchange: (e: MockExchange) => void,
): Promise<{ endpoints: ScenarioEndpoints; exchanges: MockExchange[]; stop: () => Promise<JudgeFacts> }> {
  const inputFile = path.join(workDir, 'scenario.json');
  fs.writeFileSync(inputFile, JSON.stringify(input));
  const tsx = require.resolve('tsx/cjs').replace(/\?.*$/, ''); // tsx's own require adds ?namespace=…
  const [command = 'ip', ...args] = inNamespace(ns, [
    process.execPath,
    '--require',
    tsx,
    path.join(__dirname, 'netns-child.ts'),
    inputFile,
  ]);
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const exchanges: MockExchange[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  let facts: JudgeFacts | undefined;
  const lines = readline.createInterface({ input: child.stdout });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const endpoints = await new Promise<ScenarioEndpoints>((resolve, reject) => {
    lines.on('line', (line) => {
      const space = line.indexOf(' ');
      const [tag, json] = [line.slice(0, space), line.slice(space + 1)];
      if (tag === 'READY') resolve(JSON.parse(json) as ScenarioEndpoints);
      else if (tag === 'X') {
        const exchange = JSON.parse(json) as MockExchange;
        exchanges.push(exchange);
        onExchange(exchange);
      } else if (tag === 'FACTS') facts = JSON.parse(json) as JudgeFacts;
    });
    void exited.then(() => reject(new Error(`the mock did not start in the namespace: ${stderr.trim() || 'no output'}`)));
  });
  return {
    endpoints,
    exchanges,
    stop: async () => {
      child.stdin.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      if (!facts) throw new Error(`the mock in the namespace ended without its facts: ${stderr.trim()}`);
      return facts;
    },
  };
}

/**
 * Plays one scenario against the agent and judges it.
 * @param scenario - The scenario.
 * @param options - Agent, mode, media and limits.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  fs.mkdirSync(options.workDir, { recursive: true, mode: 0o700 });
  const media = options.ovfFile !== undefined ? makeOvfMedia(options.ovfFile, path.join(options.workDir, 'media')) : undefined;
  const scratch = path.join(options.workDir, 'agent');
  fs.mkdirSync(scratch, { recursive: true, mode: 0o700 });
  let endpoints: ScenarioEndpoints;
  let exchanges: readonly MockExchange[];
  let stop: () => Promise<JudgeFacts>;
  let onReady: () => void = () => {};
  const watch = (e: MockExchange) => {
    if (acceptedReady(e)) onReady();
  };
  if (options.namespace) {
    const started = await startInNamespace(
      options.namespace,
      { scenario, ...(media ? { reprovisionData: media.text } : {}) },
      options.workDir,
      watch,
    );
    ({ endpoints, exchanges, stop } = started);
  } else {
    const server = new ScenarioServer(scenario, { mode: 'loopback', ...(media ? { reprovisionData: media.text } : {}) });
    endpoints = await server.start();
    server.log.subscribe(watch);
    exchanges = server.log.exchanges;
    stop = async () => {
      const facts = server.facts();
      await server.stop();
      return facts;
    };
  }
  let agent: AgentOutcome;
  let facts: JudgeFacts;
  try {
    const argv = options.namespace ? inNamespace(options.namespace, options.agent) : [...options.agent];
    const running = runAgent(argv, agentEnv(endpoints, scenario, scratch, media, options.env ?? {}), process.cwd(), options.agentTimeoutMs);
    if (options.stopAfterReadyMs !== undefined) {
      const delay = options.stopAfterReadyMs;
      let armed = false;
      onReady = () => {
        if (armed) return;
        armed = true;
        setTimeout(() => running.stop(), delay).unref();
      };
    }
    agent = await running.outcome;
    await sleep(SETTLE_MS);
  } finally {
    facts = await stop();
  }
  const ordered = [...exchanges].sort((a, b) => a.at - b.at || a.seq - b.seq);
  return { scenario, verdicts: judge(ordered, facts), agent, exchanges: ordered, facts };
}
