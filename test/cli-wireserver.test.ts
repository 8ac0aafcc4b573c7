import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Endpoint } from '../src/discovery/endpoint';
import { runWireServerCli } from '../src/cli/wireserver';
import { MockWireServer } from '../src/mock/mock-wireserver';
import { CORPUS, ROOT } from './helpers/paths';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'wireserver.cjs');

let mock: MockWireServer;
let endpoint: Endpoint;
let tmp: string;

before(async () => {
  mock = new MockWireServer({ remoteAccess: true });
  endpoint = await mock.start();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-cli-'));
});
after(async () => {
  await mock.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the installed bin entry as a subprocess. */
async function cli(args: readonly string[], withEndpoint = true): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = withEndpoint
    ? ['--endpoint', `127.0.0.1:${endpoint.port}`, '--hostgaplugin-port', String(endpoint.hostGAPluginPort), ...args]
    : [...args];
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...argv]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const noStack = (text: string) => assert.doesNotMatch(text, /^\s+at /m);

/** Runs the command in this process (same code as the bin entry; used where a subprocess adds nothing but time). */
async function inProcess(args: readonly string[], withEndpoint = true): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const argv = withEndpoint
    ? ['--endpoint', `127.0.0.1:${endpoint.port}`, '--hostgaplugin-port', String(endpoint.hostGAPluginPort), ...args]
    : [...args];
  const code = await runWireServerCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('wireserver CLI against the mock', { concurrency: true }, () => {
  it('goalstate --json prints the goal state', async () => {
    const { code, stdout } = await cli(['--json', 'goalstate']);
    assert.equal(code, 0);
    const goalState = JSON.parse(stdout) as { Incarnation: string; Container: { ContainerId: string } };
    assert.equal(goalState.Container.ContainerId, mock.containerId);
  });

  it('versions checks 2012-11-30', async () => {
    const { code, stdout } = await inProcess(['versions']);
    assert.equal(code, 0);
    assert.match(stdout, /2012-11-30 supported/);
  });

  it('fetch prints a linked document; an unknown one is a usage error (exit 2)', async () => {
    const shared = await inProcess(['fetch', 'sharedConfig']);
    assert.equal(shared.code, 0);
    assert.match(shared.stdout, /<SharedConfig /);
    const bogus = await inProcess(['fetch', 'bogus']);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /unknown document "bogus"/);
    noStack(bogus.stderr);
  });

  it('certificates --out writes 0600 files in a 0700 folder with the payload thumbprints', async () => {
    const out = path.join(tmp, 'certs');
    const { code, stdout } = await cli(['--json', 'certificates', '--out', out]);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as { cipher: string; certificates: { thumbprint: string; hasPrivateKey: boolean }[] };
    assert.equal(result.cipher, 'AES128_CBC');
    assert.deepEqual(
      result.certificates.map((c) => c.thumbprint),
      mock.thumbprints,
    );
    assert.equal(fs.statSync(out).mode & 0o777, 0o700);
    const [tenant, extra] = mock.thumbprints;
    for (const file of [`${tenant}.crt`, `${tenant}.prv`, `${extra}.crt`, 'TransportPrivate.pem', 'Certificates.json']) {
      assert.equal(fs.statSync(path.join(out, file)).mode & 0o777, 0o600, file);
    }
    assert.equal(fs.existsSync(path.join(out, `${extra}.prv`)), false);
    assert.doesNotMatch(stdout, /PRIVATE KEY/);
  });

  it('capture writes a redacted bundle that npm run validate accepts', async () => {
    const dir = path.join(tmp, 'capture');
    const { code } = await cli(['capture', dir]);
    assert.equal(code, 0);
    const files = fs.readdirSync(dir).sort();
    assert.deepEqual(files, [
      'Certificates.xml',
      'ExtensionsConfig.xml',
      'FullConfig.xml',
      'GoalState.xml',
      'HostingEnvironmentConfig.xml',
      'RemoteAccess.xml',
      'SharedConfig.xml',
      'Versions.xml',
    ]);
    const certificates = fs.readFileSync(path.join(dir, 'Certificates.xml'), 'utf8');
    assert.match(certificates, /<Data>REDACTED\s*<\/Data>/);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'RemoteAccess.xml'), 'utf8'), /<Password>(?!REDACTED)/);
    const validate = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'validate.ts'), dir], { cwd: ROOT });
    assert.match(validate.stdout, /8 documents checked: 8 valid/);
  });

  it('report-ready and report-failure post valid reports with the current incarnation', async () => {
    const ready = await cli(['report-ready']);
    assert.equal(ready.code, 0);
    const missing = await inProcess(['report-failure']);
    assert.equal(missing.code, 2);
    const failure = await inProcess(['report-failure', '--description', 'disk <full> & more']);
    assert.equal(failure.code, 0);
    const reports = mock.healthReports.filter((r) => r.status === 200);
    assert.ok(reports.every((r) => r.valid && r.health?.GoalStateIncarnation === mock.incarnation));
    assert.ok(reports.some((r) => r.health?.Container.RoleInstanceList.Role[0]?.Health.Details?.Description === 'disk <full> & more'));
    assert.ok(reports.some((r) => r.health?.Container.RoleInstanceList.Role[0]?.Health.State === 'Ready'));
  });
});

