/**
 * The scenario servers, run inside a network namespace by `ip netns exec` (the parent cannot enter
 * one): reads the scenario (JSON) from argv, prints `READY <endpoints>`, then one `X <exchange>` line
 * per exchange; when its standard input closes it prints `FACTS <facts>` and exits.
 * @module
 */
import fs from 'node:fs';
import { ScenarioServer } from './scenario-server';
import type { Scenario } from './scenario';

/** What the parent passes (argv[2], JSON). */
export interface NamespaceChildInput {
  /** The scenario. */
  readonly scenario: Scenario;
  /** The ovf-env.xml for IMDS reprovisiondata, if any. */
  readonly reprovisionData?: string;
}

async function main(): Promise<void> {
  const input = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as NamespaceChildInput;
  const server = new ScenarioServer(input.scenario, {
    mode: 'namespace',
    ...(input.reprovisionData !== undefined ? { reprovisionData: input.reprovisionData } : {}),
  });
  server.log.subscribe((exchange) => process.stdout.write(`X ${JSON.stringify(exchange)}\n`));
  const endpoints = await server.start();
  process.stdout.write(`READY ${JSON.stringify(endpoints)}\n`);
  const stop = async () => {
    process.stdout.write(`FACTS ${JSON.stringify(server.facts())}\n`);
    await server.stop();
    process.exit(0);
  };
  process.stdin.resume();
  process.stdin.once('end', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`conformance mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
