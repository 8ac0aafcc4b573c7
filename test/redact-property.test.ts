/**
 * Property: whatever encoding a secret hides in (CDATA, entities, character references, JSON
 * escapes, percent-encoding, JSON inside XML, other letter cases), redaction removes it. Each known
 * secret kind is planted in every encoding, with seeded random secrets, and the output (and every
 * decoding of it) must not contain the secret.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactText, type RedactionKind } from '../src/redact/redact';

/** Seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes XML entities, JSON \u escapes and percent-encoding, repeatedly, so no encoding hides a secret. */
function decodeAll(text: string): string {
  let out = text;
  for (let round = 0; round < 4; round += 1) {
    out = out
      .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Math.min(0x10ffff, Number.parseInt(h, 16))))
      .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Math.min(0x10ffff, Number(d))))
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
      .replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  }
  return out;
}

const pct = (s: string): string => encodeURIComponent(s);
const entities = (s: string): string => Array.from(s, (c, i) => (i % 2 === 0 ? `&#${c.codePointAt(0)};` : c)).join('');
const jsonEscaped = (s: string): string =>
  Array.from(s, (c, i) => (i % 3 === 0 ? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}` : c)).join('');
const xmlJson = (json: string): string => json.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Each encoding: the document, given the secret (already fit for its place). */
const PLANTS: Readonly<Record<RedactionKind, readonly [string, (s: string) => string][]>> = {
  'sas-signature': [
    [
      'XML text, &amp;',
      (s) => `<Extensions>\n<StatusUploadBlob>https://a.blob/x?sv=1&amp;sig=${pct(s)}&amp;se=2</StatusUploadBlob>\n</Extensions>`,
    ],
    ['XML text, &#38;', (s) => `<Extensions><StatusUploadBlob>https://a.blob/x?sv=1&#38;sig=${pct(s)}</StatusUploadBlob></Extensions>`],
    [
      'XML text, &#x26;Sig=',
      (s) => `<Extensions><StatusUploadBlob>https://a.blob/x?sv=1&#x26;Sig=${pct(s)}</StatusUploadBlob></Extensions>`,
    ],
    ['XML CDATA', (s) => `<Extensions><StatusUploadBlob><![CDATA[https://a/x?sv=1&sig=${pct(s)}&se=2]]></StatusUploadBlob></Extensions>`],
    ['XML attribute, SIG=', (s) => `<Extensions><Blob uri="https://a/x?sv=1&amp;SIG=${pct(s)}"/></Extensions>`],
    ['XML comment', (s) => `<Extensions><!-- https://a/x?sv=1&sig=${pct(s)} --></Extensions>`],
    ['JSON', (s) => `{"u": "https://a/x?sv=1&sig=${pct(s)}"}`],
    ['JSON \\u0026', (s) => `{"u": "https://a/x?sv=1\\u0026sig=${pct(s)}"}`],
    ['percent-encoded in a URL', (s) => `{"u": "https://a/r?to=${pct(`https://b/y?sv=1&sig=${pct(s)}&se=2`)}"}`],
    ['percent-encoded twice', (s) => `{"u": "https://a/r?to=${pct(pct(`https://b/y?sv=1&sig=${pct(s)}`))}"}`],
    [
      'JSON inside XML text',
      (s) => `<Extensions><RuntimeSettings>${xmlJson(`{"u":"https://a/x?sv=1\\u0026sig=${pct(s)}"}`)}</RuntimeSettings></Extensions>`,
    ],
    ['a bare URL', (s) => `https://a/x?sig=${pct(s)}`],
    ['a bare query string in JSON', (s) => `{"q": "sig=${pct(s)}&sv=1"}`],
  ],
  'protected-settings': [
    ['JSON', (s) => `{"protectedSettings": "${s}"}`],
    ['JSON, ProtectedSettings', (s) => `{"runtimeSettings":[{"handlerSettings":{"ProtectedSettings":"${s}"}}]}`],
    ['JSON, PROTECTEDSETTINGS', (s) => `{"PROTECTEDSETTINGS": "${s}"}`],
    ['JSON, escaped key', (s) => `{"protected\\u0053ettings": "${s}"}`],
    ['JSON, escaped value', (s) => `{"protectedSettings": "${jsonEscaped(s)}"}`],
    ['JSON, object value', (s) => `{"protectedSettings": {"password": "x", "key": "${s}"}}`],
    [
      'JSON inside XML text',
      (s) => `<Extensions><RuntimeSettings>${xmlJson(`{"protectedSettings":"${s}"}`)}</RuntimeSettings></Extensions>`,
    ],
    ['JSON inside CDATA', (s) => `<Extensions><RuntimeSettings><![CDATA[{"protectedsettings": "${s}"}]]></RuntimeSettings></Extensions>`],
    ['XML element', (s) => `<Settings><ProtectedSettings>${s}</ProtectedSettings></Settings>`],
    ['XML attribute', (s) => `<Settings protectedSettings="${s}"/>`],
  ],
  password: [
    ['XML element', (s) => `<ovf:Environment><UserPassword>${s}</UserPassword></ovf:Environment>`],
    ['XML CDATA', (s) => `<ovf:Environment><UserPassword><![CDATA[${s}]]></UserPassword></ovf:Environment>`],
    ['XML character references', (s) => `<ovf:Environment><UserPassword>${entities(s)}</UserPassword></ovf:Environment>`],
    ['XML prefixed AdminPassword', (s) => `<Env xmlns:wa="urn:x"><wa:AdminPassword>${s}</wa:AdminPassword></Env>`],
    ['XML lower case', (s) => `<Env><userpassword>\n${s}\n</userpassword></Env>`],
    ['XML split by a comment', (s) => `<Env><Password>${s.slice(0, 3)}<!-- -->${s.slice(3)}</Password></Env>`],
    ['XML attribute', (s) => `<Env adminPassword='${s}'/>`],
    ['JSON', (s) => `{"adminPassword": "${s}"}`],
    ['JSON, AdminPassword', (s) => `{"user": {"AdminPassword": "${s}"}}`],
  ],
  'custom-data': [
    ['XML element', (s) => `<Env><CustomData>${s}</CustomData></Env>`],
    ['XML CDATA', (s) => `<Env><CustomData><![CDATA[${s}]]></CustomData></Env>`],
    ['JSON', (s) => `{"customData": "${s}"}`],
    ['JSON, CustomData', (s) => `{"CustomData": "${s}"}`],
  ],
  'certificate-data': [
    ['XML element', (s) => `<CertificateFile><Version>2012-11-30</Version><Data>${s}</Data></CertificateFile>`],
    ['XML CDATA', (s) => `<CertificateFile><Data><![CDATA[${s}]]></Data></CertificateFile>`],
    ['XML character references', (s) => `<CertificateFile>\n<Data>\n${entities(s)}\n</Data></CertificateFile>`],
  ],
  'private-key': [
    ['PEM', (s) => `-----BEGIN PRIVATE KEY-----\n${s}\n-----END PRIVATE KEY-----\n`],
    ['PEM in a JSON string', (s) => `{"key": "-----BEGIN RSA PRIVATE KEY-----\\n${s}\\n-----END RSA PRIVATE KEY-----"}`],
    ['PEM in XML text', (s) => `<Key>-----BEGIN EC PRIVATE KEY-----\n${s}\n-----END EC PRIVATE KEY-----</Key>`],
    ['PEM in CDATA', (s) => `<Key><![CDATA[-----BEGIN PRIVATE KEY-----\n${s}\n-----END PRIVATE KEY-----]]></Key>`],
  ],
};

