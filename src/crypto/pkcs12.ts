/**
 * PKCS#12 as the WireServer sends it inside the certificates payload: empty password, SHA-1 MAC with
 * PKCS12KDF, keys and certificates protected with pbeWithSHA1And3-KeyTripleDES-CBC. node-forge reads
 * it without OpenSSL's legacy provider, so FIPS and OpenSSL 3 hosts (Azure/WALinuxAgent#3489) decode it too.
 * @module
 */
import crypto from 'node:crypto';
import forge from 'node-forge';
import { WireServerError } from '../errors';

/** One certificate of the payload, with its private key when the payload carried one. */
export interface PfxCertificate {
  /** SHA-1 of the DER certificate, 40 upper-case hex digits (the agent's `<THUMB>.crt` name). */
  readonly thumbprint: string;
  /** The certificate. */
  readonly certificate: crypto.X509Certificate;
  /** The matching private key (matched by public key, as WALinuxAgent does), if any. */
  readonly privateKey?: crypto.KeyObject;
}

const toDer = (node: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

/**
 * The SHA-1 thumbprint of a certificate, as the platform writes it (upper-case hex, no colons).
 * @param certificate - The certificate.
 */
export function thumbprint(certificate: crypto.X509Certificate): string {
  return crypto.createHash('sha1').update(certificate.raw).digest('hex').toUpperCase();
}

function spki(key: crypto.KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/**
 * Unpacks a PKCS#12 with an empty password and pairs each certificate with its private key.
 * @param der - The PFX bytes.
 * @param password - The password; the WireServer uses none.
 * @throws {@link WireServerError} `CRYPTO_BAD_PAYLOAD` when it is not a readable PKCS#12 or its MAC is wrong.
 */
export function unpackPkcs12(der: Buffer, password = ''): PfxCertificate[] {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), false), false, password);
  } catch (error) {
    throw new WireServerError('CRYPTO_BAD_PAYLOAD', 'the decrypted payload is not a readable PKCS#12', { cause: error });
  }
  const keys: crypto.KeyObject[] = [];
  const certificates: crypto.X509Certificate[] = [];
  for (const safe of pfx.safeContents) {
    for (const bag of safe.safeBags) {
      const raw = bag as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 };
      if (bag.type === forge.pki.oids['certBag']) {
        const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : raw.asn1;
        if (node) certificates.push(new crypto.X509Certificate(toDer(node)));
      } else if (bag.type === forge.pki.oids['pkcs8ShroudedKeyBag'] || bag.type === forge.pki.oids['keyBag']) {
        const node = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : raw.asn1;
        if (node) keys.push(crypto.createPrivateKey({ key: toDer(node), format: 'der', type: 'pkcs8' }));
      }
    }
  }
  return certificates.map((certificate) => {
    const publicKey = spki(certificate.publicKey);
    const privateKey = keys.find((key) => spki(crypto.createPublicKey(key)).equals(publicKey));
    return { thumbprint: thumbprint(certificate), certificate, ...(privateKey ? { privateKey } : {}) };
  });
}

/**
 * Builds a PKCS#12 shaped like the WireServer's (empty password, 3DES, SHA-1 MAC, 2000 iterations,
 * friendlyName TenantEncryptionCert). Used by the mock server.
 * @param privateKey - The RSA private key of the first certificate.
 * @param certificates - The certificates; the first one belongs to the key.
 */
export function createPkcs12(privateKey: crypto.KeyObject, certificates: readonly crypto.X509Certificate[]): Buffer {
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const certs = certificates.map((c) => forge.pki.certificateFromPem(c.toString()));
  const pfx = forge.pkcs12.toPkcs12Asn1(key, certs, '', {
    algorithm: '3des',
    count: 2000,
    saltSize: 8,
    friendlyName: 'TenantEncryptionCert',
  });
  return toDer(pfx);
}
