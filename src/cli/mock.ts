/**
 * `npm run mock -- [--port N] [--hostgaplugin-port N] [--imds-port N] [--remote-access] [--scenario NAME] [--fault SPEC]…`:
 * runs the mock WireServer, HostGAPlugin and IMDS on 127.0.0.1 and prints where they listen (one
 * JSON line), until interrupted. `--scenario` plays a conformance scenario
 * (`src/conformance/scenarios/NAME.json`); `--fault ROUTE=KIND[:ARG[:ARG]][xTIMES]` adds a scripted
 * fault, e.g. `goalstate=status:503x2`, `health=status:429:1`, `goalstate=delay:2000`, `health=bumpIncarnation`.
 * @module
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mockOptionsFor, readScenario, SCENARIOS_DIR, type Scenario } from '../conformance/scenario';
import type { MockFault, MockRoute, ScriptedFault } from '../mock/faults';
import { MockImds } from '../mock/imds';
import { MockWireServer } from '../mock/mock-wireserver';

const ROUTES: readonly string[] = [
  'versions',
  'goalstate',
  'config',
  'certificates',
  'remoteaccess',
  'health',
  'telemetry',
  'provisioningHealth',
  'hgapVersions',
  'hgapHealth',
  'vmSettings',
  'blob',
  '*',
];

/**
 * Parses `ROUTE=KIND[:ARG[:ARG]][xTIMES]`.
 * @param spec - The text after `--fault`.
 * @throws Error naming the mistake.
 */
export function parseFaultSpec(spec: string): ScriptedFault {
  const match = /^([A-Za-z*]+)=([A-Za-z]+)((?::\d+){0,2})(?:x(\d+))?$/.exec(spec);
  if (!match) throw new Error(`--fault ${JSON.stringify(spec)}: expected ROUTE=KIND[:ARG[:ARG]][xTIMES], e.g. goalstate=status:503x2`);
  const [, route = '', kind = '', argText = '', times] = match;
  if (!ROUTES.includes(route)) throw new Error(`--fault: unknown route ${JSON.stringify(route)}; one of ${ROUTES.join(', ')}`);
  const args = argText.split(':').filter(Boolean).map(Number);
  let fault: MockFault;
  if (kind === 'status' && args[0] !== undefined)
    fault = { kind, status: args[0], ...(args[1] !== undefined ? { retryAfterSeconds: args[1] } : {}) };
  else if (kind === 'delay' && args[0] !== undefined) fault = { kind, ms: args[0] };
  else if (['drop', 'truncate', 'garbage', 'bumpIncarnation', 'bumpIncarnationAfter'].includes(kind) && args.length === 0)
    fault = { kind } as MockFault;
  else
    throw new Error(
      `--fault ${JSON.stringify(spec)}: KIND is status:CODE[:RETRY_AFTER_S], delay:MS, drop, truncate, garbage, bumpIncarnation or ` +
        `bumpIncarnationAfter`,
    );
  return { route: route as MockRoute | '*', fault, ...(times !== undefined ? { times: Number(times) } : {}) };
}

/** The running mock servers. */
export interface RunningMock {
  /** WireServer and HostGAPlugin. */
  readonly mock: MockWireServer;
  /** IMDS. */
  readonly imds: MockImds;
  /** Stops both. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts the mock from command-line arguments and prints its endpoints.
 * @param argv - Arguments after the program name.
 * @returns The running mock.
 */
export async function startMockFromArgs(argv: readonly string[]): Promise<RunningMock> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      'hostgaplugin-port': { type: 'string', default: '0' },
      'imds-port': { type: 'string', default: '0' },
      'remote-access': { type: 'boolean', default: false },
      scenario: { type: 'string' },
      fault: { type: 'string', multiple: true },
    },
  });
  const scenario: Scenario | undefined =
    values.scenario === undefined ? undefined : readScenario(path.join(SCENARIOS_DIR, `${path.basename(values.scenario)}.json`));
  const faults = (values.fault ?? []).map(parseFaultSpec);
  const mock = new MockWireServer({
    port: Number(values.port),
    hostGAPluginPort: Number(values['hostgaplugin-port']),
    remoteAccess: values['remote-access'],
    ...mockOptionsFor(scenario?.mock ?? {}),
  });
  mock.inject(...(scenario?.faults ?? []), ...faults);
  const imds = new MockImds({ log: mock.log });
  const endpoint = await mock.start();
  const imdsPort = await imds.start('127.0.0.1', Number(values['imds-port']));
  process.stdout.write(
    `${JSON.stringify({
      wireServer: `http://127.0.0.1:${endpoint.port}`,
      hostGAPlugin: `http://127.0.0.1:${endpoint.hostGAPluginPort}`,
      imds: `http://127.0.0.1:${imdsPort}`,
      endpoint: `127.0.0.1:${endpoint.port}`,
      hostGAPluginPort: endpoint.hostGAPluginPort,
      ...(scenario ? { scenario: scenario.name } : {}),
    })}\n`,
  );
  return {
    mock,
    imds,
    stop: async () => {
      await Promise.all([mock.stop(), imds.stop()]);
    },
  };
}

/**
 * Runs the mock until SIGINT or SIGTERM (the `wireserver-mock` bin and `npm run mock`).
 * @param argv - Arguments after the program name.
 */
export function runMockMain(argv: readonly string[]): void {
  startMockFromArgs(argv).then(
    (running) => {
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`mock: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runMockMain(process.argv.slice(2));
