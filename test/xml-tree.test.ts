/**
 * The open-world pass blanks what the vocabulary does not know (src/validate/xml-tree.ts
 * `blankSpans`) so that both engines see the same text with every line and column kept.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blankSpans } from '../src/validate/xml-tree';

describe('blankSpans', () => {
  it('replaces each span with spaces and keeps every line break, \\r included', () => {
    const text = '<a><x>one\r\ntwo\n\nthree</x><b/></a>';
    const start = text.indexOf('<x>');
    const end = text.indexOf('<b/>');
    const blanked = blankSpans(text, [[start, end]]);
    assert.equal(blanked, `<a>${' '.repeat(6)}\r\n${' '.repeat(3)}\n\n${' '.repeat(9)}<b/></a>`);
    assert.equal(blanked.length, text.length);
  });

  it('takes spans in any order, nested or overlapping, and leaves the text as it is without spans', () => {
    const text = 'abcdefghij';
    assert.equal(
      blankSpans(text, [
        [6, 8],
        [1, 4],
        [2, 3],
        [3, 5],
      ]),
      'a    f  ij',
    );
    assert.equal(blankSpans(text, []), text);
  });

  it('blanks a span of millions of characters between a few line breaks (an unknown element holding huge text)', () => {
    const text = `<a>\n<big>${'A'.repeat(2_000_000)}\n${'B'.repeat(2_000_000)}</big>\n</a>`;
    const start = text.indexOf('<big>');
    const end = text.indexOf('</big>') + '</big>'.length;
    const blanked = blankSpans(text, [[start, end]]);
    assert.equal(blanked.length, text.length);
    assert.deepEqual(
      blanked.split('\n').map((line) => line.trim()),
      ['<a>', '', '', '</a>'],
    );
  });
});
