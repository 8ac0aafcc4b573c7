/**
 * `npm run mock -- [--port N] [--hostgaplugin-port N] [--remote-access]`: runs the mock WireServer
 * on 127.0.0.1 and prints where it listens (one JSON line), until interrupted.
 * @module
 */
import { parseArgs } from 'node:util';
import { MockWireServer } from './mock-wireserver';

/**
 * Starts the mock from command-line arguments and prints its endpoint.
 * @param argv - Arguments after the program name.
 * @returns The running mock.
 */
export async function startMockFromArgs(argv: readonly string[]): Promise<MockWireServer> {
  const { values } = parseArgs({ args: [...argv], options: {
    port: { type: 'string', default: '0' },
    'hostgaplugin-port': { type: 'string', default: '0' },
    'remote-access': { type: 'boolean', default: false },
  } });
  const mock = new MockWireServer({ port: Number(values.port), hostGAPluginPort: Number(values['hostgaplugin-port']), remoteAccess: values['remote-access'] });
  const endpoint = await mock.start();
  process.stdout.write(`${JSON.stringify({ wireServer: `http://127.0.0.1:${endpoint.port}`, hostGAPlugin: `http://127.0.0.1:${endpoint.hostGAPluginPort}`, endpoint: `127.0.0.1:${endpoint.port}`, hostGAPluginPort: endpoint.hostGAPluginPort })}\n`);
  return mock;
}

/**
 * Runs the mock until SIGINT or SIGTERM (the `wireserver-mock` bin and `npm run mock`).
 * @param argv - Arguments after the program name.
 */
export function runMockMain(argv: readonly string[]): void {
  startMockFromArgs(argv).then((mock) => {
    const stop = () => void mock.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }, (error: unknown) => {
    process.stderr.write(`mock: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}

if (require.main === module) runMockMain(process.argv.slice(2));
