/**
 * Conformance scenarios: scripted server behaviours, one JSON file each in `scenarios/`, read and
 * checked here. A scenario says how the mock is set up and which faults it injects; the judge then
 * runs every check against what the agent did.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CertificateCipher } from '../protocol-limits';
import { CERTIFICATE_CIPHERS } from '../protocol-limits';
import type { ScriptedFault } from '../mock/faults';
import type { MockWireServerOptions } from '../mock/mock-wireserver';

/** How the mock is set up for a scenario. */
export interface ScenarioMock {
  /** Whether the goal state links certificates; default true. */
  readonly certificates?: boolean;
  /** Ciphers the mock accepts for certificates; default both. */
  readonly acceptedCiphers?: readonly CertificateCipher[];
  /** HostGAPlugin refuses connections; default false. */
  readonly hostGAPluginDown?: boolean;
  /** vmSettings names `FastTrack` (default) or `Fabric` as its source. */
  readonly fastTrack?: boolean;
  /** First incarnation; default 3, so that an agent that hard-codes 1 is caught. */
  readonly initialIncarnation?: number;
}

/** A scripted server behaviour. */
export interface Scenario {
  /** Name used on the command line (`--scenario NAME`), the file name without `.json`. */
  readonly name: string;
  /** One line. */
  readonly title: string;
  /** What the server does and what a conforming agent does about it. */
  readonly description: string;
  /** The behaviour statements (anchor ids on the site) the scenario is about. */
  readonly statements: readonly string[];
  /** Mock set-up. */
  readonly mock: ScenarioMock;
  /** Faults, applied in order to the next matching requests. */
  readonly faults: readonly ScriptedFault[];
  /** Checks this scenario is built to exercise; reported as such. */
  readonly focus: readonly string[];
}

/** The folder of the scenario files. */
export const SCENARIOS_DIR = path.join(__dirname, 'scenarios');

/** Default first incarnation of every scenario. */
export const DEFAULT_INITIAL_INCARNATION = 3;

/** A scenario file that does not describe a scenario. */
export class ScenarioError extends Error {}

const FAULT_KINDS = new Set(['status', 'delay', 'drop', 'truncate', 'garbage', 'body', 'bumpIncarnation', 'bumpIncarnationAfter']);

function fail(file: string, message: string): never {
  throw new ScenarioError(`${file}: ${message}`);
}

/**
 * Reads and checks one scenario file.
 * @param file - The JSON file.
 * @throws {@link ScenarioError} naming the file and the field when it is not a scenario.
 */
export function readScenario(file: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, error instanceof SyntaxError ? `not JSON: ${error.message}` : 'cannot read');
  }
  const o = data as Record<string, unknown>;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) fail(file, 'expected a JSON object');
  const name = path.basename(file, '.json');
  if (o['name'] !== name) fail(file, `"name" must be ${JSON.stringify(name)}, the file name`);
  for (const key of ['title', 'description'] as const)
    if (typeof o[key] !== 'string' || o[key] === '') fail(file, `"${key}" must be a non-empty string`);
  for (const key of ['statements', 'focus', 'faults'] as const) if (!Array.isArray(o[key])) fail(file, `"${key}" must be an array`);
  const mock = (o['mock'] ?? {}) as Record<string, unknown>;
  if (typeof mock !== 'object' || Array.isArray(mock)) fail(file, '"mock" must be an object');
  const known = new Set(['certificates', 'acceptedCiphers', 'hostGAPluginDown', 'fastTrack', 'initialIncarnation']);
  for (const key of Object.keys(mock)) if (!known.has(key)) fail(file, `unknown "mock.${key}"`);
  for (const cipher of (mock['acceptedCiphers'] ?? []) as unknown[]) {
    if (!(CERTIFICATE_CIPHERS as readonly unknown[]).includes(cipher)) fail(file, `unknown cipher ${JSON.stringify(cipher)}`);
  }
  (o['faults'] as unknown[]).forEach((f, i) => {
    const fault = (f as { fault?: { kind?: unknown } }).fault;
    if (typeof (f as { route?: unknown }).route !== 'string' || !FAULT_KINDS.has(String(fault?.kind)))
      fail(file, `"faults[${i}]" needs a "route" and a "fault.kind" (one of ${[...FAULT_KINDS].join(', ')})`);
  });
  return {
    name,
    title: String(o['title']),
    description: String(o['description']),
    statements: (o['statements'] as unknown[]).map(String),
    focus: (o['focus'] as unknown[]).map(String),
    mock: { initialIncarnation: DEFAULT_INITIAL_INCARNATION, ...(mock as ScenarioMock) },
    faults: o['faults'] as ScriptedFault[],
  };
}

/** Every scenario of the kit, in file-name order. */
export function allScenarios(): Scenario[] {
  return fs
    .readdirSync(SCENARIOS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readScenario(path.join(SCENARIOS_DIR, f)));
}

/**
 * Scales every scripted delay (the slow-answer scenario) to `ms`, e.g. just under an agent's read timeout.
 * @param scenario - The scenario.
 * @param ms - The delay to use.
 */
export function withDelay(scenario: Scenario, ms: number): Scenario {
  return { ...scenario, faults: scenario.faults.map((f) => (f.fault.kind === 'delay' ? { ...f, fault: { kind: 'delay', ms } } : f)) };
}

/**
 * The mock options a scenario's set-up asks for.
 * @param setup - The scenario's `mock` object.
 */
export function mockOptionsFor(setup: ScenarioMock): MockWireServerOptions {
  return {
    ...(setup.certificates !== undefined ? { certificates: setup.certificates } : {}),
    ...(setup.acceptedCiphers ? { acceptedCiphers: setup.acceptedCiphers } : {}),
    ...(setup.hostGAPluginDown ? { hostGAPluginDown: true } : {}),
    ...(setup.fastTrack !== undefined ? { fastTrack: setup.fastTrack } : {}),
    ...(setup.initialIncarnation !== undefined ? { initialIncarnation: setup.initialIncarnation } : {}),
  };
}
