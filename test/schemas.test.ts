import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flattenElements, readSchemaTree } from '../src/schema/xsd-model';
import { generateElementReferences } from '../src/tools/element-reference';
import { xmlDocumentKinds } from '../src/validate/catalog';

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

  it('the committed element references match the schemas (gen:elements --check)', () => {
    assert.deepEqual(generateElementReferences(true), []);
  });
});
