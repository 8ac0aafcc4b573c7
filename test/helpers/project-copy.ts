/** A throw-away copy of the site's sources, for tests that break something on purpose. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths';

const SITE_SOURCES = [
  'docs',
  'examples',
  'schemas',
  'src',
  'site',
  'static',
  'plugins',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.site.json',
  'docusaurus.config.ts',
  'sidebars.ts',
];

/**
 * Copies the site's sources to a temporary folder that shares this checkout's node_modules.
 * @returns The folder.
 */
export function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wireserver-spec-'));
  for (const entry of SITE_SOURCES) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}docs${path.sep}api`),
    });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The outcome of a command. */
export interface RunResult {
  /** Exit status (null when killed). */
  readonly status: number | null;
  /** Standard output and error, interleaved by stream. */
  readonly output: string;
}

/**
 * Runs an npm script or binary in a folder.
 * @param cwd - Folder.
 * @param command - Executable.
 * @param args - Arguments.
 */
export function run(cwd: string, command: string, args: string[]): RunResult {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', DOCUSAURUS_NO_PERSISTENT_CACHE: cwd === ROOT ? '' : '1' },
    timeout: 15 * 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
