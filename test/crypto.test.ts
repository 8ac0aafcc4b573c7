import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { decryptCertificateFile, decryptRemoteAccessPassword, resolveSshKeys } from '../src/crypto/certificates';
import { decryptEnvelopedData, encryptEnvelopedData, subjectKeyIdentifier } from '../src/crypto/cms';
import { createPkcs12, unpackPkcs12 } from '../src/crypto/pkcs12';
import { opensshFingerprint, opensshPublicKey } from '../src/crypto/ssh';
import { createTransportCredentials, transportCertificateHeader } from '../src/crypto/transport';
import { isWireServerError } from '../src/errors';
import { parseCertificateFile } from '../src/models/certificate-file';
import { parseOvfEnv } from '../src/models/ovf-env';
import { CORPUS } from './helpers/paths';
import { openssl, opensslThumbprints } from './helpers/openssl';

const read = (...parts: string[]) => fs.readFileSync(path.join(CORPUS, ...parts), 'utf8');
const key = (...parts: string[]) => crypto.createPrivateKey(read(...parts));

/** The thumbprints OpenSSL finds: `cms -decrypt` then `pkcs12 -nomacver -nodes`, as WALinuxAgent runs them. */
function opensslPayloadThumbprints(certificatesXml: string, keyPem: string): string[] {
  const data = /<Data>([\s\S]*?)<\/Data>/.exec(certificatesXml)?.[1] ?? '';
  const pfx = openssl(['cms', '-decrypt', '-inform', 'DER', '-in', '{dir}/p7', '-inkey', '{dir}/key'], {
    p7: Buffer.from(data.replace(/\s+/g, ''), 'base64'),
    key: keyPem,
  });
  const pem = openssl(['pkcs12', '-nodes', '-nomacver', '-password', 'pass:', '-in', '{dir}/pfx'], { pfx }).toString();
  return opensslThumbprints(pem);
}

describe('decryptCertificateFile on real captures', () => {
  for (const goalState of ['goal_state_1', 'goal_state_2']) {
    it(`hibernate/${goalState} (RSA-OAEP + AES-128-CBC) yields exactly Certificates.json`, () => {
      const bundle = decryptCertificateFile(
        parseCertificateFile(read('hibernate', goalState, 'Certificates.xml')),
        key('hibernate', 'TransportPrivate.pem'),
      );
      const expected = JSON.parse(read('hibernate', goalState, 'Certificates.json')) as { thumbprint: string; hasPrivateKey: boolean }[];
      assert.equal(bundle.cipher, 'AES128_CBC');
      assert.deepEqual(
        bundle.certificates.map((c) => ({ thumbprint: c.thumbprint, hasPrivateKey: c.privateKey !== undefined })),
        expected,
      );
    });
  }

  const des = [
    ['tenant_certificate_rotation/Certificates-incarnation-3.xml', 'tenant_certificate_rotation/TransportPrivate.pem'],
    ['tenant_certificate_rotation/Certificates-incarnation-4.xml', 'tenant_certificate_rotation/TransportPrivate.pem'],
    ['wire/certs.xml', 'wire/trans_prv'],
  ] as const;
  for (const [file, keyFile] of des) {
    it(`${file} (RSA PKCS#1 v1.5 + 3DES) yields the thumbprints openssl finds`, () => {
      const xml = read(file);
      const bundle = decryptCertificateFile(parseCertificateFile(xml), key(keyFile));
      assert.equal(bundle.cipher, 'DES_EDE3_CBC');
      assert.deepEqual(bundle.certificates.map((c) => c.thumbprint).sort(), opensslPayloadThumbprints(xml, read(keyFile)).sort());
      assert.equal(bundle.certificates.filter((c) => c.privateKey).length, 1);
    });
  }

  it('fails cleanly on wire/incorrect-certs.xml, with no secret in the message', () => {
    const xml = read('wire', 'incorrect-certs.xml');
    assert.throws(
      () => decryptCertificateFile(parseCertificateFile(xml), key('wire', 'trans_prv')),
      (error: unknown) => {
        assert.ok(isWireServerError(error));
        assert.equal(error.code, 'CRYPTO_DECRYPT_FAILED');
        const data = /<Data>([\s\S]*?)<\/Data>/.exec(xml)?.[1]?.replace(/\s+/g, '') ?? '';
        assert.ok(!error.message.includes(data.slice(0, 40)));
        assert.ok(!/PRIVATE KEY|MII/.test(error.message));
        return true;
      },
    );
  });

  it('returns no certificates for an unknown Format or a missing Data, as WALinuxAgent', () => {
    const transport = key('wire', 'trans_prv');
    assert.deepEqual(decryptCertificateFile(parseCertificateFile(read('wire', 'certs_format_not_pfx.xml')), transport).certificates, []);
    assert.equal(
      decryptCertificateFile(parseCertificateFile(read('wire', 'certs_no_format_specified.xml')), transport).certificates.length,
      2,
    );
  });

  it('decrypts a RemoteAccess password made by openssl cms -encrypt -keyid -des3, as UTF-16LE', () => {
    const transport = createTransportCredentials();
    const der = openssl(['cms', '-encrypt', '-binary', '-keyid', '-des3', '-outform', 'DER', '-in', '{dir}/pw', '{dir}/cert.pem'], {
      pw: Buffer.from('Pässw0rd!', 'utf16le'),
      'cert.pem': transport.certificate.toString(),
    });
    assert.equal(decryptRemoteAccessPassword(der.toString('base64'), transport.privateKey), 'Pässw0rd!');
  });

  it('wire/encrypted.enc is addressed to a key the corpus lacks: CRYPTO_DECRYPT_FAILED', () => {
    assert.throws(() => decryptRemoteAccessPassword(read('wire', 'encrypted.enc'), key('wire', 'trans_prv')), {
      code: 'CRYPTO_DECRYPT_FAILED',
    });
  });
});

