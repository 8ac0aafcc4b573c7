/**
 * static/capture.sh, the no-Node capture script: shellcheck-clean POSIX sh, run against the mock
 * WireServer (in this process, on 127.0.0.1), its capture validated by the validator, its redacted
 * copies identical to the validator's --redact, its certificates decrypted by openssl.
 * Needs Debian's shellcheck, curl and openssl (.ci/run installs them).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { runValidate } from '../src/cli/validate';
import { parseDhclientLeases, parseNetworkdLease } from '../src/discovery/dhcp';
import { MockWireServer } from '../src/mock/mock-wireserver';
import { redactText } from '../src/redact/redact';
import { CORPUS, EXAMPLES, ROOT } from './helpers/paths';

const run = promisify(execFile);
const SCRIPT = path.join(ROOT, 'static', 'capture.sh');
const OVF = path.join(EXAMPLES, 'Environment', 'agent-fixture.xml');

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs capture.sh with only the given variables (and PATH): never the machine's own leases or endpoint. */
async function capture(args: readonly string[], env: Record<string, string>): Promise<Ran> {
  // The script's default is the real WireServer: only a test address may ever reach it from here.
  if (!args.includes('--endpoint')) assert.match(env['WIRESERVER'] ?? '', /^127\.0\.0\.1:\d+$/);
  try {
    const { stdout, stderr } = await run('sh', [SCRIPT, ...args], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LEASE_FILES: '/nonexistent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function validate(target: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runValidate([target], {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    stderrIsTty: false,
    readStdin: () => new Uint8Array(),
  });
  return { code, out };
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? [path.join(dir, e.name), ...walk(path.join(dir, e.name))] : [path.join(dir, e.name)]));
}

