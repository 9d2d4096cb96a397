import { getSchema } from '@tiptap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { articleTextArb, textWithRangeArb } from '@/lib/anchoring/testing/article-text-arbitrary';
import { ArticleMapping, articleToDoc } from './article-doc';
import { readerSchemaExtensions } from './reader-schema';

const schema = getSchema(readerSchemaExtensions);
const toNode = (text: string) => schema.nodeFromJSON(articleToDoc(text));

describe('articleToDoc', () => {
  it('makes one paragraph per line, keeping blank lines as empty paragraphs', () => {
    expect(articleToDoc('One.\n\nTwo  spaced\t.\n')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One.' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Two  spaced\t.' }] },
        { type: 'paragraph' },
      ],
    });
  });

  it('gives empty text one empty paragraph, which the schema requires', () => {
    expect(toNode('').childCount).toBe(1);
  });

  it('loses no character: the document text with newline separators is the article', () => {
    fc.assert(
      fc.property(articleTextArb(), (text) => {
        const doc = toNode(text);
        expect(doc.childCount).toBe(text.split('\n').length);
        expect(doc.textBetween(0, doc.content.size, '\n')).toBe(text);
      }),
    );
  });
});

describe('ArticleMapping', () => {
  it('shifts positions by one per line plus the first opening token', () => {
    const m = new ArticleMapping('ab\n\ncd');
    // doc: <p>ab</p><p></p><p>cd</p>, positions: a=1 b=2 | end p0=3 | p1 content=5 | c=7 d=8 end=9
    expect([0, 1, 2, 3, 4, 5, 6].map((o) => m.textOffsetToPos(o))).toEqual([1, 2, 3, 5, 7, 8, 9]);
    expect(m.docSize).toBe(toNode('ab\n\ncd').content.size);
  });

  it('snaps positions between paragraphs to the start of the next line', () => {
    const m = new ArticleMapping('ab\n\ncd');
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((p) => m.posToTextOffset(p))).toEqual([0, 0, 1, 2, 3, 3, 4, 4, 5, 6, 6]);
    expect(() => m.posToTextOffset(11)).toThrow(RangeError);
    expect(() => m.posToTextOffset(-1)).toThrow(RangeError);
  });

  it('counts code points, not UTF-16 units, on the text side', () => {
    const m = new ArticleMapping('😀a\n🇫🇷');
    expect(m.textOffsetToPos(1)).toBe(3);
    expect(m.posToTextOffset(2, 'start')).toBe(0);
    expect(m.posToTextOffset(2, 'end')).toBe(1);
    expect(m.textOffsetToPos(4)).toBe(8);
  });

  it('round-trips every offset and agrees with the real document size', () => {
    fc.assert(
      fc.property(articleTextArb(), (text) => {
        const m = new ArticleMapping(text);
        expect(m.docSize).toBe(toNode(text).content.size);
        let last = 0;
        for (let o = 0; o <= m.index.length; o++) {
          const pos = m.textOffsetToPos(o);
          expect(pos).toBeGreaterThanOrEqual(last);
          last = pos;
          expect(m.posToTextOffset(pos, 'start')).toBe(o);
          expect(m.posToTextOffset(pos, 'end')).toBe(o);
        }
        for (let p = 0, prev = 0; p <= m.docSize; p++) {
          const o = m.posToTextOffset(p);
          expect(o).toBeGreaterThanOrEqual(prev);
          prev = o;
        }
      }),
    );
  });

  it('maps any text range to the document range holding the same text, newlines as paragraph breaks', () => {
    fc.assert(
      fc.property(textWithRangeArb(), ({ text, start, end }) => {
        const m = new ArticleMapping(text);
        const doc = toNode(text);
        const from = m.textOffsetToPos(start);
        const to = m.textOffsetToPos(end);
        expect(doc.textBetween(from, to, '\n')).toBe(m.index.slice(start, end));
        expect([m.posToTextOffset(from, 'start'), m.posToTextOffset(to, 'end')]).toEqual([start, end]);
      }),
      { numRuns: 500 },
    );
  });

  it('maps a CRLF article after normalisation exactly like its LF form', () => {
    const m = new ArticleMapping(normalizeText('One\r\n\r\nTwo\rThree'));
    expect(m.lines.count).toBe(4);
    expect(m.textOffsetToPos(5)).toBe(m.textOffsetToPos(4) + 2);
  });
});
