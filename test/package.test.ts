/**
 * The user's path: `npm pack`, install the tarball into an empty folder, then run the bins with
 * `npx`, start the packaged mock, and type-check a TypeScript file that uses the package.
 *
 * Dependencies come from the npm cache (`--prefer-offline`). libxmljs2 has no prebuilt binary for
 * this machine and compiles from source in 40-150 s (measured; .ci/run's `npm ci` does it and
 * scripts/check-node-line.sh does it for a newer Node), which would make this test slow: so the
 * tarball is installed with `--ignore-scripts` and libxmljs2 gets the binary `npm ci` compiled
 * here for the same libxmljs2 version and the same Node ABI (both checked below). Everything else
 * runs from the installed tarball only: the project's own dist/, src/ and tsx are not reachable.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from './helpers/paths';

const exec = promisify(execFile);

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: `${e.stderr ?? ''}${typeof e.code === 'string' ? e.code : ''}`,
    };
  }
}

const version = (dir: string): string =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;

describe('the npm package, installed from its tarball', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'package-test-'));
  const app = path.join(tmp, 'app');
  const installed = path.join(app, 'node_modules', 'wireserver-spec');
  let tarball = '';
  let mock: ChildProcess | undefined;

  before(async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp], ROOT);
    assert.equal(packed.code, 0, packed.stderr);
    const json = packed.stdout.slice(packed.stdout.indexOf('['));
    tarball = path.join(tmp, (JSON.parse(json) as { filename: string }[])[0]?.filename ?? '');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    const install = await run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], app);
    assert.equal(install.code, 0, install.stderr);
    const libxml = path.join(app, 'node_modules', 'libxmljs2');
    const built = path.join(ROOT, 'node_modules', 'libxmljs2');
    assert.equal(version(libxml), version(built), "the tarball resolved another libxmljs2 than the project's");
    fs.mkdirSync(path.join(libxml, 'build', 'Release'), { recursive: true });
    fs.copyFileSync(path.join(built, 'build', 'Release', 'xmljs.node'), path.join(libxml, 'build', 'Release', 'xmljs.node'));
  });

  after(() => {
    mock?.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('ships dist/, bin/, schemas/, examples/, capture.sh, README, SECURITY, LICENSE and NOTICE only', async () => {
    const { stdout } = await exec('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n');
    for (const file of files) {
      assert.match(
        file,
        /^package\/(dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map)|bin\/[\w-]+\.cjs|schemas\/[\w-]+\.(xsd|schema\.json)|examples\/.+\.(xml|json|md)|static\/capture\.sh|README\.md|SECURITY\.md|LICENSE|NOTICE|package\.json)$/,
        file,
      );
    }
    for (const needed of [
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/schemas/goal-state.xsd',
      'package/LICENSE',
      'package/NOTICE',
      'package/static/capture.sh',
    ]) {
      assert.ok(files.includes(needed), `${needed} not shipped`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest['private'], undefined);
    assert.equal('type' in manifest, false);
    assert.equal((manifest['dependencies'] as Record<string, string>)['tsx'], undefined, 'tsx is a run-time dependency');
    assert.equal(fs.existsSync(path.join(app, 'node_modules', 'tsx')), false, 'tsx was installed with the package');
  });

  it('npx wireserver validate: exit 0 on an example, 1 on a broken one, 2 on a missing file', async () => {
    fs.copyFileSync(path.join(ROOT, 'examples', 'GoalState', 'vm-with-extensions.xml'), path.join(app, 'GoalState.xml'));
    fs.copyFileSync(path.join(ROOT, 'examples', 'GoalState', 'missing-incarnation.invalid.xml'), path.join(app, 'broken.xml'));
    // The README's spelling: `npx wireserver-spec …` runs the same CLI as `wireserver`.
    const good = await run('npx', ['--no', 'wireserver-spec', 'validate', 'GoalState.xml'], app);
    assert.equal(good.code, 0, good.stderr + good.stdout);
    assert.match(good.stdout, /1 document checked: 1 valid/);
    const bad = await run('npx', ['--no', 'wireserver', 'validate', 'broken.xml'], app);
    assert.equal(bad.code, 1, bad.stderr + bad.stdout);
    assert.match(bad.stdout, /^broken\.xml:\d+:\d+: error: .*Incarnation/m);
    const usage = await run('npx', ['--no', 'wireserver', 'validate', 'no-such-file.xml'], app);
    assert.equal(usage.code, 2);
    assert.doesNotMatch(usage.stderr, /\n\s+at /, 'a stack trace');
  });

  it('npx wireserver goalstate against the packaged mock (wireserver-mock)', async () => {
    mock = spawn(path.join(app, 'node_modules', '.bin', 'wireserver-mock'), [], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      mock?.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
      });
      mock?.once('exit', (code) => reject(new Error(`wireserver-mock exited ${code}`)));
    });
    const { endpoint, hostGAPluginPort } = JSON.parse(line) as { endpoint: string; hostGAPluginPort: number };
    assert.match(endpoint, /^127\.0\.0\.1:\d+$/);
    const goal = await run(
      'npx',
      ['--no', 'wireserver', 'goalstate', '--endpoint', endpoint, '--hostgaplugin-port', String(hostGAPluginPort)],
      app,
    );
    assert.equal(goal.code, 0, goal.stderr);
    assert.match(goal.stdout, /^Incarnation 1$/m);
    assert.match(goal.stdout, /^links certificates$/m);
  });

  it('resolves every entry point at run time, and nothing outside exports', async () => {
    const script = `
      const assert = require('node:assert/strict');
      assert.equal(typeof require('wireserver-spec').WireServerClient, 'function');
      assert.equal(require('wireserver-spec/validate').validateDocument(require('node:fs').readFileSync('GoalState.xml'), 'GoalState.xml').valid, true);
      assert.equal(typeof require('wireserver-spec/mock').MockWireServer, 'function');
      assert.ok(require('node:fs').statSync(require.resolve('wireserver-spec/schemas/goal-state.xsd')).size > 0);
      assert.equal(require('wireserver-spec/package.json').name, 'wireserver-spec');
      assert.throws(() => require('wireserver-spec/dist/index.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
      import('wireserver-spec').then((m) => assert.equal(typeof m.parseGoalState, 'function'));`;
    const ran = await run(process.execPath, ['-e', script], app);
    assert.equal(ran.code, 0, ran.stderr);
  });

  it('type-checks a TypeScript file that imports the client and a model, and rejects a wrong one', async () => {
    // One tsc run (full library check, so the shipped declarations are checked under strict settings too):
    // use.ts must pass, wrong.ts must fail with exactly the one error it was written to have.
    const types = path.join(ROOT, 'node_modules', '@types');
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          typeRoots: [types],
          types: ['node'],
        },
        files: ['use.ts', 'wrong.ts'],
      }),
    );
    fs.writeFileSync(
      path.join(app, 'use.ts'),
      `import { WireServerClient, parseEndpoint, parseGoalState, type GoalState } from 'wireserver-spec';
import { validateDocument, type ValidationResult } from 'wireserver-spec/validate';
import { MockWireServer } from 'wireserver-spec/mock';
const client = new WireServerClient({ endpoint: parseEndpoint('127.0.0.1:8080') });
export async function incarnation(): Promise<string> {
  const goalState: GoalState = (await client.refreshGoalState()).goalState;
  return goalState.Incarnation;
}
export const parsed: GoalState = parseGoalState('<GoalState/>');
export const result: ValidationResult = validateDocument('<GoalState/>', 'g.xml');
export const mock = new MockWireServer({ port: 0 });
`,
    );
    fs.writeFileSync(
      path.join(app, 'wrong.ts'),
      `import { parseGoalState } from 'wireserver-spec';
export const wrong: number = parseGoalState('<GoalState/>').Incarnation;
`,
    );
    const tsc = await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
    const errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    assert.deepEqual(
      errors.map((l) => /^(\S+?)\(\d+,\d+\): error (TS\d+)/.exec(l)?.slice(1, 3).join(' ')),
      ['wrong.ts TS2322'],
      tsc.stdout,
    );
  });

  it('ships capture.sh as the site serves it', () => {
    assert.equal(
      fs.readFileSync(path.join(installed, 'static', 'capture.sh'), 'utf8'),
      fs.readFileSync(path.join(ROOT, 'static', 'capture.sh'), 'utf8'),
    );
  });
});
