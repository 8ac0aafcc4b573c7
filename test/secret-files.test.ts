import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runValidate } from '../src/cli/validate';
import { runWireServerCli } from '../src/cli/wireserver';
import type { Endpoint } from '../src/discovery/endpoint';
import { isWireServerError } from '../src/errors';
import { prepareSecretDir, writeSecretFile } from '../src/io/secret-files';
import { MockWireServer } from '../src/mock/mock-wireserver';
import { EXAMPLES } from './helpers/paths';

let tmp: string;
let mock: MockWireServer;
let endpoint: Endpoint;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-secret-'));
  mock = new MockWireServer();
  endpoint = await mock.start();
});
after(async () => {
  await mock.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const fresh = (name: string): string => {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { mode: 0o700 });
  return dir;
};
const mode = (file: string): number => fs.lstatSync(file).mode & 0o777;
const code = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    assert.ok(isWireServerError(error), String(error));
    return error.code;
  }
  return 'no error';
};

async function wireserver(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const exit = await runWireServerCli(
    ['--endpoint', `127.0.0.1:${endpoint.port}`, '--hostgaplugin-port', String(endpoint.hostGAPluginPort), ...args],
    {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    },
  );
  return { code: exit, stdout, stderr };
}

describe('secret files', () => {
  it('are created 0600 even with a permissive umask, in a folder created 0700', () => {
    const old = process.umask(0);
    try {
      const dir = path.join(tmp, 'new', 'nested');
      prepareSecretDir(dir);
      assert.equal(mode(dir), 0o700);
      writeSecretFile(path.join(dir, 'key.pem'), 'secret');
      assert.equal(mode(path.join(dir, 'key.pem')), 0o600);
      assert.equal(fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), 'secret');
    } finally {
      process.umask(old);
    }
  });

  it('never write through a planted symlink, with or without force', () => {
    const dir = fresh('planted');
    const victim = path.join(tmp, 'victim.txt');
    fs.writeFileSync(victim, 'root-owned content');
    fs.symlinkSync(victim, path.join(dir, 'TransportPrivate.pem'));
    assert.equal(
      code(() => writeSecretFile(path.join(dir, 'TransportPrivate.pem'), 'KEY')),
      'IO_UNSAFE_PATH',
    );
    assert.equal(
      code(() => writeSecretFile(path.join(dir, 'TransportPrivate.pem'), 'KEY', { force: true })),
      'IO_UNSAFE_PATH',
    );
    fs.symlinkSync(path.join(tmp, 'does-not-exist-yet'), path.join(dir, 'dangling.pem'));
    assert.equal(
      code(() => writeSecretFile(path.join(dir, 'dangling.pem'), 'KEY', { force: true })),
      'IO_UNSAFE_PATH',
    );
    assert.equal(fs.readFileSync(victim, 'utf8'), 'root-owned content');
    assert.equal(fs.existsSync(path.join(tmp, 'does-not-exist-yet')), false);
  });

  it('refuse a pre-created file unless force, which replaces it with a new 0600 file', () => {
    const dir = fresh('precreated');
    const file = path.join(dir, 'a.prv');
    fs.writeFileSync(file, 'attacker readable');
    fs.chmodSync(file, 0o666);
    const attackerFd = fs.openSync(file, 'r');
    try {
      assert.equal(
        code(() => writeSecretFile(file, 'KEY')),
        'IO_FILE_EXISTS',
      );
      assert.equal(fs.readFileSync(file, 'utf8'), 'attacker readable');
      writeSecretFile(file, 'KEY', { force: true });
      assert.equal(mode(file), 0o600);
      assert.equal(fs.readFileSync(file, 'utf8'), 'KEY');
      assert.equal(
        fs.readFileSync(attackerFd, 'utf8'),
        'attacker readable',
        'the key went to a new file, not to the one the attacker holds open',
      );
    } finally {
      fs.closeSync(attackerFd);
    }
  });

  it('refuse a folder that is a symlink, group- or world-writable, or not a folder', () => {
    const real = fresh('real');
    fs.symlinkSync(real, path.join(tmp, 'link'));
    assert.equal(
      code(() => prepareSecretDir(path.join(tmp, 'link'))),
      'IO_UNSAFE_PATH',
    );
    const shared = fresh('shared');
    fs.chmodSync(shared, 0o777);
    assert.equal(
      code(() => prepareSecretDir(shared)),
      'IO_UNSAFE_PATH',
    );
    fs.chmodSync(shared, 0o770);
    assert.equal(
      code(() => prepareSecretDir(shared)),
      'IO_UNSAFE_PATH',
    );
    fs.chmodSync(shared, 0o755);
    prepareSecretDir(shared);
    fs.writeFileSync(path.join(tmp, 'plain'), '');
    assert.equal(
      code(() => prepareSecretDir(path.join(tmp, 'plain'))),
      'IO_UNSAFE_PATH',
    );
  });

  it('refuse a folder owned by another user', { skip: process.getuid?.() !== 0 && 'needs root to chown' }, () => {
    const other = fresh('other');
    fs.chownSync(other, 65534, 65534);
    assert.equal(
      code(() => prepareSecretDir(other)),
      'IO_UNSAFE_PATH',
    );
  });
});

