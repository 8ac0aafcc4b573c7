/**
 * `wireserver` (or `npm run wireserver -- …`): the reference client on the command line.
 * Exit codes: 0 success, 1 the WireServer or a document failed, 2 usage or local I/O error.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LINKED_DOCUMENTS, findLinkedDocument } from '../client/documents';
import { WireServerClient } from '../client/wireserver-client';
import { defaultLeaseFiles, discoverEndpoint, type DiscoveredEndpoint } from '../discovery/dhcp';
import { parseEndpoint } from '../discovery/endpoint';
import { isWireServerError } from '../errors';
import { linuxConfigurationSet, parseOvfEnv } from '../models/ovf-env';
import { REDACTED, redactText } from '../redact/redact';
import { runConformanceCli } from './conformance';
import { provisionVm } from './provision';

const USAGE = `usage: wireserver [options] <command> [arguments]
Commands:
  discover                       where the WireServer is (DHCP option 245 from lease files, else 168.63.129.16)
  versions                       GET /?comp=versions and check that 2012-11-30 is supported
  goalstate                      GET /machine/?comp=goalstate
  fetch <document>               a linked document: ${LINKED_DOCUMENTS.map((d) => d.cliName).join(', ')}
  certificates --out DIR         decrypt the certificates into DIR (<THUMB>.crt, <THUMB>.prv; 0600 files, 0700 folder)
  ovf <path>                     read an ovf-env.xml (password and custom data are not printed)
  report-ready                   POST a Ready health report
  report-failure --description TEXT
                                 POST NotReady/ProvisioningFailed
  capture DIR                    save every document of the goal state, secrets redacted, for npm run validate
  provision [--ovf FILE]         the whole first boot: versions, goal state, NotReady, certificates, vmSettings, Ready
  conformance … -- AGENT…        judge a provisioning agent against the spec (wireserver conformance --help)
Options:
  --endpoint HOST[:PORT]         the WireServer (overrides discovery; default $WIRESERVER when set); HostGAPlugin is HOST:32526 unless --hostgaplugin-port
  --hostgaplugin-port PORT       HostGAPlugin port (default $HOSTGAPLUGIN_PORT when set)
  --ovf FILE                     ovf-env.xml for provision
  --lease FILE                   a DHCP lease file to read for discover (repeatable; dhclient or networkd)
  --dhcp-reply FILE              a raw DHCP reply to read for discover
  --timeout MS                   per-request time limit (default 60000)
  --retry-budget MS              total retry time (default 1200000)
  --json                         machine-readable output
  -h, --help                     this help
Exit status: 0 success, 1 WireServer or document error, 2 usage or local I/O error.`;

/** Where the CLI writes, injectable for tests. */
export interface WireServerCliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
}

const processIo: WireServerCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A mistake in the command line or a local file: exit code 2. */
class UsageError extends Error {}

const OPTIONS = {
  endpoint: { type: 'string' },
  'hostgaplugin-port': { type: 'string' },
  lease: { type: 'string', multiple: true },
  'dhcp-reply': { type: 'string' },
  timeout: { type: 'string' },
  'retry-budget': { type: 'string' },
  out: { type: 'string' },
  description: { type: 'string' },
  ovf: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function integerOption(values: Values, name: 'hostgaplugin-port' | 'timeout' | 'retry-budget'): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

function readLocal(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot read'}`);
  }
}

/** `--endpoint`, else `$WIRESERVER` (the conformance kit and capture.sh set it). */
function explicitEndpoint(values: Values): string | undefined {
  return values.endpoint ?? (process.env['WIRESERVER'] || undefined);
}

/** `--hostgaplugin-port`, else `$HOSTGAPLUGIN_PORT`. */
function hostGAPluginPortOption(values: Values): number | undefined {
  const fromOption = integerOption(values, 'hostgaplugin-port');
  if (fromOption !== undefined) return fromOption;
  const text = process.env['HOSTGAPLUGIN_PORT'];
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,5}$/.test(text)) throw new UsageError('HOSTGAPLUGIN_PORT must be a port number');
  return Number(text);
}

