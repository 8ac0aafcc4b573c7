/** Runs the real `openssl` CLI on temporary files, for checking crypto against an independent implementation. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs openssl with the arguments; `{dir}` in an argument is replaced by a temporary folder that holds `files`. */
export function openssl(args: readonly string[], files: Record<string, string | Buffer> = {}): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-openssl-'));
  try {
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
    return execFileSync(
      'openssl',
      args.map((a) => a.replaceAll('{dir}', dir)),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** SHA-1 thumbprints (upper-case hex) of every certificate in PEM text, via `openssl x509 -fingerprint`. */
export function opensslThumbprints(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map(
    (block) =>
      /=([0-9A-F:]+)/
        .exec(openssl(['x509', '-noout', '-fingerprint', '-sha1', '-in', '{dir}/c.pem'], { 'c.pem': block }).toString())?.[1]
        ?.replaceAll(':', '') ?? '',
  );
}
