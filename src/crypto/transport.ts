/**
 * The transport key pair: the self-signed certificate the guest sends in
 * `x-ms-guest-agent-public-x509-cert` so the WireServer can encrypt secrets for it.
 * @module
 */
import crypto from 'node:crypto';
import forge from 'node-forge';
import { subjectKeyIdentifier } from './cms';

/** A transport key pair. */
export interface TransportCredentials {
  /** The private key (unencrypted; write it with mode 0600). */
  readonly privateKey: crypto.KeyObject;
  /** The self-signed certificate. */
  readonly certificate: crypto.X509Certificate;
}

/** Options of {@link createTransportCredentials}. */
export interface TransportOptions {
  /** RSA modulus length; default 2048, as WALinuxAgent, cloud-init and afterburn. */
  readonly modulusLength?: number;
  /** Subject common name; default `LinuxTransport` as WALinuxAgent. */
  readonly commonName?: string;
  /** Validity in days; default 730 as WALinuxAgent since 2017. */
  readonly days?: number;
}

/**
 * Generates a transport key pair as WALinuxAgent's `openssl req -x509 -newkey rsa:2048 -days 730
 * -subj /CN=LinuxTransport` does, with the extensions OpenSSL adds by default: a Subject Key
 * Identifier (the server addresses the CMS recipient by it; afterburn notes it must be present),
 * an Authority Key Identifier and basicConstraints CA:TRUE. SHA-256 signature.
 * @param options - Key size, name and lifetime.
 */
export function createTransportCredentials(options: TransportOptions = {}): TransportCredentials {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: options.modulusLength ?? 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${crypto.randomBytes(15).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60_000);
  cert.validity.notAfter = new Date(now + (options.days ?? 730) * 86_400_000);
  const name = [{ name: 'commonName', value: options.commonName ?? 'LinuxTransport' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  const ski = subjectKeyIdentifier(publicKey).toString('hex');
  cert.setExtensions([
    { name: 'subjectKeyIdentifier', subjectKeyIdentifier: ski },
    { name: 'authorityKeyIdentifier', keyIdentifier: forge.util.hexToBytes(ski) },
    { name: 'basicConstraints', cA: true },
  ]);
  // Sign with Node's OpenSSL (forge's pure-JS RSA takes hundreds of milliseconds per signature).
  cert.signatureOid = forge.pki.oids['sha256WithRSAEncryption'] ?? '1.2.840.113549.1.1.11';
  cert.siginfo.algorithmOid = cert.signatureOid;
  // getTBSCertificate exists in node-forge but not in its typings.
  const getTbs = (forge.pki as unknown as { getTBSCertificate: (c: forge.pki.Certificate) => forge.asn1.Asn1 }).getTBSCertificate;
  const tbs = Buffer.from(forge.asn1.toDer(getTbs(cert)).getBytes(), 'binary');
  cert.signature = crypto.sign('sha256', tbs, privateKey).toString('binary');
  return { privateKey, certificate: new crypto.X509Certificate(forge.pki.certificateToPem(cert)) };
}

/**
 * The value of `x-ms-guest-agent-public-x509-cert`: the base64 DER of the certificate on one line
 * (the PEM body without armour or newlines, as every client sends it).
 * @param certificate - The transport certificate.
 */
export function transportCertificateHeader(certificate: crypto.X509Certificate): string {
  return certificate.raw.toString('base64');
}