function discover(values: Values): DiscoveredEndpoint {
  const hostGAPluginPort = hostGAPluginPortOption(values);
  const endpoint = explicitEndpoint(values);
  if (endpoint !== undefined) {
    try {
      return discoverEndpoint({ endpoint: parseEndpoint(endpoint, hostGAPluginPort) });
    } catch (error) {
      throw new UsageError(isWireServerError(error) ? error.message : String(error));
    }
  }
  const leases = values.lease ?? [];
  for (const lease of leases) readLocal(lease);
  const files = leases.length > 0
    ? { dhclientLeaseFiles: leases, networkdLeaseFiles: leases }
    : defaultLeaseFiles();
  const found = discoverEndpoint({ ...files, ...(values['dhcp-reply'] !== undefined ? { dhcpReply: readLocal(values['dhcp-reply']) } : {}) });
  return hostGAPluginPort === undefined ? found : { ...found, hostGAPluginPort };
}

function makeClient(values: Values): WireServerClient {
  const timeoutMs = integerOption(values, 'timeout');
  const budgetMs = integerOption(values, 'retry-budget');
  return new WireServerClient({
    endpoint: discover(values),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(budgetMs !== undefined ? { retry: { budgetMs } } : {}),
  });
}

function writeSecretFile(file: string, data: string): void {
  fs.writeFileSync(file, data, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

function makePrivateDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
  } catch (error) {
    throw new UsageError(`${dir}: ${(error as NodeJS.ErrnoException).code ?? 'cannot create'}`);
  }
}