describe('secret-writing commands', { concurrency: false }, () => {
  it('certificates --out refuses a planted symlink and a pre-created file (exit 2), and --force never follows the symlink', async () => {
    const out = fresh('certs-planted');
    const victim = path.join(tmp, 'certs-victim');
    fs.writeFileSync(victim, 'untouched');
    fs.symlinkSync(victim, path.join(out, 'TransportPrivate.pem'));
    for (const args of [
      ['certificates', '--out', out],
      ['certificates', '--force', '--out', out],
    ]) {
      const result = await wireserver(args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /IO_UNSAFE_PATH: .*TransportPrivate\.pem: is a symbolic link/);
      assert.equal(fs.readFileSync(victim, 'utf8'), 'untouched');
    }
    const again = fresh('certs-again');
    assert.equal((await wireserver(['certificates', '--out', again])).code, 0);
    const rerun = await wireserver(['certificates', '--out', again]);
    assert.equal(rerun.code, 2);
    assert.match(rerun.stderr, /IO_FILE_EXISTS: .*already exists; pass --force/);
    fs.chmodSync(path.join(again, 'TransportPrivate.pem'), 0o666);
    assert.equal((await wireserver(['certificates', '--force', '--out', again])).code, 0);
    for (const name of fs.readdirSync(again)) assert.equal(mode(path.join(again, name)), 0o600, name);
  });

  it('certificates --out refuses a folder that is a symlink or world-writable', async () => {
    const real = fresh('certs-real');
    fs.symlinkSync(real, path.join(tmp, 'certs-link'));
    const linked = await wireserver(['certificates', '--out', path.join(tmp, 'certs-link')]);
    assert.equal(linked.code, 2);
    assert.match(linked.stderr, /is a symbolic link/);
    const open = fresh('certs-open');
    fs.chmodSync(open, 0o777);
    const shared = await wireserver(['certificates', '--out', open]);
    assert.equal(shared.code, 2);
    assert.match(shared.stderr, /writable by everyone/);
    assert.deepEqual(fs.readdirSync(real), []);
    assert.deepEqual(fs.readdirSync(open), []);
  });

  it('capture refuses a planted symlink and an existing capture unless --force', async () => {
    const dir = fresh('capture');
    const victim = path.join(tmp, 'capture-victim');
    fs.writeFileSync(victim, 'untouched');
    fs.symlinkSync(victim, path.join(dir, 'Versions.xml'));
    const planted = await wireserver(['capture', dir]);
    assert.equal(planted.code, 2);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'untouched');
    fs.unlinkSync(path.join(dir, 'Versions.xml'));
    assert.equal((await wireserver(['capture', dir])).code, 0);
    assert.equal((await wireserver(['capture', dir])).code, 2);
    assert.equal((await wireserver(['--force', 'capture', dir])).code, 0);
    for (const name of fs.readdirSync(dir)) assert.equal(mode(path.join(dir, name)), 0o600, name);
  });

  it('validate --redact refuses a planted symlink and an existing copy unless --force, and writes 0600 copies', async () => {
    const dir = fresh('redact');
    fs.copyFileSync(path.join(EXAMPLES, 'GoalState', 'vm-with-extensions.xml'), path.join(dir, 'GoalState.xml'));
    const victim = path.join(tmp, 'redact-victim');
    fs.writeFileSync(victim, 'untouched');
    fs.symlinkSync(victim, path.join(dir, 'GoalState.redacted.xml'));
    const run = async (argv: string[]) => {
      let err = '';
      const exit = await runValidate(argv, {
        stdout: () => undefined,
        stderr: (t) => {
          err += t;
        },
        stderrIsTty: false,
        readStdin: () => new Uint8Array(),
      });
      return { exit, err };
    };
    for (const argv of [
      ['--redact', path.join(dir, 'GoalState.xml')],
      ['--redact', '--force', path.join(dir, 'GoalState.xml')],
    ]) {
      const { exit, err } = await run(argv);
      assert.equal(exit, 2, err);
      assert.match(err, /IO_UNSAFE_PATH/);
      assert.equal(fs.readFileSync(victim, 'utf8'), 'untouched');
    }
    fs.unlinkSync(path.join(dir, 'GoalState.redacted.xml'));
    assert.equal((await run(['--redact', path.join(dir, 'GoalState.xml')])).exit, 0);
    assert.equal(mode(path.join(dir, 'GoalState.redacted.xml')), 0o600);
    const rerun = await run(['--redact', path.join(dir, 'GoalState.xml')]);
    assert.equal(rerun.exit, 2);
    assert.match(rerun.err, /IO_FILE_EXISTS/);
    assert.equal((await run(['--redact', '--force', path.join(dir, 'GoalState.xml')])).exit, 0);
  });
});
