/**
 * `wireserver` (or `npm run wireserver -- …`): the reference client on the command line. This
 * module parses the command line and dispatches; each command is a module in `commands/`, and
 * `runner.ts` turns outcomes into exit codes.
 * Exit codes: 0 success, 1 the WireServer or a document failed, 2 usage or local I/O error.
 * @module
 */
import { parseArgs } from 'node:util';
import { LINKED_DOCUMENTS } from '../client/documents';
import { captureCommand } from './commands/capture';
import { certificatesCommand } from './commands/certificates';
import { discoverCommand } from './commands/discover';
import { fetchCommand } from './commands/fetch';
import { goalStateCommand } from './commands/goalstate';
import { ovfCommand } from './commands/ovf';
import { provisionCommand } from './commands/provision';
import { reportFailureCommand } from './commands/report-failure';
import { reportReadyCommand } from './commands/report-ready';
import { versionsCommand } from './commands/versions';
import { OPTIONS, type CommandContext } from './options';
import { runCommand, UsageError, type WireServerCliIo } from './runner';

export type { WireServerCliIo } from './runner';
import { runConformanceCli } from './conformance';

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

const COMMANDS: Readonly<Record<string, (ctx: CommandContext) => Promise<void>>> = {
  discover: discoverCommand,
  versions: versionsCommand,
  goalstate: goalStateCommand,
  fetch: fetchCommand,
  certificates: certificatesCommand,
  ovf: ovfCommand,
  provision: provisionCommand,
  'report-ready': reportReadyCommand,
  'report-failure': reportFailureCommand,
  capture: captureCommand,
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
  if (argv[0] === 'conformance') return runConformanceCli(argv.slice(1), io);
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
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    await run(ctx);
  });
}

if (require.main === module)
  void runWireServerCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