describe('wireserver CLI without a WireServer', { concurrency: true }, () => {
  it('ovf prints the settings without the password or custom data', async () => {
    const text = await inProcess(['ovf', path.join(CORPUS, 'ovf-env.xml')], false);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /UserName UserName\npassword set\ncustom data 7 bytes/);
    const json = await inProcess(['--json', 'ovf', path.join(CORPUS, 'ovf-env.xml')], false);
    const parsed = JSON.parse(json.stdout) as {
      ProvisioningSection: { LinuxProvisioningConfigurationSet: { UserPassword: string; CustomData: string } };
    };
    assert.deepEqual(
      [
        parsed.ProvisioningSection.LinuxProvisioningConfigurationSet.UserPassword,
        parsed.ProvisioningSection.LinuxProvisioningConfigurationSet.CustomData,
      ],
      ['REDACTED', 'REDACTED'],
    );
    assert.doesNotMatch(json.stdout + text.stdout, />?UserPassword<|"UserPassword"\s*:\s*"UserPassword"/);
    const missing = await inProcess(['ovf', path.join(tmp, 'nope.xml')], false);
    assert.equal(missing.code, 2);
    noStack(missing.stderr);
  });

  it('discover reads lease files and raw replies it is given', async () => {
    const lease = await inProcess(['--json', 'discover', '--lease', path.join(CORPUS, 'dhcp.leases.multi')], false);
    assert.deepEqual(JSON.parse(lease.stdout), {
      host: '168.63.129.2',
      port: 80,
      hostGAPluginPort: 32526,
      source: 'dhclient-lease',
      file: path.join(CORPUS, 'dhcp.leases.multi'),
    });
    const networkd = await inProcess(['--json', 'discover', '--lease', path.join(CORPUS, '2')], false);
    assert.equal((JSON.parse(networkd.stdout) as { source: string }).source, 'networkd-lease');
    const reply = await inProcess(['discover', '--dhcp-reply', path.join(CORPUS, 'dhcp')], false);
    assert.match(reply.stdout, /^10\.62\.144\.140:80 .*dhcp-reply/);
  });

  it('usage errors exit 2, network failures exit 1, never with a stack trace', async () => {
    const subprocess = await cli(['frobnicate'], false);
    assert.equal(subprocess.code, 2);
    noStack(subprocess.stderr);
    for (const args of [[], ['--bogus-option', 'versions'], ['--endpoint', 'http://x/', 'versions']]) {
      const result = await inProcess(args, false);
      assert.equal(result.code, 2, args.join(' '));
      noStack(result.stderr);
    }
    const refused = await cli(['--endpoint', '127.0.0.1:1', '--retry-budget', '0', 'versions'], false);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^wireserver: HTTP_NETWORK: GET http:\/\/127\.0\.0\.1:1\/\?comp=versions: ECONNREFUSED/);
    noStack(refused.stderr);
    assert.equal((await inProcess(['--help'], false)).code, 0);
  });
});
