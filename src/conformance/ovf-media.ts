/**
 * Provisioning media for `--ovf FILE`: the document offered the ways real media carry it, as an
 * ISO 9660 image (made with xorriso or genisoimage, Debian packages) and as a seed folder
 * (`ovf-env.xml` alone, the layout of cloud-init's `seed/azure` and of WALinuxAgent's copy).
 * @module
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The media made for a run. */
export interface OvfMedia {
  /** The seed folder, holding `ovf-env.xml`. */
  readonly seedDir: string;
  /** `ovf-env.xml` in the seed folder. */
  readonly file: string;
  /** The ISO image holding `ovf-env.xml`. */
  readonly iso: string;
  /** The document's text. */
  readonly text: string;
}

/** The media could not be made. */
export class OvfMediaError extends Error {}

/**
 * Copies the document into a seed folder and builds an ISO image of it.
 * @param source - The ovf-env.xml to offer.
 * @param dir - Where to put `seed/` and `ovf-env.iso` (created).
 * @throws {@link OvfMediaError} when the file cannot be read or no ISO tool is installed.
 */
export function makeOvfMedia(source: string, dir: string): OvfMedia {
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (error) {
    throw new OvfMediaError(`${source}: ${(error as NodeJS.ErrnoException).code ?? 'cannot read'}`);
  }
  const seedDir = path.join(dir, 'seed');
  fs.mkdirSync(seedDir, { recursive: true, mode: 0o700 });
  const file = path.join(seedDir, 'ovf-env.xml');
  fs.writeFileSync(file, text, { mode: 0o600 });
  const iso = path.join(dir, 'ovf-env.iso');
  const tools: [string, string[]][] = [
    ['xorriso', ['-as', 'mkisofs', '-quiet', '-V', 'rd_rdfe_stable', '-J', '-r', '-o', iso, seedDir]],
    ['genisoimage', ['-quiet', '-V', 'rd_rdfe_stable', '-J', '-r', '-o', iso, seedDir]],
  ];
  const errors: string[] = [];
  for (const [tool, args] of tools) {
    const result = spawnSync(tool, args, { encoding: 'utf8' });
    if (result.status === 0) return { seedDir, file, iso, text };
    errors.push(`${tool}: ${result.error ? 'not installed' : (result.stderr.trim().split('\n').at(-1) ?? `exit ${result.status}`)}`);
  }
  throw new OvfMediaError(`cannot build the ISO image (${errors.join('; ')}); install xorriso or genisoimage`);
}
