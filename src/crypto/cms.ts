/**
 * CMS (PKCS#7) EnvelopedData as the WireServer uses it for `comp=certificates` and RemoteAccess
 * passwords: one KeyTransRecipientInfo addressed by SubjectKeyIdentifier, the content key wrapped
 * with RSA-OAEP (SHA-1) or RSA PKCS#1 v1.5, the content encrypted with AES-128-CBC or 3DES-CBC.
 *
 * Node's `crypto.privateDecrypt` refuses PKCS#1 v1.5 padding (CVE-2023-46809 mitigation), so the
 * v1.5 unwrap uses node-forge's RSA; OAEP and the symmetric ciphers use Node's OpenSSL.
 * @module
 */
import crypto from 'node:crypto';
import forge from 'node-forge';
import { WireServerError } from '../errors';
import type { CertificateCipher } from '../protocol-limits';

const OID = {
  envelopedData: '1.2.840.113549.1.7.3',
  data: '1.2.840.113549.1.7.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  desEde3Cbc: '1.2.840.113549.3.7',
} as const;

/** Per cipher: the key-transport and content-encryption algorithms the real server pairs with it. */
const CIPHERS: Readonly<
  Record<CertificateCipher, { keyOid: string; contentOid: string; node: string; keyLength: number; ivLength: number }>
> = {
  AES128_CBC: { keyOid: OID.rsaesOaep, contentOid: OID.aes128Cbc, node: 'aes-128-cbc', keyLength: 16, ivLength: 16 },
  DES_EDE3_CBC: { keyOid: OID.rsaEncryption, contentOid: OID.desEde3Cbc, node: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
};

const asn1 = forge.asn1;
type Asn1 = forge.asn1.Asn1;

function bad(message: string, cause?: unknown): WireServerError {
  return new WireServerError('CRYPTO_BAD_PAYLOAD', message, cause === undefined ? {} : { cause });
}

function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw bad(`CMS payload: ${what} is not a constructed value`);
  return node.value;
}

function bytes(node: Asn1 | undefined, what: string): string {
  if (!node || typeof node.value !== 'string') throw bad(`CMS payload: ${what} is not a primitive value`);
  return node.value;
}

function oid(node: Asn1 | undefined, what: string): string {
  return asn1.derToOid(bytes(node, what));
}

/**
 * The SubjectKeyIdentifier of a public key as RFC 5280 §4.2.1.2 method 1 defines it: the SHA-1 of
 * the subjectPublicKey BIT STRING contents. The real server's recipient identifiers equal it.
 * @param publicKey - The RSA public key.
 */
export function subjectKeyIdentifier(publicKey: crypto.KeyObject): Buffer {
  // decodeBitStrings: false keeps the BIT STRING's bytes (the typings only know the boolean form).
  const fromDer = forge.asn1.fromDer as unknown as (input: forge.util.ByteStringBuffer, options: { decodeBitStrings: boolean }) => Asn1;
  const spki = fromDer(forge.util.createBuffer(publicKey.export({ type: 'spki', format: 'der' }).toString('binary')), {
    decodeBitStrings: false,
  });
  const bits = bytes(children(spki, 'SubjectPublicKeyInfo')[1], 'subjectPublicKey');
  return crypto
    .createHash('sha1')
    .update(Buffer.from(bits.slice(1), 'binary'))
    .digest();
}

/** What {@link decryptEnvelopedData} found besides the plaintext. */
export interface EnvelopedContent {
  /** The decrypted content. */
  readonly content: Buffer;
  /** The cipher the payload used, named as in `x-ms-cipher-name`. */
  readonly cipher: CertificateCipher;
}

function unwrapKey(keyOid: string, encryptedKey: Buffer, privateKey: crypto.KeyObject): Buffer {
  if (keyOid === OID.rsaesOaep) {
    return crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, encryptedKey);
  }
  if (keyOid === OID.rsaEncryption) {
    const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    return Buffer.from(forgeKey.decrypt(encryptedKey.toString('binary'), 'RSAES-PKCS1-V1_5'), 'binary');
  }
  throw new WireServerError('CRYPTO_UNSUPPORTED', `CMS payload: unsupported key transport algorithm ${keyOid}`);
}

/**
 * Decrypts a DER CMS EnvelopedData with the transport private key.
 * @param der - The ContentInfo, DER-encoded (base64-decoded `CertificateFile/Data`).
 * @param privateKey - The transport private key.
 * @throws {@link WireServerError} `CRYPTO_BAD_PAYLOAD` (not CMS), `CRYPTO_UNSUPPORTED` (unknown algorithm) or
 * `CRYPTO_DECRYPT_FAILED` (encrypted for another key); messages carry no key material.
 */