describe('transport credentials', () => {
  const transport = createTransportCredentials();

  it('is RSA 2048, self-signed, with a Subject Key Identifier equal to SHA-1 of the key (openssl x509)', () => {
    const text = openssl(['x509', '-noout', '-text', '-in', '{dir}/c.pem'], { 'c.pem': transport.certificate.toString() }).toString();
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /Subject: CN ?= ?LinuxTransport/);
    assert.match(text, /CA:TRUE/);
    const ski = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(text)?.[1]?.replaceAll(':', '');
    assert.equal(ski, subjectKeyIdentifier(transport.certificate.publicKey).toString('hex').toUpperCase());
    assert.ok(transport.certificate.verify(transport.certificate.publicKey));
  });

  it('sends the certificate as one line of base64 DER', () => {
    const header = transportCertificateHeader(transport.certificate);
    assert.match(header, /^[A-Za-z0-9+/]+=*$/);
    assert.equal(header, transport.certificate.toString().replace(/-----[^-]+-----|\s/g, ''));
  });
});

describe('encryptEnvelopedData (the mock server side)', () => {
  const transport = createTransportCredentials();
  const tenant = createTransportCredentials({ commonName: 'TenantEncryptionCert' });
  const pfx = createPkcs12(tenant.privateKey, [tenant.certificate]);

  for (const cipher of ['AES128_CBC', 'DES_EDE3_CBC'] as const) {
    it(`${cipher}: openssl cms -decrypt and our decryption both recover the PKCS#12`, () => {
      const der = encryptEnvelopedData(pfx, transport.certificate, cipher);
      const text = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', '{dir}/p7'], { p7: der }).toString();
      assert.match(text, cipher === 'AES128_CBC' ? /rsaesOaep[\s\S]*aes-128-cbc/ : /rsaEncryption[\s\S]*des-ede3-cbc/);
      assert.match(text, /subjectKeyIdentifier/);
      const viaOpenssl = openssl(['cms', '-decrypt', '-inform', 'DER', '-in', '{dir}/p7', '-inkey', '{dir}/key'], {
        p7: der,
        key: transport.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      });
      assert.deepEqual(viaOpenssl, pfx);
      assert.deepEqual(decryptEnvelopedData(der, transport.privateKey), { content: pfx, cipher });
      const pem = openssl(['pkcs12', '-nodes', '-nomacver', '-password', 'pass:', '-in', '{dir}/pfx'], { pfx: viaOpenssl }).toString();
      assert.deepEqual(
        opensslThumbprints(pem),
        unpackPkcs12(pfx).map((c) => c.thumbprint),
      );
    });
  }

  it('a payload for another key fails with CRYPTO_DECRYPT_FAILED', () => {
    const der = encryptEnvelopedData(pfx, transport.certificate, 'AES128_CBC');
    assert.throws(() => decryptEnvelopedData(der, tenant.privateKey), { code: 'CRYPTO_DECRYPT_FAILED' });
    assert.throws(() => decryptEnvelopedData(Buffer.from('not cms'), tenant.privateKey), { code: 'CRYPTO_BAD_PAYLOAD' });
  });
});

