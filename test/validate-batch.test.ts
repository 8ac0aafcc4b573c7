/**
 * Batch validation (several documents of one schema in one libxml2 `validate()` call) must give
 * exactly the findings of validating each document alone: same verdicts, codes, lines, columns and
 * byte-identical messages, with every error attributed to its own document and to no other.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fg from 'fast-glob';
import { checkItems, SLICE_DOCUMENTS, type WorkItem } from '../src/cli/validate-items';
import { validateBatchWithLibxml, type BatchJob } from '../src/validate/batch-engine';
import type { DocumentKind } from '../src/validate/catalog';
import { chooseSchema, decodeInput } from '../src/validate/prechecks';
import { validateWithLibxml } from '../src/validate/libxml-engine';
import { validateDocument, validateDocuments, type DocumentInput } from '../src/validate/validate';
import { CORPUS, EXAMPLES } from './helpers/paths';

const FILES = fg
  .sync(['**/*.xml', '**/*.json'], { cwd: EXAMPLES, absolute: true })
  .concat(fg.sync(['**/*.xml', '**/*.json'], { cwd: CORPUS, absolute: true }))
  .sort();
const INPUTS: DocumentInput[] = FILES.map((file) => ({ file, input: fs.readFileSync(file) }));
const NEGATIVE = INPUTS.filter((i) => i.file.endsWith('.invalid.xml'));

/** Asserts that validating `inputs` together gives, for each, what validating it alone gives. */
function assertSameAsAlone(inputs: readonly DocumentInput[]): void {
  const together = validateDocuments(inputs);
  assert.equal(together.length, inputs.length);
  for (const [i, input] of inputs.entries()) assert.deepEqual(together[i], validateDocument(input.input, input.file), input.file);
}

/** The XML documents among `inputs`, grouped by document kind, as batch jobs. */
function jobsByKind(inputs: readonly DocumentInput[]): Map<DocumentKind, BatchJob[]> {
  const groups = new Map<DocumentKind, BatchJob[]>();
  for (const { file, input } of inputs) {
    const decoded = decodeInput(input, file);
    if (!('text' in decoded) || decoded.text.trimStart().startsWith('{')) continue;
    const chosen = chooseSchema(decoded.text, file);
    if ('kind' in chosen) groups.set(chosen.kind, [...(groups.get(chosen.kind) ?? []), { file, text: decoded.text }]);
  }
  return groups;
}

const text = (input: DocumentInput): string => (typeof input.input === 'string' ? input.input : Buffer.from(input.input).toString('utf8'));

