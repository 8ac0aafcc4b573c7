import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flattenElements, readSchemaTree } from '../src/schema/xsd-model';
import { generateElementReferences } from '../src/tools/element-reference';
import { VOCABULARY_FILE, renderVocabulary } from '../src/tools/vocabulary';
import fs from 'node:fs';
import path from 'node:path';
import { documentKinds, xmlDocumentKinds } from '../src/validate/catalog';
import { SCHEMA_DIR } from '../src/schema/schema-dir';

describe('schemas', () => {
  for (const kind of xmlDocumentKinds) {
    it(`${kind.schema}: every element and attribute has documentation and a status`, () => {
      for (const element of flattenElements(readSchemaTree(kind.schema, kind.root))) {
        const where = element.path.join('/');
        assert.ok(element.documentation.length > 10, `${where} has no xs:documentation`);
        assert.ok(element.meta.status, `${where} has no ws:meta status in xs:appinfo`);
        for (const attr of element.attributes) assert.ok(attr.documentation.length > 10, `${where}/@${attr.name} has no xs:documentation`);
      }
    });
  }

  for (const kind of documentKinds.filter((k) => k.format === 'json')) {
    it(`${kind.schema}: every property has a description, and the kind has detection keys`, () => {
      const missing: string[] = [];
      const walk = (node: unknown, where: string): void => {
        if (typeof node !== 'object' || node === null) return;
        const record = node as Record<string, unknown>;
        const properties = record['properties'];
        if (typeof properties === 'object' && properties !== null) {
          for (const [name, sub] of Object.entries(properties)) {
            if (typeof (sub as Record<string, unknown>)['description'] !== 'string') missing.push(`${where}/${name}`);
            walk(sub, `${where}/${name}`);
          }
        }
        for (const k of ['items', 'anyOf']) {
          const child = record[k];
          if (Array.isArray(child)) for (const c of child) walk(c, where);
          else walk(child, `${where}[]`);
        }
      };
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, kind.schema), 'utf8')) as Record<string, unknown>;
      assert.equal(typeof schema['description'], 'string');
      walk(schema, '');
      assert.deepEqual(missing, []);
      assert.ok((kind.keys ?? []).length > 0);
    });
  }

  it('the committed element references match the schemas (gen:elements --check)', () => {
    assert.deepEqual(generateElementReferences(true), []);
  });

  it('the committed vocabulary of the open-world pass matches the schemas (gen:elements)', () => {
    assert.equal(fs.readFileSync(VOCABULARY_FILE, 'utf8'), renderVocabulary(), 'run npm run gen:elements');
  });
});
