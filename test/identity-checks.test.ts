/**
 * No schema declares an identity constraint (libxml2's identity-constraint code holds
 * CVE-2024-56171 and CVE-2025-32415, unfixed in libxmljs2's bundled 2.9.9); the rules they stated
 * are checked by src/validate/identity-checks.ts with the same findings, in both engines.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { validateDocument, validateDocuments } from '../src/validate/validate';
import { readSchemaTexts, validateWithWasm } from '../src/validate/wasm-loader';
import { CORPUS } from './helpers/paths';

const SCHEMAS = readSchemaTexts();
const DUPLICATE = fs.readFileSync(path.join(CORPUS, 'wire', 'invalid_config', 'ext_conf_multiple_settings_for_same_handler.xml'), 'utf8');

describe('identity constraints', () => {
  it('no schema declares xs:key, xs:unique or xs:keyref', () => {
    for (const [name, text] of Object.entries(SCHEMAS)) assert.doesNotMatch(text, /<(?:\w+:)?(?:key|unique|keyref)\b/, name);
  });

  it('a duplicate PluginSettings name and version is a schema violation at the duplicate, in both engines and in batches', async () => {
    const expected = [
      {
        code: 'schema-violation',
        severity: 'error',
        line: 26,
        column: 9,
        message:
          "Element 'Plugin': Duplicate key-sequence ['OSTCExtensions.ExampleHandlerLinux', '1.0.0'] in unique identity-constraint " +
          "'UniquePluginSettings'.",
      },
    ];
    const differentVersion = DUPLICATE.replace(
      /(<Plugin name="OSTCExtensions.ExampleHandlerLinux" version=")1.0.0(">\s*<RuntimeSettings seqNo="2")/,
      '$11.0.1$2',
    );
    const spacedVersion = DUPLICATE.replace(
      /(<Plugin name="OSTCExtensions.ExampleHandlerLinux" version=")1.0.0(">\s*<RuntimeSettings seqNo="2")/,
      '$1 1.0.0 $2',
    );
    assert.deepEqual(validateDocument(DUPLICATE, 'dup.xml').diagnostics, expected);
    assert.deepEqual(validateDocument(spacedVersion, 'spaced.xml').diagnostics, expected, 'versions are xs:token: white space collapses');
    assert.deepEqual(validateDocument(differentVersion, 'ok.xml').diagnostics, []);
    const batch = validateDocuments(
      [DUPLICATE, differentVersion, DUPLICATE, spacedVersion].map((input, i) => ({ file: `${i}.xml`, input })),
    );
    assert.deepEqual(
      batch.map((r) => r.diagnostics),
      [expected, [], expected, expected],
    );
    const wasm = await validateWithWasm(
      [
        { file: 'dup.xml', input: DUPLICATE },
        { file: 'ok.xml', input: differentVersion },
      ],
      SCHEMAS,
    );
    assert.deepEqual(
      wasm.map((r) => r.diagnostics),
      [expected, []],
    );
  });
});