describe('batch validation', () => {
  it('gives every example and corpus document the findings it gets alone, each file twice in one run', () => {
    assert.ok(FILES.length >= 100, `only ${FILES.length} files`);
    assert.ok(NEGATIVE.length >= 3, `only ${NEGATIVE.length} negative examples`);
    assertSameAsAlone([...INPUTS, ...INPUTS]);
  });

  it('validates almost every well-formed document inside a wrapper, not alone', () => {
    let batched = 0;
    let total = 0;
    for (const [kind, jobs] of jobsByKind([...INPUTS, ...INPUTS])) {
      const outcome = validateBatchWithLibxml(jobs, kind);
      batched += outcome.batched;
      total += jobs.length;
      // The engine alone (the identity checks run after either path, in validate.ts).
      for (const [i, job] of jobs.entries()) assert.deepEqual(outcome.findings[i], validateWithLibxml(job.text, kind.schema), job.file);
    }
    assert.ok(batched >= total * 0.9, `only ${batched} of ${total} documents batched`);
  });

  it("attributes each negative example's errors to it alone, between valid documents of its schema", () => {
    const valid = INPUTS.filter(
      (i) => i.file.endsWith('.xml') && !i.file.endsWith('.invalid.xml') && validateDocument(i.input, i.file).valid,
    );
    for (const negative of NEGATIVE) {
      const root = validateDocument(negative.input, negative.file).root;
      const peers = valid.filter((v) => validateDocument(v.input, v.file).root === root);
      assertSameAsAlone([...peers, negative, ...peers.slice(0, 3), negative]);
    }
  });

  it('keeps the findings of documents broken in many ways, each between valid documents of its schema', () => {
    const perRoot = new Map<string, DocumentInput[]>();
    for (const i of INPUTS) {
      const result = validateDocument(i.input, i.file);
      if (i.file.endsWith('.xml') && result.valid && result.root)
        perRoot.set(result.root, [...(perRoot.get(result.root) ?? []), i].slice(0, 3));
    }
    const sources = Array.from(perRoot.values()).flat();
    for (const [n, source] of sources.entries()) {
      const original = text(source);
      const bare = original.replace(/^<\?xml[^>]*\?>\s*/, '');
      const root = validateDocument(source.input, source.file).root ?? '';
      // A document left open, then one that closes it: together they would be well-formed.
      const open = original.replace(new RegExp(`</${root}>\\s*$`), '');
      const closer = `<${root}/></${root}>${bare}`;
      const variants = [
        original.replace(/(<[A-Za-z][^<>]*?>)/, '$1<Bogus/>'),
        original.replace(/>(\d+)</, '>not-a-number<'),
        original.replace(/<\/([A-Za-z]+)>\s*$/, '</$1><Extra/>'),
        original.replace(/\n/g, '\r\n'),
        original.replace(/\n/g, '\r'),
        `\ufeff<!-- leading comment -->\n<?pi data?>\n${original.replace(/^<\?xml[^>]*\?>\s*/, '')}\n<!-- trailing -->\n`,
        original.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="ISO-8859-1"?>'),
        original.replace(/(<[A-Za-z][^<>]*?>)/, '$1<Open>'),
        `${original}&#32;`,
        `${original}<![CDATA[ ]]>`,
        `${original}\n<?pi after the root?>\n`,
        `${original}\n<!-- a comment after the root -->\n`,
        `${original}text after the root`,
        `<!-- a -- b -->\n${bare}`,
        `\u00a0${bare}`,
        `<!-- first -->\n<?xml version="1.0"?>\n${bare}`,
        `<?wireserver-spec-batch 0?>\n${bare}`,
        original.replace(/(<[A-Za-z][^<>]*?>)/, '$1<undeclared:Bogus/>'),
        open,
        closer,
      ];
      for (const [k, variant] of variants.entries()) {
        assertSameAsAlone([source, source, { file: `broken-${n}-${k}.xml`, input: variant }, source, source]);
      }
      assertSameAsAlone([
        source,
        source,
        { file: `open-${n}.xml`, input: open },
        { file: `closer-${n}.xml`, input: closer },
        source,
        source,
      ]);
    }
  });

  it("splits runs beyond libxml2's 16-bit line numbers into several wrappers, lines staying exact", () => {
    const goalState = INPUTS.find((i) => i.file.endsWith(path.join('GoalState', 'vm-with-extensions.xml')));
    assert.ok(goalState);
    const padded = text(goalState).replace(/(<GoalState[^>]*>)/, `$1${'\n'.repeat(3000)}`);
    const inputs = Array.from({ length: 40 }, (_, i) => ({
      file: `padded-${i}.xml`,
      input: i % 13 === 12 ? padded.replace('<Incarnation>1<', '<Incarnation>x<') : padded,
    }));
    assertSameAsAlone(inputs);
    const [kind, jobs] = Array.from(jobsByKind(inputs))[0] ?? [];
    assert.ok(kind && jobs);
    assert.equal(validateBatchWithLibxml(jobs, kind).batched, inputs.length);
  });

  it('refuses DOCTYPE and sends JSON and unknown documents the usual way inside a batch run', () => {
    const goalState = INPUTS.find((i) => i.file.endsWith(path.join('GoalState', 'vm-with-extensions.xml')));
    assert.ok(goalState);
    assertSameAsAlone([
      goalState,
      {
        file: 'doctype.xml',
        input: `<!DOCTYPE GoalState [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${text(goalState).replace(/^<\?xml[^>]*\?>/, '')}`,
      },
      { file: 'unknown.xml', input: '<Foo xmlns="urn:x"/>' },
      { file: 'empty.xml', input: '' },
      { file: 'garbage.xml', input: Uint8Array.from([0x3c, 0x47, 0x00, 0x01]) },
      goalState,
    ]);
  });
});

describe('checkItems in slices', () => {
  it(`checks more than ${SLICE_DOCUMENTS} documents slice by slice, each as alone, in order, with progress to the end`, () => {
    const items: WorkItem[] = [];
    for (let i = 0; items.length < 2 * SLICE_DOCUMENTS + 100; i += 1) {
      const file = FILES[i % FILES.length] as string;
      items.push({ file, bundle: path.dirname(file) });
      if (i % 700 === 0) items.push({ file: path.join(EXAMPLES, 'no-such-file.xml'), bundle: EXAMPLES });
    }
    const stderr: string[] = [];
    const seen: [number, number][] = [];
    const outcome = checkItems(
      items,
      { redact: false, force: false },
      {
        stderr: (line) => stderr.push(line),
        progress: (done, total) => seen.push([done, total]),
        checkedDirs: new Set(),
      },
    );
    const readable = items.filter((item) => !item.file.endsWith('no-such-file.xml'));
    assert.equal(outcome.ioError, true);
    assert.equal(stderr.length, items.length - readable.length);
    assert.equal(outcome.checked.length, readable.length);
    const alone = new Map<string, unknown>();
    for (const [i, item] of readable.entries()) {
      if (!alone.has(item.file))
        alone.set(
          item.file,
          checkItems([item], { redact: false, force: false }, { stderr: () => undefined, checkedDirs: new Set() }).checked[0],
        );
      assert.deepEqual(outcome.checked[i], alone.get(item.file), item.file);
    }
    assert.deepEqual(seen[0], [0, items.length]);
    assert.deepEqual(seen[seen.length - 1], [items.length, items.length]);
    assert.ok(
      seen.every(([done], k) => k === 0 || done >= (seen[k - 1]?.[0] ?? 0)),
      'progress never goes back',
    );
  });
});
