/**
 * `wireserver validate --jobs N`: the report of N worker processes is byte for byte the report of
 * one process, through the package's bin (dist/, `npm run build:dist`) and from the sources (tsx);
 * bad values are usage errors; a worker killed mid-run stops the run with one plain line.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import fg from 'fast-glob';
import { MAX_JOBS, MIN_DOCUMENTS_PER_WORKER, workerCount } from '../src/cli/validate-pool';
import { CORPUS, EXAMPLES, ROOT } from './helpers/paths';
import { captureCli } from './helpers/validate-cli';

const BIN = path.join(ROOT, 'bin', 'wireserver.cjs');
const GOAL_STATE = fs.readFileSync(path.join(CORPUS, 'hibernate', 'goal_state_1', 'GoalState.xml'), 'utf8');
const HEALTH = fs.readFileSync(path.join(EXAMPLES, 'Health', 'provisioning-failed.xml'), 'utf8');
/** Copies of the mixed set, each between two folders of small valid documents. */
const MIXED_COPIES = 3;
/** A file every process fails to read (EIO), root or not. */
const UNREADABLE = '/proc/self/mem';

/** The validator's worker processes whose parent is `pid` (not, say, the esbuild service tsx starts). */
function workersOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
        // Fields after the command name in parentheses: state, then the parent's pid.
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) return false;
        return fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('validate-worker');
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Counts the worker processes of `pid` while `run` runs: the most seen at once. */
async function mostChildren<T>(pid: () => number | undefined, run: Promise<T>): Promise<{ value: T; most: number }> {
  let most = 0;
  const poll = setInterval(() => {
    const id = pid();
    if (id !== undefined) most = Math.max(most, workersOf(id).length);
  }, 10);
  try {
    return { value: await run, most };
  } finally {
    clearInterval(poll);
  }
}

interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A child's standard output and error so far, and its exit code once it has closed. */
function collect(child: ChildProcess & { stdout: Readable; stderr: Readable }): { out: string; err: string; closed: Promise<number> } {
  const outcome = { out: '', err: '', closed: new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1))) };
  child.stdout.setEncoding('utf8').on('data', (t: string) => {
    outcome.out += t;
  });
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    outcome.err += t;
  });
  return outcome;
}

/** Runs the package's bin with `stdin`, counting its worker processes. */
async function runBin(argv: readonly string[], stdin: string): Promise<Outcome & { workers: number }> {
  const child = spawn(process.execPath, [BIN, 'validate', ...argv]);
  const output = collect(child);
  child.stdin.end(stdin);
  const { value: code, most } = await mostChildren(() => child.pid, output.closed);
  return { code, out: output.out, err: output.err, workers: most };
}

/** Runs `runValidate` in this process (the sources, under tsx), counting the worker processes it forks. */
async function runSources(argv: string[], stdin: string): Promise<Outcome & { workers: number }> {
  const { value, most } = await mostChildren(() => process.pid, captureCli(argv, stdin));
  return { ...value, workers: most };
}

/**
 * A folder in which the workers' chunks meet every kind of input: `MIXED_COPIES` copies of every
 * example (negative ones renamed so that the walk takes them) and corpus document, each with a
 * bundle whose Health report contradicts its goal state (warnings), a file in bad UTF-8, binary
 * zeros, plain text, an empty file and JSON of no kind; between them, folders of a small valid
 * document (fast to check), so that there are documents enough for three workers.
 */
function makeFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-jobs-'));
  const sources = [
    ...fg.sync(['**/*.xml', '**/*.json'], { cwd: EXAMPLES }).map((f) => ({ from: path.join(EXAMPLES, f), to: path.join('examples', f) })),
    ...fg.sync(['**/*.xml', '**/*.json'], { cwd: CORPUS }).map((f) => ({ from: path.join(CORPUS, f), to: path.join('corpus', f) })),
  ];
  let mixed = 0;
  for (let copy = 0; copy < MIXED_COPIES; copy += 1) {
    const base = path.join(dir, `part-${copy}-mixed`);
    for (const { from, to } of sources) {
      const target = path.join(base, to.replace(/\.invalid\.xml$/, '.negative.xml'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(from, target);
    }
    fs.mkdirSync(path.join(base, 'mismatch'));
    fs.writeFileSync(path.join(base, 'mismatch', 'GoalState.xml'), GOAL_STATE);
    fs.writeFileSync(path.join(base, 'mismatch', 'Health.xml'), HEALTH.replace(/<GoalStateIncarnation>\d+</, '<GoalStateIncarnation>9<'));
    fs.writeFileSync(path.join(base, 'bad-utf8.xml'), Buffer.from([0xc3, 0x28, 0x3c, 0x61, 0x2f, 0x3e]));
    fs.writeFileSync(path.join(base, 'zeros.xml'), Buffer.alloc(16));
    fs.writeFileSync(path.join(base, 'notes.xml'), 'not XML at all\n');
    fs.writeFileSync(path.join(base, 'empty.xml'), '');
    fs.writeFileSync(path.join(base, 'other.json'), '{"hello": 1}\n');
    mixed += sources.length + 7;
  }
  const small = fs.readFileSync(path.join(EXAMPLES, 'Versions', 'agent-fixture.xml'));
  const bulk = Math.ceil((3 * MIN_DOCUMENTS_PER_WORKER - mixed) / MIXED_COPIES) + 1;
  for (let copy = 0; copy < MIXED_COPIES; copy += 1) {
    const base = path.join(dir, `part-${copy}-small`);
    fs.mkdirSync(base);
    for (let i = 0; i < bulk; i += 1) fs.writeFileSync(path.join(base, `v${i}.xml`), small);
  }
  return dir;
}

describe('validate --jobs', () => {
  let dir: string;
  let documents: number;
  before(() => {
    dir = makeFixture();
    documents = fg.sync(['**/*.xml', '**/*.json'], { cwd: dir }).length + 2; // and standard input, and UNREADABLE
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses workers only where they pay', () => {
    assert.equal(workerCount(1, 100_000), 0);
    assert.equal(workerCount(2, 2 * MIN_DOCUMENTS_PER_WORKER - 1), 0);
    assert.equal(workerCount(2, 2 * MIN_DOCUMENTS_PER_WORKER), 2);
    assert.equal(workerCount(8, 3 * MIN_DOCUMENTS_PER_WORKER), 3);
    assert.equal(workerCount(MAX_JOBS, 1_000_000), MAX_JOBS);
  });

  // Both formats through the bin; text from the sources (the report is formatted by the same
  // code from the same results either way, and each run costs seconds).
  for (const [name, run, formats] of [
    ['the bin (dist/)', runBin, ['text', 'json']],
    ['the sources (tsx)', runSources, ['text']],
  ] as const) {
    it(`prints byte-identical reports with 1, 2 and 3 processes: ${name}, ${formats.join(' and ')}`, async () => {
      assert.ok(workerCount(3, documents) === 3, `only ${documents} documents`);
      for (const format of formats) {
        const argv = ['--format', format, dir, UNREADABLE, '-'];
        const one = await run(['--jobs', '1', ...argv], GOAL_STATE);
        assert.equal(one.code, 2, 'an unreadable file is an I/O error');
        assert.equal(one.workers, 0);
        assert.match(one.err, /^validate: \/proc\/self\/mem: EIO\n$/);
        assert.match(one.out, format === 'text' ? /\[bad-encoding\]/ : /"code": "bad-encoding"/);
        assert.match(one.out, /health-incarnation-mismatch/);
        assert.match(one.out, /not-well-formed/);
        assert.match(one.out, /schema-violation/);
        for (const jobs of [2, 3]) {
          const many = await run(['--jobs', String(jobs), ...argv], GOAL_STATE);
          assert.equal(many.workers, jobs, `--jobs ${jobs} ${format}: worker processes`);
          assert.deepEqual({ code: many.code, out: many.out, err: many.err }, { code: one.code, out: one.out, err: one.err });
        }
      }
    });
  }

  it('refuses --jobs 0, abc, beyond the cap, negative or fractional (exit 2, one plain line and the usage)', async () => {
    for (const value of ['0', 'abc', String(MAX_JOBS + 1), '-1', '1.5', '', '99999999999']) {
      const { code, out, err } = await captureCli([`--jobs=${value}`, EXAMPLES]);
      assert.equal(code, 2, value);
      assert.equal(out, '');
      assert.ok(err.startsWith(`validate: --jobs must be a whole number from 1 to ${MAX_JOBS}, not "${value}"\nusage: validate `), err);
    }
    assert.equal((await captureCli(['--jobs', String(MAX_JOBS), path.join(EXAMPLES, 'Versions')])).code, 0);
    assert.match((await captureCli(['--help'])).out, /--jobs N {4}check in up to N processes \(default: the number of cores/);
  });

  it('stops with one plain line (exit 2) and kills the other workers when a worker is killed', async () => {
    const child = spawn(process.execPath, [BIN, 'validate', '--jobs', '2', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collect(child);
    // The workers start during the folder walk and live until every document is checked.
    let workers: number[] = [];
    while (workers.length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      workers = workersOf(child.pid ?? -1);
    }
    const [victim, other] = workers as [number, number];
    process.kill(victim, 'SIGKILL');
    assert.equal(await output.closed, 2, output.err);
    assert.equal(output.out, '');
    assert.equal(output.err, `validate: worker process ${victim} was killed by SIGKILL before it finished; the run is stopped\n`);
    // The validator waits for the other worker, killed with it, before it exits: nothing is left running.
    assert.equal(fs.existsSync(`/proc/${other}`), false, `worker ${other} outlived the validator`);
  });
});