describe('redaction property: every secret kind, every encoding', () => {
  const next = random(12);
  for (const [kind, plants] of Object.entries(PLANTS) as [RedactionKind, readonly [string, (s: string) => string][]][]) {
    for (const [encoding, plant] of plants) {
      it(`${kind} in ${encoding}`, () => {
        for (let n = 0; n < 5; n += 1) {
          // A marker no encoding step produces, then random base64 (with + and /).
          const secret = `Zq${n}Sec${Array.from({ length: 24 }, () => B64[Math.floor(next() * 64)]).join('')}`;
          const doc = plant(secret);
          const { text, redactions } = redactText(doc);
          const marker = secret.slice(0, 12);
          assert.ok(!text.includes(marker) && !decodeAll(text).includes(marker), `secret left in ${JSON.stringify(text)}`);
          assert.ok(
            redactions.some((r) => r.kind === kind),
            `no ${kind} redaction: ${JSON.stringify(redactions)}`,
          );
          assert.equal(text.split('\n').length, doc.split('\n').length, 'the line count is kept');
          assert.deepEqual(redactText(text).redactions, [], 'redacting twice changes nothing');
        }
      });
    }
  }

  it('leaves what is not secret alone', () => {
    const doc = '{"protectedSettingsCertThumbprint": "3CA9F246", "publicSettings": {"url": "https://a/x?sv=1&sp=r"}, "passwordLength": 12}';
    assert.deepEqual(redactText(doc), { text: doc, redactions: [] });
    const xml = '<Extensions><Plugin name="a" version="1.0"/><StatusUploadBlob>https://a/x?sv=1&amp;sp=rw</StatusUploadBlob></Extensions>';
    assert.deepEqual(redactText(xml), { text: xml, redactions: [] });
  });
});
