/**
 * Decrypting the goal state's secrets: the `CertificateFile` payload and RemoteAccess passwords.
 * @module
 */
import type crypto from 'node:crypto';
import { WireServerError } from '../errors';
import { PKCS7_PFX_FORMAT, type CertificateFile } from '../models/certificate-file';
import type { OvfEnv } from '../models/ovf-env';
import type { CertificateCipher } from '../protocol-limits';
import { decryptEnvelopedData } from './cms';
import { unpackPkcs12, type PfxCertificate } from './pkcs12';
import { opensshPublicKey } from './ssh';

/** The decrypted certificates of a goal state. */
export interface CertificateBundle {
  /** The cipher the server used (`AES128_CBC` or `DES_EDE3_CBC`); absent when there was no payload. */
  readonly cipher?: CertificateCipher;
  /** Every certificate, in payload order. */
  readonly certificates: readonly PfxCertificate[];
}

/**
 * Decrypts a `CertificateFile`: base64 → CMS EnvelopedData → PKCS#12 → certificates and keys.
 * A missing `Data`, or a `Format` other than `Pkcs7BlobWithPfxContents` or empty, yields no
 * certificates, as in WALinuxAgent.
 * @param file - The parsed document.
 * @param transportKey - The transport private key the request was made with.
 * @throws {@link WireServerError} `CRYPTO_DECRYPT_FAILED` or `CRYPTO_BAD_PAYLOAD`; never with key material.
 */
export function decryptCertificateFile(file: CertificateFile, transportKey: crypto.KeyObject): CertificateBundle {
  if (file.Data === undefined || (file.Format !== undefined && file.Format !== '' && file.Format !== PKCS7_PFX_FORMAT))
    return { certificates: [] };
  const der = Buffer.from(file.Data.replace(/\s+/g, ''), 'base64');
  const { content, cipher } = decryptEnvelopedData(der, transportKey);
  return { cipher, certificates: unpackPkcs12(content) };
}

/**
 * Decrypts a RemoteAccess `User/Password`: base64 DER CMS for the transport key, UTF-16LE text.
 * @param password - The element text.
 * @param transportKey - The transport private key.
 */
export function decryptRemoteAccessPassword(password: string, transportKey: crypto.KeyObject): string {
  return decryptEnvelopedData(Buffer.from(password.replace(/\s+/g, ''), 'base64'), transportKey).content.toString('utf16le');
}

/** One SSH key ovf-env.xml asks for, resolved. */
export interface ResolvedSshKey {
  /** Where the key goes. */
  readonly Path: string;
  /** `authorized_keys` for a public key, `keypair` for a private key to install. */
  readonly kind: 'authorized_keys' | 'keypair';
  /** The OpenSSH public key line. */
  readonly publicKey: string;
  /** The thumbprint it came from, when it came from a certificate. */
  readonly thumbprint?: string;
  /** For key pairs: the private key. */
  readonly privateKey?: crypto.KeyObject;
}

/**
 * Resolves the SSH keys of ovf-env.xml against the decrypted certificates, as WALinuxAgent does:
 * a `Value` is used verbatim; otherwise the certificate whose thumbprint equals `Fingerprint`
 * (compared case-insensitively) gives the key; a key pair needs a certificate with a private key.
 * @param env - The parsed ovf-env.xml.
 * @param bundle - The decrypted certificates.
 * @throws {@link WireServerError} `PROTOCOL_MISSING_DOCUMENT` when a fingerprint matches no certificate
 * (WALinuxAgent fails provisioning then).
 */
export function resolveSshKeys(env: OvfEnv, bundle: CertificateBundle): ResolvedSshKey[] {
  const ssh = env.ProvisioningSection.LinuxProvisioningConfigurationSet?.SSH;
  const find = (fingerprint: string, needKey: boolean): PfxCertificate => {
    const cert = bundle.certificates.find((c) => c.thumbprint === fingerprint.toUpperCase() && (!needKey || c.privateKey));
    if (!cert)
      throw new WireServerError(
        'PROTOCOL_MISSING_DOCUMENT',
        `no certificate ${needKey ? 'with a private key ' : ''}has thumbprint ${fingerprint}`,
      );
    return cert;
  };
  const out: ResolvedSshKey[] = [];
  for (const key of ssh?.PublicKeys?.PublicKey ?? []) {
    if (key.Value !== undefined && key.Value !== '') {
      out.push({ Path: key.Path, kind: 'authorized_keys', publicKey: key.Value });
    } else if (key.Fingerprint !== undefined) {
      const cert = find(key.Fingerprint, false);
      out.push({ Path: key.Path, kind: 'authorized_keys', publicKey: opensshPublicKey(cert.certificate), thumbprint: cert.thumbprint });
    }
  }
  for (const pair of ssh?.KeyPairs?.KeyPair ?? []) {
    const cert = find(pair.Fingerprint, true);
    out.push({
      Path: pair.Path,
      kind: 'keypair',
      publicKey: opensshPublicKey(cert.certificate),
      thumbprint: cert.thumbprint,
      ...(cert.privateKey ? { privateKey: cert.privateKey } : {}),
    });
  }
  return out;
}
