/**
 * Mutations of a document, as raw bytes: truncation, duplication, deep nesting, bad encodings,
 * huge values, entity and markup tricks, byte flips. Each returns the new bytes and its name, so a
 * failure names what was done.
 * @module
 */
import type { Random } from './random';

/** A mutation: a name and what it does to the text (or to the bytes). */
interface Mutation {
  readonly name: string;
  readonly apply: (text: string, random: Random) => string | Uint8Array;
}

const at = (text: string, random: Random): number => random.int(text.length + 1);
const insert = (text: string, offset: number, what: string): string => text.slice(0, offset) + what + text.slice(offset);

/** A position just after a start tag's `>`, or a random one. */
function afterTag(text: string, random: Random): number {
  const starts: number[] = [];
  for (let i = text.indexOf('>'); i !== -1 && starts.length < 200; i = text.indexOf('>', i + 1)) starts.push(i + 1);
  return starts.length > 0 ? random.pick(starts) : at(text, random);
}

const ENTITY_TRICKS: readonly string[] = [
  '&#x110000;',
  '&#1114112;',
  '&#0;',
  '&#xD800;',
  '&#xFFFE;',
  '&#x1F600;',
  '&#99999999999;',
  '&undefined;',
  '&amp;#x41;',
  '&#x;',
  '&#;',
  '&',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
  '<!ENTITY x SYSTEM "http://127.0.0.1:9/">',
  ']]>',
  '<![CDATA[',
  '<![CDATA[ok]]>',
  '<!-- -- -->',
  '<!--',
  '<?xml version="1.0"?>',
  '<?pi data?>',
  '<x:y xmlns:x="">',
  'xmlns=""',
  '<a b="1" b="2"/>',
  '<a b="<"/>',
  '\u0000',
  '\uFFFE',
  '\uD800',
  '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>',
  '&lt;&gt;&amp;&quot;&apos;',
];

const MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', apply: (t, r) => t.slice(0, at(t, r)) },
  {
    name: 'duplicate-slice',
    apply: (t, r) => {
      const a = at(t, r);
      const b = Math.min(t.length, a + r.int(400));
      return insert(t, at(t, r), t.slice(a, b));
    },
  },
  { name: 'duplicate-whole', apply: (t) => t + t },
  {
    name: 'delete-slice',
    apply: (t, r) => {
      const a = at(t, r);
      return t.slice(0, a) + t.slice(a + r.int(200));
    },
  },
  {
    name: 'deep-nesting',
    apply: (t, r) => {
      const n = r.pick([20, 255, 256, 257, 1000, 20_000]);
      return insert(t, afterTag(t, r), `${'<n>'.repeat(n)}${r.chance(0.8) ? '</n>'.repeat(n) : ''}`);
    },
  },
  {
    name: 'deep-json',
    apply: (_t, r) => {
      const n = r.pick([100, 256, 257, 10_000]);
      return `{"runtimeSettings":${'['.repeat(n)}${r.chance(0.5) ? ']'.repeat(n) : ''}}`;
    },
  },
  { name: 'entity-trick', apply: (t, r) => insert(t, r.chance(0.5) ? afterTag(t, r) : at(t, r), r.pick(ENTITY_TRICKS)) },
  { name: 'huge-text', apply: (t, r) => insert(t, afterTag(t, r), 'A'.repeat(r.pick([100_000, 1_000_000, 4_000_000]))) },
  { name: 'huge-attribute', apply: (t, r) => t.replace(/<(\w+)/, `<$1 big="${'v'.repeat(r.pick([1000, 1_048_577]))}"`) },
  { name: 'long-name', apply: (t, r) => insert(t, afterTag(t, r), `<${'n'.repeat(r.pick([1024, 1025, 60_000]))}/>`) },
  {
    name: 'many-attributes',
    apply: (t, r) => t.replace(/<(\w+)/, `<$1 ${Array.from({ length: r.pick([10, 1025]) }, (_, i) => `a${i}="${i}"`).join(' ')}`),
  },
  {
    name: 'cipher-comment',
    apply: (t, r) => insert(t, afterTag(t, r), `<!--${'x-ms-cipher-name: BOGUS\n'.repeat(r.pick([10, 20_000]))}-->`),
  },
  { name: 'swap-tag-names', apply: (t) => t.replace(/<\/(\w+)>/, '</$1x>') },
  {
    name: 'rename-root-namespace',
    apply: (t, r) => t.replace(/<(\w+)([\s>])/, `<$1 xmlns="${r.pick(['urn:x', '', 'http://schemas.dmtf.org/ovf/environment/1'])}"$2`),
  },
  { name: 'prefix-root', apply: (t) => t.replace(/<(\w+)([\s>])/, '<p:$1 xmlns:p="urn:p"$2') },
  {
    name: 'invalid-utf8',
    apply: (t, r) => {
      const b = Buffer.from(t, 'utf8');
      const i = r.int(b.length + 1);
      return Buffer.concat([
        b.subarray(0, i),
        Buffer.from(r.pick([[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]])),
        b.subarray(i),
      ]);
    },
  },
  {
    name: 'utf16',
    apply: (t, r) => {
      const body = Buffer.from(t, 'utf16le');
      return r.chance(0.5) ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
    },
  },
  {
    name: 'utf16be',
    apply: (t) => {
      const le = Buffer.from(t, 'utf16le');
      const be = Buffer.alloc(le.length);
      for (let i = 0; i + 1 < le.length; i += 2) {
        be[i] = le[i + 1] ?? 0;
        be[i + 1] = le[i] ?? 0;
      }
      return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    },
  },
  { name: 'bom', apply: (t) => `\uFEFF${t}` },
  { name: 'nul', apply: (t, r) => insert(t, at(t, r), '\u0000') },
  {
    name: 'declared-encoding',
    apply: (t, r) =>
      `<?xml version="1.0" encoding="${r.pick(['utf-16', 'iso-8859-1', 'ebcdic', 'bogus'])}"?>${t.replace(/^<\?xml[^>]*\?>/, '')}`,
  },
  {
    name: 'byte-flips',
    apply: (t, r) => {
      const b = Buffer.from(t, 'utf8');
      for (let k = 0; k < 1 + r.int(8); k += 1) {
        const i = r.int(b.length);
        b[i] = r.int(256);
      }
      return b;
    },
  },
  {
    name: 'char-flips',
    // Characters are code points (as Array.from counts them), but no array of them is made: one for a
    // document of millions of characters cost 70 MiB.
    apply: (t, r) => {
      let count = 0;
      for (const _ of t) count += 1;
      const flips = new Map<number, string>();
      for (let k = 0; k < 1 + r.int(8); k += 1)
        flips.set(r.int(count), r.pick(['<', '>', '&', '"', "'", '/', '=', ' ', ']', '-', '?', '!', ';', '#']));
      if (count === 0) return flips.get(0) ?? '';
      let out = '';
      let kept = 0;
      let offset = 0;
      let index = 0;
      for (const c of t) {
        const flip = flips.get(index);
        if (flip !== undefined) {
          out += t.slice(kept, offset) + flip;
          kept = offset + c.length;
        }
        offset += c.length;
        index += 1;
      }
      return out + t.slice(kept);
    },
  },
  {
    name: 'json-tricks',
    apply: (_t, r) =>
      r.pick([
        '{"state":"Ready"',
        '{"state":"\\ud800"}',
        '{"state":1e99999}',
        '{"a":"\\u00"}',
        '[',
        '{}',
        `{"state":"NotReady","details":{"subStatus":"ProvisioningFailed","description":"${'d'.repeat(5000)}"}}`,
        '{"onHold":true,"onHold":false}',
      ]),
  },
];

/**
 * Applies one to three random mutations.
 * @param text - The document.
 * @param random - The random source.
 * @returns The mutated input and the names of the mutations applied.
 */
export function mutate(text: string, random: Random): { input: Uint8Array | string; names: string[] } {
  let current: string | Uint8Array = text;
  const names: string[] = [];
  for (let k = 0, n = 1 + random.int(3); k < n; k += 1) {
    const mutation = random.pick(MUTATIONS);
    names.push(mutation.name);
    current = mutation.apply(typeof current === 'string' ? current : Buffer.from(current).toString('latin1'), random);
  }
  return { input: current, names };
}
