/**
 * OpenSSH public keys derived from certificates, to deploy the keys ovf-env.xml lists by
 * `Fingerprint` (WALinuxAgent runs `ssh-keygen -i -m PKCS8` on `<THUMB>.crt`; cloud-init does the same).
 * @module
 */
import crypto from 'node:crypto';
import { WireServerError } from '../errors';

function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

function mpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, 'base64url');
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

const EC_CURVES: Readonly<Record<string, string>> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

/**
 * The OpenSSH `authorized_keys` line (`ssh-rsa AAAA…`) of a public key. RSA, ECDSA (P-256/384/521)
 * and Ed25519 keys are supported.
 * @param key - A public key, or a certificate whose key to use.
 * @throws {@link WireServerError} `CRYPTO_UNSUPPORTED` for other key types.
 */
export function opensshPublicKey(key: crypto.KeyObject | crypto.X509Certificate): string {
  const publicKey = key instanceof crypto.X509Certificate ? key.publicKey : key;
  const jwk = publicKey.export({ format: 'jwk' });
  let type: string;
  let blob: Buffer;
  if (jwk.kty === 'RSA' && jwk.e && jwk.n) {
    type = 'ssh-rsa';
    blob = Buffer.concat([sshString(Buffer.from(type)), mpint(jwk.e), mpint(jwk.n)]);
  } else if (jwk.kty === 'EC' && jwk.crv && EC_CURVES[jwk.crv] && jwk.x && jwk.y) {
    const curve = EC_CURVES[jwk.crv] ?? '';
    type = `ecdsa-sha2-${curve}`;
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    blob = Buffer.concat([sshString(Buffer.from(type)), sshString(Buffer.from(curve)), sshString(point)]);
  } else if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x) {
    type = 'ssh-ed25519';
    blob = Buffer.concat([sshString(Buffer.from(type)), sshString(Buffer.from(jwk.x, 'base64url'))]);
  } else {
    throw new WireServerError(
      'CRYPTO_UNSUPPORTED',
      `cannot express a ${publicKey.asymmetricKeyType ?? 'unknown'} key as an OpenSSH public key`,
    );
  }
  return `${type} ${blob.toString('base64')}`;
}

/**
 * The OpenSSH SHA-256 fingerprint (`SHA256:…`, as `ssh-keygen -lf` prints) of an `authorized_keys` line.
 * @param line - `type base64 [comment]`.
 */
export function opensshFingerprint(line: string): string {
  const blob = line.trim().split(/\s+/)[1] ?? '';
  return `SHA256:${crypto.createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}