async function run(command: string, args: readonly string[], values: Values, io: WireServerCliIo): Promise<void> {
  const print = (json: unknown, text: string) => io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  const expectArgs = (n: number, what: string) => {
    if (args.length !== n) throw new UsageError(`${command} takes ${what}`);
  };
  switch (command) {
    case 'discover': {
      expectArgs(0, 'no arguments');
      const found = discover(values);
      print(found, `${found.host}:${found.port} (HostGAPlugin port ${found.hostGAPluginPort}; from ${found.source}${found.file ? ` ${found.file}` : ''})`);
      return;
    }
    case 'versions': {
      expectArgs(0, 'no arguments');
      const versions = await makeClient(values).checkVersion();
      print(versions, `preferred ${versions.Preferred.Version}; supported ${versions.Supported.Version.join(', ')}; 2012-11-30 supported`);
      return;
    }
    case 'goalstate': {
      expectArgs(0, 'no arguments');
      const goalState = (await makeClient(values).refreshGoalState()).goalState;
      const instance = goalState.Container.RoleInstanceList.RoleInstance[0];
      print(goalState, [`Incarnation ${goalState.Incarnation}`, `ContainerId ${goalState.Container.ContainerId}`, `InstanceId ${instance?.InstanceId ?? ''}`,
        ...LINKED_DOCUMENTS.filter((d) => d.name === 'RemoteAccessInfo' ? goalState.Container.RemoteAccessInfo : instance?.Configuration[d.name as Exclude<typeof d.name, 'RemoteAccessInfo'>])
          .map((d) => `links ${d.cliName}`)].join('\n'));
      return;
    }
    case 'fetch': {
      expectArgs(1, 'one document name');
      const doc = findLinkedDocument(args[0] ?? '');
      if (!doc) throw new UsageError(`unknown document ${JSON.stringify(args[0])}; one of ${LINKED_DOCUMENTS.map((d) => d.cliName).join(', ')}`);
      const text = await makeClient(values).fetchDocumentText(doc.name);
      if (text === undefined) throw new UsageError(`the goal state does not link ${doc.cliName}`);
      // Certificates and RemoteAccess are encrypted for a throw-away transport key; still, never print secrets.
      const shown = redactText(text).text;
      print({ document: doc.cliName, xml: shown }, shown.trimEnd());
      return;
    }
    case 'certificates': {
      expectArgs(0, 'no arguments');
      if (values.out === undefined) throw new UsageError('certificates needs --out DIR');
      makePrivateDir(values.out);
      const client = makeClient(values);
      const bundle = await client.getCertificates();
      writeSecretFile(path.join(values.out, 'TransportPrivate.pem'), client.transport.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      fs.writeFileSync(path.join(values.out, 'TransportCert.pem'), client.transport.certificate.toString(), { mode: 0o600 });
      const summary = bundle.certificates.map((c) => {
        writeSecretFile(path.join(values.out ?? '', `${c.thumbprint}.crt`), c.certificate.toString());
        if (c.privateKey) writeSecretFile(path.join(values.out ?? '', `${c.thumbprint}.prv`), c.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
        return { thumbprint: c.thumbprint, hasPrivateKey: c.privateKey !== undefined };
      });
      writeSecretFile(path.join(values.out, 'Certificates.json'), `${JSON.stringify(summary, null, 4)}\n`);
      print({ cipher: bundle.cipher ?? null, certificates: summary }, summary.map((c) => `${c.thumbprint}${c.hasPrivateKey ? ' (with private key)' : ''}`).join('\n') || 'no certificates');
      return;
    }
    case 'ovf': {
      expectArgs(1, 'the path of ovf-env.xml');
      const env = parseOvfEnv(readLocal(args[0] ?? '').toString('utf8'));
      const set = linuxConfigurationSet(env);
      const safe = { ...env, ProvisioningSection: { ...env.ProvisioningSection, LinuxProvisioningConfigurationSet: {
        ...set,
        ...(set.UserPassword !== undefined ? { UserPassword: REDACTED } : {}),
        ...(set.CustomData !== undefined ? { CustomData: REDACTED } : {}),
      } } };
      const keys = [...(set.SSH?.PublicKeys?.PublicKey ?? []).map((k) => `public key ${k.Value ? 'inline' : `fingerprint ${k.Fingerprint ?? '?'}`} -> ${k.Path}`),
        ...(set.SSH?.KeyPairs?.KeyPair ?? []).map((k) => `key pair fingerprint ${k.Fingerprint} -> ${k.Path}`)];
      print(safe, [`HostName ${set.HostName}`, `UserName ${set.UserName}`, `password ${set.UserPassword ? 'set' : 'not set'}`,
        `custom data ${set.CustomData ? `${Buffer.from(set.CustomData, 'base64').length} bytes` : 'none'}`, ...keys,
        ...Object.entries(env.PlatformSettingsSection?.PlatformSettings ?? {}).map(([k, v]) => `${k} ${v}`)].join('\n'));
      return;
    }
    case 'report-ready':
      expectArgs(0, 'no arguments');
      await makeClient(values).reportReady();
      print({ reported: 'Ready' }, 'reported Ready');
      return;
    case 'report-failure':
      expectArgs(0, 'no arguments');
      if (values.description === undefined || values.description.trim() === '') throw new UsageError('report-failure needs --description TEXT');
      await makeClient(values).reportFailure(values.description);
      print({ reported: 'NotReady', subStatus: 'ProvisioningFailed' }, 'reported NotReady/ProvisioningFailed');
      return;
    case 'provision': {
      expectArgs(0, 'no arguments');
      const ovf = values.ovf === undefined ? undefined : readLocal(values.ovf).toString('utf8');
      const timeoutMs = integerOption(values, 'timeout');
      const budgetMs = integerOption(values, 'retry-budget');
      const summary = await provisionVm({
        endpoint: discover(values),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(budgetMs !== undefined ? { retry: { budgetMs } } : {}),
      }, ovf);
      print(summary, `provisioned: incarnation ${summary.incarnation}, ${summary.certificates} certificate(s), ${summary.sshKeys} SSH key(s), vmSettings ${summary.vmSettings}; Ready reported`);
      return;
    }
    case 'capture': {
      expectArgs(1, 'the folder to write');
      const dir = args[0] ?? '';
      makePrivateDir(dir);
      const client = makeClient(values);
      const written: string[] = [];
      const save = (name: string, text: string) => {
        fs.writeFileSync(path.join(dir, name), redactText(text).text, { mode: 0o600 });
        written.push(name);
      };
      await client.getVersions();
      save('Versions.xml', client.versionsXml ?? '');
      await client.refreshGoalState();
      for (const doc of LINKED_DOCUMENTS) {
        const text = await client.fetchDocumentText(doc.name);
        if (text === undefined) continue;
        save(doc.fileName, text);
      }
      // Saved last: a 410 during the loop refreshes the goal state, and the documents then match the newer one.
      save('GoalState.xml', client.goalStateXml ?? '');
      print({ folder: dir, files: written }, written.map((f) => path.join(dir, f)).join('\n'));
      return;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

/**
 * Runs the wireserver command.
 * @param argv - Arguments after the program name.
 * @param io - Where to write; defaults to the process streams.
 * @returns The exit code.
 */
export async function runWireServerCli(argv: readonly string[], io: WireServerCliIo = processIo): Promise<number> {
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
  try {
    await run(command, args, values, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`wireserver: ${error.message}\n`);
      return 2;
    }
    if (isWireServerError(error)) {
      io.stderr(`wireserver: ${error.code}: ${error.message}\n`);
      return 1;
    }
    io.stderr(`wireserver: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) void runWireServerCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