describe('capture.sh', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-test-'));
  const out = path.join(tmp, 'capture');
  const mock = new MockWireServer({ remoteAccess: true });
  let env: Record<string, string> = {};
  let ran: Ran;

  before(async () => {
    const endpoint = await mock.start();
    env = { WIRESERVER: `127.0.0.1:${endpoint.port}`, HOSTGAPLUGIN_PORT: String(endpoint.hostGAPluginPort), OVF_ENV: OVF };
    ran = await capture([out], env);
  });
  after(async () => {
    await mock.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is POSIX sh that shellcheck passes', async () => {
    const { stdout } = await run('shellcheck', ['--version']);
    assert.match(stdout, /version: \d/);
    await run('shellcheck', ['--shell=sh', '--severity=style', SCRIPT]);
    assert.match(fs.readFileSync(SCRIPT, 'utf8'), /^#!\/bin\/sh\n/);
  });

  it('captures every document of the goal state, HostGAPlugin and the ovf-env', () => {
    assert.equal(ran.code, 0, ran.stderr);
    for (const file of [
      'Versions.xml',
      'GoalState.xml',
      'HostingEnvironmentConfig.xml',
      'SharedConfig.xml',
      'ExtensionsConfig.xml',
      'FullConfig.xml',
      'Certificates.xml',
      'RemoteAccess.xml',
      'vmSettings.json',
      'vmSettings.headers',
      'HostGAPlugin-versions.txt',
      'ovf-env.xml',
      'manifest',
    ]) {
      assert.ok(fs.existsSync(path.join(out, file)), `${file} missing`);
    }
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'HostGAPlugin-versions.txt'), 'utf8')), ['2015-09-01']);
    assert.match(fs.readFileSync(path.join(out, 'vmSettings.headers'), 'utf8'), /^etag: /im);
    assert.equal(fs.readFileSync(path.join(out, 'ovf-env.xml'), 'utf8'), fs.readFileSync(OVF, 'utf8'));
  });

  it('sends what the mock expects: transport certificate, versions and ids', () => {
    const certificates = mock.requests.find((r) => r.route === 'certificates');
    assert.ok(certificates);
    assert.equal(certificates.headers['x-ms-cipher-name'], 'AES128_CBC');
    const transport = new crypto.X509Certificate(Buffer.from(String(certificates.headers['x-ms-guest-agent-public-x509-cert']), 'base64'));
    assert.equal(
      transport.toString(),
      new crypto.X509Certificate(fs.readFileSync(path.join(out, 'certificates', 'TransportCert.pem'))).toString(),
    );
    const goalState = mock.requests.find((r) => r.route === 'goalstate');
    assert.equal(goalState?.headers['x-ms-version'], '2012-11-30');
    const vmSettings = mock.requests.find((r) => r.route === 'vmSettings');
    assert.equal(vmSettings?.headers['x-ms-containerid'], mock.containerId);
    assert.match(
      String(vmSettings?.headers['x-ms-client-correlationid']),
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('writes a manifest with the status and time of every request', () => {
    const lines = fs
      .readFileSync(path.join(out, 'manifest'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    const rows = lines.map((l) => l.split('\t'));
    assert.equal(rows.length, 11);
    for (const [status, seconds, file, url] of rows) {
      assert.ok(status === '200' || (status === 'local' && file === 'ovf-env.xml'), `${file}: ${status}`);
      assert.match(seconds ?? '', /^\d+(\.\d+)?$/);
      assert.ok(fs.existsSync(path.join(out, file ?? '')), `${file} listed but missing`);
      assert.match(url ?? '', /^(http:\/\/127\.0\.0\.1:\d+\/|file:\/\/)/);
    }
  });

  it('decrypts the certificates with openssl into <THUMBPRINT>.crt and a matching .prv', () => {
    const dir = path.join(out, 'certificates');
    const crts = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.crt'))
      .map((f) => f.slice(0, -4))
      .sort();
    assert.deepEqual(crts, [...mock.thumbprints].sort());
    for (const thumb of crts) {
      const cert = new crypto.X509Certificate(fs.readFileSync(path.join(dir, `${thumb}.crt`)));
      assert.equal(cert.fingerprint.replace(/:/g, ''), thumb);
    }
    const [tenant] = mock.thumbprints;
    const key = crypto.createPrivateKey(fs.readFileSync(path.join(dir, `${tenant}.prv`)));
    assert.ok(new crypto.X509Certificate(fs.readFileSync(path.join(dir, `${tenant}.crt`))).checkPrivateKey(key));
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.prv')).length, 1, 'only the tenant certificate has a key');
  });

  it('creates every file 0600 and every folder 0700', () => {
    for (const file of [out, ...walk(out)]) {
      const stat = fs.lstatSync(file);
      assert.equal(stat.mode & 0o777, stat.isDirectory() ? 0o700 : 0o600, file);
    }
  });

  it('captures documents that validate with 0 errors and 0 bundle warnings', async () => {
    const { code, out: text } = await validate(out);
    assert.equal(code, 0, text);
    assert.match(text, /\(0 errors, 0 warnings\)/);
    assert.match(text, /^20 documents checked: 20 valid/m);
  });

  it("writes redacted copies exactly as the validator's --redact does, with no secret left", () => {
    const redactedDir = path.join(out, 'redacted');
    const copies = fs.readdirSync(redactedDir).sort();
    assert.deepEqual(
      copies,
      fs
        .readdirSync(out)
        .filter((f) => /\.(xml|json)$/.test(f))
        .sort(),
    );
    for (const file of copies) {
      const original = fs.readFileSync(path.join(out, file), 'utf8');
      assert.equal(fs.readFileSync(path.join(redactedDir, file), 'utf8'), redactText(original).text, file);
    }
    const all = copies.map((f) => fs.readFileSync(path.join(redactedDir, f), 'utf8')).join('\n');
    const data = /<Data>([^<]+)<\/Data>/
      .exec(fs.readFileSync(path.join(out, 'Certificates.xml'), 'utf8'))?.[1]
      ?.trim()
      .slice(0, 64);
    assert.ok(data && !all.includes(data), 'certificate data left in the redacted copies');
    assert.doesNotMatch(all, /<UserPassword>(?!REDACTED)|<CustomData>(?!REDACTED)|<Password>(?!REDACTED)|sig=(?!REDACTED)/);
  });

  it('reads the endpoint from DHCP leases as the client does', async () => {
    const networkd = path.join(tmp, 'networkd-lease');
    fs.writeFileSync(networkd, 'ADDRESS=10.1.0.4\nOPTION_245=0a000001\n');
    for (const file of [
      ...fs
        .readdirSync(CORPUS)
        .filter((f) => f.startsWith('dhcp.leases'))
        .map((f) => path.join(CORPUS, f)),
      networkd,
    ]) {
      for (const now of ['2014/01/01 00:00:00', '2100/01/01 00:00:00']) {
        const text = fs.readFileSync(file, 'utf8');
        const expected =
          file === networkd
            ? parseNetworkdLease(text)
            : parseDhclientLeases(text, new Date(`${now.replace(/\//g, '-').replace(' ', 'T')}Z`));
        const got = await capture(['--endpoint'], { LEASE_FILES: file, LEASE_NOW: now });
        assert.equal(got.code, 0, got.stderr);
        assert.equal(got.stdout.split(':')[0], expected ?? '168.63.129.16', `${file} at ${now}`);
      }
    }
    const explicit = await capture(['--endpoint'], { WIRESERVER: '127.0.0.1:8080', HOSTGAPLUGIN_PORT: '9' });
    assert.match(explicit.stdout, /^127\.0\.0\.1:8080 \(HostGAPlugin port 9; from WIRESERVER variable\)/);
    assert.equal((await capture(['--endpoint'], { WIRESERVER: '127.0.0.1:80;x' })).code, 2);
  });

  it('exits 1 with a manifest when the WireServer does not answer, 2 when the folder exists', async () => {
    const closed = await capture([path.join(tmp, 'closed')], { WIRESERVER: '127.0.0.1:9', CAPTURE_TIMEOUT: '5' });
    assert.equal(closed.code, 1, closed.stderr);
    assert.match(fs.readFileSync(path.join(tmp, 'closed', 'manifest'), 'utf8'), /^000\t[\d.]+\tVersions\.xml\t/m);
    const exists = await capture([out], env);
    assert.equal(exists.code, 2);
    assert.match(exists.stderr, /must not exist yet/);
  });
});
