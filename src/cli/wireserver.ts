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
import { isValidHost, parseEndpoint } from '../discovery/endpoint';
import { isWireServerError } from '../errors';
import { prepareSecretDir, writeSecretFile } from '../io/secret-files';
import { linuxConfigurationSet, parseOvfEnv } from '../models/ovf-env';
import { REDACTED, redactText } from '../redact/redact';

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
Options:
  --endpoint HOST[:PORT]         the WireServer (overrides discovery); HostGAPlugin is HOST:32526 unless --hostgaplugin-port
  --hostgaplugin-port PORT       HostGAPlugin port
  --lease FILE                   a DHCP lease file to read for discover (repeatable; dhclient or networkd)
  --dhcp-reply FILE              a raw DHCP reply to read for discover
  --timeout MS                   per-request time limit (default 60000)
  --retry-budget MS              total retry time (default 1200000)
  --allow-host HOST              also send requests to HOST (repeatable); by default only the WireServer and
                                 its HostGAPlugin are contacted, whatever URL a document names
  --force                        certificates, capture: replace existing files (never through a symlink)
  -q, --quiet                    no retry lines or warnings on stderr
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
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
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

function discover(values: Values): DiscoveredEndpoint {
  const hostGAPluginPort = integerOption(values, 'hostgaplugin-port');
  if (values.endpoint !== undefined) {
    try {
      return discoverEndpoint({ endpoint: parseEndpoint(values.endpoint, hostGAPluginPort) });
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

function allowedHosts(values: Values): string[] {
  return (values['allow-host'] ?? []).map((text) => {
    const [host = '', port] = text.split(':');
    if (!isValidHost(host) || (port !== undefined && !/^\d{1,5}$/.test(port))) throw new UsageError(`--allow-host ${JSON.stringify(text.slice(0, 80))}: expected HOST or HOST:PORT`);
    return text;
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function makeClient(values: Values, io: WireServerCliIo): WireServerClient {
  const timeoutMs = integerOption(values, 'timeout');
  const budgetMs = integerOption(values, 'retry-budget');
  const quiet = values.quiet === true;
  return new WireServerClient({
    endpoint: discover(values),
    allowHosts: allowedHosts(values),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    retry: {
      ...(budgetMs !== undefined ? { budgetMs } : {}),
      // One line per retry: what failed, the next wait, and what is left of the budget.
      ...(quiet ? {} : { onRetry: (attempt: number, delayMs: number, error: Error, leftMs: number) => io.stderr(`wireserver: ${error.message}; retry ${attempt} in ${seconds(delayMs)}, ${seconds(leftMs)} of the retry budget left\n`) }),
    },
    ...(quiet ? {} : { onWarning: (message: string) => io.stderr(`wireserver: warning: ${message}\n`) }),
  });
}

function makePrivateDir(dir: string): void {
  try {
    prepareSecretDir(dir);
  } catch (error) {
    throw new UsageError(isWireServerError(error) ? `${error.code}: ${error.message}` : String(error));
  }
}

function saveSecret(file: string, data: string, values: Values): void {
  try {
    writeSecretFile(file, data, { force: values.force === true });
  } catch (error) {
    throw new UsageError(isWireServerError(error) ? `${error.code}: ${error.message}` : String(error));
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
      const versions = await makeClient(values, io).checkVersion();
      print(versions, `preferred ${versions.Preferred.Version}; supported ${versions.Supported.Version.join(', ')}; 2012-11-30 supported`);
      return;
    }
    case 'goalstate': {
      expectArgs(0, 'no arguments');
      const goalState = (await makeClient(values, io).refreshGoalState()).goalState;
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
      const text = await makeClient(values, io).fetchDocumentText(doc.name);
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
      const client = makeClient(values, io);
      const bundle = await client.getCertificates();
      const out = values.out;
      saveSecret(path.join(out, 'TransportPrivate.pem'), client.transport.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), values);
      saveSecret(path.join(out, 'TransportCert.pem'), client.transport.certificate.toString(), values);
      const summary = bundle.certificates.map((c) => {
        saveSecret(path.join(out, `${c.thumbprint}.crt`), c.certificate.toString(), values);
        if (c.privateKey) saveSecret(path.join(out, `${c.thumbprint}.prv`), c.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), values);
        return { thumbprint: c.thumbprint, hasPrivateKey: c.privateKey !== undefined };
      });
      saveSecret(path.join(out, 'Certificates.json'), `${JSON.stringify(summary, null, 4)}\n`, values);
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
      await makeClient(values, io).reportReady();
      print({ reported: 'Ready' }, 'reported Ready');
      return;
    case 'report-failure':
      expectArgs(0, 'no arguments');
      if (values.description === undefined || values.description.trim() === '') throw new UsageError('report-failure needs --description TEXT');
      await makeClient(values, io).reportFailure(values.description);
      print({ reported: 'NotReady', subStatus: 'ProvisioningFailed' }, 'reported NotReady/ProvisioningFailed');
      return;
    case 'capture': {
      expectArgs(1, 'the folder to write');
      const dir = args[0] ?? '';
      makePrivateDir(dir);
      const client = makeClient(values, io);
      const written: string[] = [];
      const save = (name: string, text: string) => {
        saveSecret(path.join(dir, name), redactText(text).text, values);
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