describe('SSH keys', () => {
  it('opensshPublicKey matches ssh-keygen -i -m PKCS8 for RSA and EC keys', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-ssh-'));
    try {
      const keys = [
        crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
        crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey,
      ];
      for (const publicKey of keys) {
        const file = path.join(dir, 'k.pem');
        fs.writeFileSync(file, publicKey.export({ type: 'spki', format: 'pem' }));
        const expected = execFileSync('ssh-keygen', ['-i', '-m', 'PKCS8', '-f', file]).toString().trim();
        assert.equal(opensshPublicKey(publicKey), expected);
        fs.writeFileSync(path.join(dir, 'k.pub'), `${expected}\n`);
        const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', path.join(dir, 'k.pub')]).toString();
        assert.ok(printed.includes(opensshFingerprint(expected)));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolves ovf-env fingerprints against the decrypted certificates of a real capture', () => {
    const bundle = decryptCertificateFile(parseCertificateFile(read('wire', 'certs.xml')), key('wire', 'trans_prv'));
    const withKey = bundle.certificates.find((c) => c.privateKey);
    const withoutKey = bundle.certificates.find((c) => !c.privateKey);
    assert.ok(withKey && withoutKey);
    const ovf = read('ovf-env.xml')
      .replace('<Value>ssh-rsa AAAANOTAREALKEY== foo@bar.local</Value>', '')
      .replace(
        /<Fingerprint>EB0C[0-9A-F]+<\/Fingerprint>(\s*<Path>\$HOME\/UserName\/.ssh\/authorized_keys)/,
        `<Fingerprint>${withoutKey.thumbprint.toLowerCase()}</Fingerprint>$1`,
      )
      .replace(
        /<Fingerprint>EB0C[0-9A-F]+<\/Fingerprint>(\s*<Path>\$HOME\/UserName\/.ssh\/id_rsa)/,
        `<Fingerprint>${withKey.thumbprint}</Fingerprint>$1`,
      );
    const keys = resolveSshKeys(parseOvfEnv(ovf), bundle);
    assert.deepEqual(
      keys.map((k) => [k.kind, k.thumbprint, k.publicKey]),
      [
        ['authorized_keys', withoutKey.thumbprint, opensshPublicKey(withoutKey.certificate)],
        ['keypair', withKey.thumbprint, opensshPublicKey(withKey.certificate)],
      ],
    );
    assert.throws(
      () => resolveSshKeys(parseOvfEnv(read('ovf-env.xml').replace('<Value>ssh-rsa AAAANOTAREALKEY== foo@bar.local</Value>', '')), bundle),
      { code: 'PROTOCOL_MISSING_DOCUMENT' },
    );
  });
});
