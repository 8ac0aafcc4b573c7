/**
 * Documents generated from the schemas: for each XML document kind, a random instance of its
 * element tree (src/schema/xsd-model.ts) with random occurrence counts (sometimes outside the
 * schema's bounds) and values drawn from a pool of plausible and hostile values.
 * @module
 */
import { readSchemaTree, type SchemaElement } from '../src/schema/xsd-model';
import { xmlDocumentKinds, type DocumentKind } from '../src/validate/catalog';
import type { Random } from './random';

const VALUES: readonly string[] = [
  '',
  '0',
  '1',
  '42',
  '-1',
  '4294967296',
  '99999999999999999999',
  '1.0',
  '2012-11-30',
  '1.0.8.179',
  'true',
  'false',
  'Ready',
  'NotReady',
  'Provisioning',
  'ProvisioningFailed',
  'AES128_CBC',
  'DES_EDE3_CBC',
  'BlockBlob',
  'c6d5526c-5ac2-4200-b6e2-56f2b70c5ab2',
  '896c2e03-cf7e-4c29-a8a2-d5fd1b1cb0cd._vm',
  'Pkcs7BlobWithPfxContents',
  'http://168.63.129.16:80/machine/c6d5526c-5ac2-4200-b6e2-56f2b70c5ab2/x?comp=config&amp;type=hostingEnvironmentConfig&amp;incarnation=1',
  'https://a.blob.core.windows.net/c/b?sv=2018-03-28&amp;sr=b&amp;sp=rw&amp;sig=AbC%2Bd%3D',
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
  '  padded  ',
  'Ünïcødé ✓ 𝄞',
  '&lt;not a tag&gt;',
  '&amp;amp;',
  '&#x41;',
  '&#65;',
  '{"runtimeSettings":[{"handlerSettings":{"protectedSettings":"MII","publicSettings":{}}}]}',
];

function value(random: Random): string {
  if (random.chance(0.03)) return 'x'.repeat(random.pick([1000, 70_000, 1_100_000]));
  return random.pick(VALUES);
}

function occurrences(element: SchemaElement, random: Random): number {
  const max = Number.isFinite(element.max) ? element.max : element.min + 3;
  if (random.chance(0.05)) return element.min === 0 ? 1 : element.min - 1; // outside the bounds, now and then
  if (random.chance(0.05)) return max + 1;
  return element.min + random.int(Math.max(1, max - element.min + 1));
}

function emit(element: SchemaElement, random: Random, depth: number, namespace: string, out: string[]): void {
  const attributes = element.attributes
    .filter((a) => (a.required ? !random.chance(0.03) : random.chance(0.5)))
    .map((a) => ` ${a.name}="${value(random).replace(/"/g, '&quot;')}"`)
    .join('');
  const xmlns = namespace !== '' ? ` xmlns="${namespace}"` : '';
  const children = element.children;
  if (children.length === 0 || depth > 24) {
    out.push(`<${element.name}${xmlns}${attributes}>${value(random)}</${element.name}>`);
    return;
  }
  out.push(`<${element.name}${xmlns}${attributes}>\n`);
  const chosen = element.compositor === 'choice' ? [random.pick(children)] : children;
  for (const child of chosen) {
    const n = element.compositor === 'choice' ? Math.max(1, occurrences(child, random)) : occurrences(child, random);
    for (let k = 0; k < n; k += 1) emit(child, random, depth + 1, '', out);
  }
  if (random.chance(0.02)) out.push(`<Unknown${random.int(9)}>${value(random)}</Unknown${random.int(9)}>`);
  out.push(`</${element.name}>\n`);
}

const trees = new Map<string, SchemaElement>();

function tree(kind: DocumentKind): SchemaElement {
  let found = trees.get(kind.schema);
  if (!found) {
    found = readSchemaTree(kind.schema, kind.root);
    trees.set(kind.schema, found);
  }
  return found;
}

/**
 * A random document of a random XML document kind, mostly valid, sometimes not.
 * @param random - The random source.
 * @returns The kind's root element name and the document text.
 */
export function generateDocument(random: Random): { root: string; text: string } {
  const kind = random.pick(xmlDocumentKinds);
  const out: string[] = [random.chance(0.7) ? '<?xml version="1.0" encoding="utf-8"?>\n' : ''];
  emit(tree(kind), random, 1, kind.namespace, out);
  return { root: kind.root, text: out.join('') };
}
