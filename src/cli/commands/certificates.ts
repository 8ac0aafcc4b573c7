/**
 * `wireserver certificates --out DIR`: the tenant certificates, decrypted, as secret files.
 * @module
 */
import path from 'node:path';
import { prepareSecretDir, writeSecretFile } from '../../io/secret-files';
import { makeClient, type CommandContext } from '../options';
import { UsageError } from '../runner';

/**
 * Fetches and decrypts the certificates into `--out` (0600 files created exclusively, in a folder
 * created 0700 or owned by the caller and writable only by them; `--force` replaces regular files).
 * @param ctx - The command's context.
 */
export async function certificatesCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(0, 'no arguments');
  const out = ctx.values.out;
  if (out === undefined) throw new UsageError('certificates needs --out DIR');
  prepareSecretDir(out);
  const force = ctx.values.force === true;
  const save = (name: string, data: string) => writeSecretFile(path.join(out, name), data, { force });
  const client = makeClient(ctx.values, ctx.io);
  const bundle = await client.getCertificates();
  save('TransportPrivate.pem', client.transport.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  save('TransportCert.pem', client.transport.certificate.toString());
  const summary = bundle.certificates.map((c) => {
    save(`${c.thumbprint}.crt`, c.certificate.toString());
    if (c.privateKey) save(`${c.thumbprint}.prv`, c.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    return { thumbprint: c.thumbprint, hasPrivateKey: c.privateKey !== undefined };
  });
  save('Certificates.json', `${JSON.stringify(summary, null, 4)}\n`);
  ctx.print(
    { cipher: bundle.cipher ?? null, certificates: summary },
    summary.map((c) => `${c.thumbprint}${c.hasPrivateKey ? ' (with private key)' : ''}`).join('\n') || 'no certificates',
  );
}
