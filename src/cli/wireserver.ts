/**
 * `wireserver` (or `npm run wireserver -- …`): the reference client on the command line. This
 * module parses the command line and dispatches; each command is a module in `commands/`, and
 * `runner.ts` turns outcomes into exit codes.
 * Exit codes: 0 success, 1 the WireServer or a document failed, 2 usage or local I/O error.
 * @module
 */
import { parseArgs } from 'node:util';
import { LINKED_DOCUMENTS } from '../client/documents';
import { OPTIONS, type CommandContext } from './options';
import { runCommand, UsageError, type WireServerCliIo } from './runner';

export type { WireServerCliIo } from './runner';

const USAGE = `usage: wireserver [options] <command> [arguments]
Commands:
  discover                       where the WireServer is (DHCP option 245 from lease files, else 168.63.129.16)
  versions                       GET /?comp=versions and check that 2012-11-30 is supported
  goalstate                      GET /machine/?comp=goalstate
  fetch <document>               a linked document: ${LINKED_DOCUMENTS.map((d) => d.cliName).join(', ')}
  certificates --out DIR         decrypt the certificates into DIR (<THUMB>.crt, <THUMB>.prv; 0600 files created
                                 exclusively; DIR is created 0700, or must be yours and writable only by you)
  ovf <path>                     read an ovf-env.xml (password and custom data are not printed)
  report-ready                   POST a Ready health report
  report-failure --description TEXT
                                 POST NotReady/ProvisioningFailed
  capture DIR                    save every document of the goal state, secrets redacted, for npm run validate
  validate <file|folder|->...    check documents against the schemas (wireserver validate --help)
  provision [--ovf FILE]         the whole first boot: versions, goal state, NotReady, certificates, vmSettings, Ready
  conformance … -- AGENT…        judge a provisioning agent against the spec (wireserver conformance --help)
Options:
  --endpoint HOST[:PORT]         the WireServer (overrides discovery; default $WIRESERVER when set); HostGAPlugin is HOST:32526 unless --hostgaplugin-port
  --hostgaplugin-port PORT       HostGAPlugin port (default $HOSTGAPLUGIN_PORT when set)
  --ovf FILE                     ovf-env.xml for provision
  --lease FILE                   a DHCP lease file to read for discover (repeatable; dhclient or networkd)
  --dhcp-reply FILE              a raw DHCP reply to read for discover
  --timeout MS                   per-request time limit (default 60000)
  --retry-budget MS              total retry time, a hard limit (default 1200000)
  --allow-host HOST              also send requests to HOST (repeatable); by default only the WireServer and
                                 its HostGAPlugin are contacted, whatever URL a document names
  --force                        certificates, capture: replace existing files (never through a symlink)
  -q, --quiet                    no retry lines or warnings on stderr
  --json                         machine-readable output
  -h, --help                     this help
Responses larger than 16 MiB are refused while they stream in.
Exit status: 0 success, 1 WireServer or document error, 2 usage or local I/O error.`;

const processIo: WireServerCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

type Command = (ctx: CommandContext) => Promise<void>;

/**
 * Each command's module, loaded when the command runs: a process pays start-up time only for the
 * command it runs (the client, crypto and conformance modules weigh more than `--help` itself).
 */
const COMMANDS: Readonly<Record<string, () => Command>> = {
  discover: () => (require('./commands/discover') as typeof import('./commands/discover')).discoverCommand,
  versions: () => (require('./commands/versions') as typeof import('./commands/versions')).versionsCommand,
  goalstate: () => (require('./commands/goalstate') as typeof import('./commands/goalstate')).goalStateCommand,
  fetch: () => (require('./commands/fetch') as typeof import('./commands/fetch')).fetchCommand,
  certificates: () => (require('./commands/certificates') as typeof import('./commands/certificates')).certificatesCommand,
  ovf: () => (require('./commands/ovf') as typeof import('./commands/ovf')).ovfCommand,
  provision: () => (require('./commands/provision') as typeof import('./commands/provision')).provisionCommand,
  'report-ready': () => (require('./commands/report-ready') as typeof import('./commands/report-ready')).reportReadyCommand,
  'report-failure': () => (require('./commands/report-failure') as typeof import('./commands/report-failure')).reportFailureCommand,
  capture: () => (require('./commands/capture') as typeof import('./commands/capture')).captureCommand,
};

/**
 * Runs the wireserver command.
 * @param argv - Arguments after the program name.
 * @param io - Where to write; defaults to the process streams.
 * @returns The exit code.
 */
export async function runWireServerCli(argv: readonly string[], io: WireServerCliIo = processIo): Promise<number> {
  if (argv[0] === 'validate') {
    // Loaded on demand: libxmljs2 and the schemas cost start-up time the other commands do not need.
    const validate = require('./validate') as typeof import('./validate');
    return validate.runValidate(argv.slice(1), { ...validate.processIo, stdout: io.stdout, stderr: io.stderr });
  }
  if (argv[0] === 'conformance') return (require('./conformance') as typeof import('./conformance')).runConformanceCli(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.stderr(`wireserver: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === undefined) {
    (values.help ? io.stdout : io.stderr)(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const ctx: CommandContext = {
    command,
    args,
    values,
    io,
    print: (json, text) => io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`),
    expectArgs: (n, what) => {
      if (args.length !== n) throw new UsageError(`${command} takes ${what}`);
    },
  };
  return runCommand('wireserver', io, async () => {
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    await load()(ctx);
  });
}

if (require.main === module)
  void runWireServerCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