export function decryptEnvelopedData(der: Buffer, privateKey: crypto.KeyObject): EnvelopedContent {
  let contentInfo: Asn1;
  try {
    contentInfo = asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  } catch (error) {
    throw bad('CMS payload is not DER', error);
  }
  const [typeNode, wrapped] = children(contentInfo, 'ContentInfo');
  if (oid(typeNode, 'contentType') !== OID.envelopedData) throw bad('CMS payload is not EnvelopedData');
  const fields = children(children(wrapped, 'content')[0], 'EnvelopedData');
  // version, [0] originatorInfo?, recipientInfos, encryptedContentInfo
  const rest = fields.filter((f) => !(f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 0));
  const recipients = children(rest[1], 'recipientInfos');
  const [, algNode, encryptedContentNode] = children(rest[2], 'encryptedContentInfo');
  const [contentOidNode, ivNode] = children(algNode, 'contentEncryptionAlgorithm');
  const contentOid = oid(contentOidNode, 'contentEncryptionAlgorithm');
  const cipherName = (Object.keys(CIPHERS) as CertificateCipher[]).find((c) => CIPHERS[c].contentOid === contentOid);
  if (!cipherName) throw new WireServerError('CRYPTO_UNSUPPORTED', `CMS payload: unsupported content cipher ${contentOid}`);
  const iv = Buffer.from(bytes(ivNode, 'IV'), 'binary');
  const ciphertext = Buffer.from(encryptedContentBytes(encryptedContentNode), 'binary');
  const ski = subjectKeyIdentifier(crypto.createPublicKey(privateKey));
  let lastError: unknown;
  for (const recipient of recipients) {
    const [, rid, keyAlg, encryptedKey] = children(recipient, 'KeyTransRecipientInfo');
    // rid [0] subjectKeyIdentifier: skip recipients addressed to another key; try issuerAndSerial ones.
    if (
      rid?.tagClass === asn1.Class.CONTEXT_SPECIFIC &&
      rid.type === 0 &&
      !Buffer.from(bytes(rid, 'subjectKeyIdentifier'), 'binary').equals(ski)
    )
      continue;
    try {
      const key = unwrapKey(
        oid(children(keyAlg, 'keyEncryptionAlgorithm')[0], 'keyEncryptionAlgorithm'),
        Buffer.from(bytes(encryptedKey, 'encryptedKey'), 'binary'),
        privateKey,
      );
      const decipher = crypto.createDecipheriv(CIPHERS[cipherName].node, key, iv);
      return { content: Buffer.concat([decipher.update(ciphertext), decipher.final()]), cipher: cipherName };
    } catch (error) {
      if (error instanceof WireServerError && error.code === 'CRYPTO_UNSUPPORTED') throw error;
      lastError = error;
    }
  }
  throw new WireServerError(
    'CRYPTO_DECRYPT_FAILED',
    'CMS payload is not encrypted for this transport key',
    lastError === undefined ? {} : { cause: lastError },
  );
}

/** The encryptedContent [0] IMPLICIT OCTET STRING, primitive or constructed (BER chunks). */
function encryptedContentBytes(node: Asn1 | undefined): string {
  if (!node) throw bad('CMS payload has no encrypted content');
  if (typeof node.value === 'string') return node.value;
  return node.value.map((chunk) => encryptedContentBytes(chunk)).join('');
}

/**
 * Encrypts content for one recipient exactly as the WireServer does (used by the mock server):
 * EnvelopedData v2, a KeyTransRecipientInfo v2 whose rid is the recipient's SubjectKeyIdentifier,
 * RSA-OAEP (SHA-1, empty parameters) with AES-128-CBC, or RSA PKCS#1 v1.5 with 3DES-CBC.
 * @param content - The plaintext (a PKCS#12 for certificates).
 * @param recipient - The recipient's transport certificate.
 * @param cipher - The cipher the client asked for.
 * @returns The DER ContentInfo.
 */
export function encryptEnvelopedData(content: Buffer, recipient: crypto.X509Certificate, cipher: CertificateCipher): Buffer {
  const spec = CIPHERS[cipher];
  const key = crypto.randomBytes(spec.keyLength);
  const iv = crypto.randomBytes(spec.ivLength);
  const cipherer = crypto.createCipheriv(spec.node, key, iv);
  const encrypted = Buffer.concat([cipherer.update(content), cipherer.final()]);
  const encryptedKey =
    cipher === 'AES128_CBC'
      ? crypto.publicEncrypt({ key: recipient.publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, key)
      : Buffer.from(
          (forge.pki.certificateFromPem(recipient.toString()).publicKey as forge.pki.rsa.PublicKey).encrypt(
            key.toString('binary'),
            'RSAES-PKCS1-V1_5',
          ),
          'binary',
        );
  const { UNIVERSAL, CONTEXT_SPECIFIC } = asn1.Class;
  const T = asn1.Type;
  const bin = (b: Buffer) => b.toString('binary');
  const integer = (n: number) => asn1.create(UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
  const oidNode = (o: string) => asn1.create(UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
  const keyAlgorithm =
    cipher === 'AES128_CBC'
      ? asn1.create(UNIVERSAL, T.SEQUENCE, true, [oidNode(spec.keyOid), asn1.create(UNIVERSAL, T.SEQUENCE, true, [])])
      : asn1.create(UNIVERSAL, T.SEQUENCE, true, [oidNode(spec.keyOid), asn1.create(UNIVERSAL, T.NULL, false, '')]);
  const recipientInfo = asn1.create(UNIVERSAL, T.SEQUENCE, true, [
    integer(2),
    asn1.create(CONTEXT_SPECIFIC, 0, false, bin(subjectKeyIdentifier(recipient.publicKey))),
    keyAlgorithm,
    asn1.create(UNIVERSAL, T.OCTETSTRING, false, bin(encryptedKey)),
  ]);
  const envelopedData = asn1.create(UNIVERSAL, T.SEQUENCE, true, [
    integer(2),
    asn1.create(UNIVERSAL, T.SET, true, [recipientInfo]),
    asn1.create(UNIVERSAL, T.SEQUENCE, true, [
      oidNode(OID.data),
      asn1.create(UNIVERSAL, T.SEQUENCE, true, [oidNode(spec.contentOid), asn1.create(UNIVERSAL, T.OCTETSTRING, false, bin(iv))]),
      asn1.create(CONTEXT_SPECIFIC, 0, false, bin(encrypted)),
    ]),
  ]);
  const contentInfo = asn1.create(UNIVERSAL, T.SEQUENCE, true, [
    oidNode(OID.envelopedData),
    asn1.create(CONTEXT_SPECIFIC, 0, true, [envelopedData]),
  ]);
  return Buffer.from(asn1.toDer(contentInfo).getBytes(), 'binary');
}
