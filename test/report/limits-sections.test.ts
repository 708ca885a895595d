/**
 * fitSections on small, hand-made sections: exactly what is kept, what the note says, and where the
 * boundaries are (a text exactly at the limit fits; one character more does not).
 */
import { describe, expect, it } from '@jest/globals';
import { fitSections, utf16Length, utf8Bytes, type FitOptions, type Section } from '../../src/report/limits.js';

const note = (omitted: string[]): string => `left out: ${omitted.join(', ')}`;
const options = (limit: number, extra: Partial<FitOptions> = {}): FitOptions => ({ limit, measure: utf16Length, note, ...extra });
const headline: Section = { name: 'headline', items: ['# H'] };

describe('how a section renders', () => {
  it('joins the head and items with newlines by default, then the tail', () => {
    const list: Section = { name: 'list', head: 'Head:', items: ['- a', '- b'], tail: '\nend' };
    expect(fitSections([list], [], options(1_000))).toBe('Head:\n- a\n- b\nend\n');
  });

  it('joins with the given separator, and without a head starts with the first item', () => {
    const blocks: Section = { name: 'blocks', items: ['a', 'b'], separator: '\n\n' };
    expect(fitSections([blocks], [], options(1_000))).toBe('a\n\nb\n');
  });

  it('leaves out a section without items, with no blank lines for it, even a required one', () => {
    const none: Section = { name: 'none', head: 'Nothing here', items: [], required: true, more: (count) => `${count} more` };
    expect(fitSections([headline, none, { name: 'last', items: ['z'] }], [], options(1_000))).toBe('# H\n\nz\n');
  });

  it('keeps a required section with no items left as its head and its "more" line', () => {
    const failing: Section = { name: 'failing', head: '### 3 failed', items: ['- aaaaaaaaaaaaaaaaaaaa', '- bbbbbbbbbbbbbbbbbbbb', '- cccccccccccccccccccc'], required: true, more: (count) => `… and ${count} more` };
    const text = fitSections([headline, failing], [{ section: 'failing', keep: 0 }], options(60));
    expect(text).toBe('# H\n\n### 3 failed\n\n… and 3 more\n\nleft out: 3 of 3 failing\n');
  });

  it('puts the "more" line alone when there is neither head nor kept item, and adds it only when items were cut', () => {
    const rows: Section = { name: 'rows', items: ['r'.repeat(30), 's'.repeat(30)], required: true, more: (count) => `${count} more rows` };
    expect(fitSections([rows], [{ section: 'rows', keep: 0 }], options(40))).toBe('2 more rows\n\nleft out: 2 of 2 rows\n');
    expect(fitSections([rows], [{ section: 'rows', keep: 0 }], options(1_000))).toBe(`${'r'.repeat(30)}\n${'s'.repeat(30)}\n`);
  });

  it('leaves out a section that is not required, head and "more" line too, when all its items are cut', () => {
    const table: Section = { name: 'rows', head: '| a |\n|---|', items: ['| 1 |', '| 2 |'], more: (count) => `… and ${count} more rows`, whole: 'the table' };
    expect(fitSections([headline, table], [{ section: 'rows', keep: 0 }], options(25))).toBe('# H\n\nleft out: the table\n');
  });

  it('cuts silently (but notes it) when the section has no "more" line', () => {
    const rows: Section = { name: 'rows', items: ['r'.repeat(30), 's'.repeat(30)] };
    expect(fitSections([rows], [{ section: 'rows', keep: 0 }], options(60))).toBe(`${'r'.repeat(30)}\n\nleft out: 1 of 2 rows\n`);
  });
});

describe('what the note says', () => {
  it('names a section left out entirely by its whole name, and counts the rest with thousands separators', () => {
    const many: Section = { name: 'rows', items: Array.from({ length: 1_200 }, () => 'x') };
    const samples: Section = { name: 'samples', whole: 'the samples', items: ['s'.repeat(50)] };
    const text = fitSections([headline, many, samples], [{ section: 'samples', keep: 0 }, { section: 'rows', keep: 10 }], options(100));
    expect(text).toMatch(/\n\nleft out: 1,1\d\d of 1,200 rows, the samples\n$/);
    expect(text.length).toBeLessThanOrEqual(100);
  });

  it('counts a partly kept section with a whole name by its items', () => {
    const samples: Section = { name: 'samples', whole: 'the samples', items: ['a'.repeat(20), 'b'.repeat(20), 'c'.repeat(20)] };
    expect(fitSections([samples], [{ section: 'samples', keep: 0 }], options(60))).toBe(`${'a'.repeat(20)}\n\nleft out: 2 of 3 samples\n`);
  });

  it('puts the footer last, with or without a note', () => {
    expect(fitSections([headline], [], options(1_000, { footer: 'Full report: x' }))).toBe('# H\n\nFull report: x\n');
    const rows: Section = { name: 'rows', items: ['r'.repeat(30), 's'.repeat(30)] };
    expect(fitSections([rows], [{ section: 'rows', keep: 0 }], options(60, { footer: 'F' }))).toBe(`${'r'.repeat(30)}\n\nleft out: 1 of 2 rows\n\nF\n`);
  });
});

describe('the limit', () => {
  const rows: Section = { name: 'rows', items: ['aaaa', 'bbbb', 'cccc'] };

  it('keeps a text exactly at the limit, and cuts one character over it', () => {
    // 'aaaa\nbbbb\ncccc\n' is 15 characters.
    expect(fitSections([rows], [{ section: 'rows', keep: 0 }], options(15))).toBe('aaaa\nbbbb\ncccc\n');
    expect(fitSections([rows], [{ section: 'rows', keep: 0 }], options(14, { note: () => 'cut' }))).toBe('aaaa\n\ncut\n');
  });

  it('counts the blank lines between sections and the final newline', () => {
    const two: Section[] = [{ name: 'a', items: ['aaaa'] }, { name: 'b', items: ['bbbb'] }];
    // 'aaaa\n\nbbbb\n' is 11 characters.
    expect(fitSections(two, [{ section: 'b', keep: 0 }], options(11, { note: () => 'n' }))).toBe('aaaa\n\nbbbb\n');
    expect(fitSections(two, [{ section: 'b', keep: 0 }], options(10, { note: () => 'n' }))).toBe('aaaa\n\nn\n');
  });

  it('counts separators in the measure given (UTF-8 bytes of a multi-byte separator)', () => {
    const blocks: Section = { name: 'blocks', items: ['a', 'b'], separator: '§' };
    // 'a§b\n' is 4 characters but 5 bytes.
    expect(fitSections([blocks], [{ section: 'blocks', keep: 0 }], options(5, { measure: utf8Bytes, note: () => 'n' }))).toBe('a§b\n');
    expect(fitSections([blocks], [{ section: 'blocks', keep: 0 }], options(4, { measure: utf8Bytes, note: () => 'n' }))).toBe('n\n');
  });
});

describe('the ladder', () => {
  const rows = (): Section => ({ name: 'rows', items: Array.from({ length: 10 }, (_, index) => `row ${index}`) });
  const samples = (): Section => ({ name: 'samples', whole: 'the samples', items: ['s'.repeat(40)] });

  it('stops at the first step that makes the text fit', () => {
    const text = fitSections([rows(), samples()], [{ section: 'samples', keep: 0 }, { section: 'rows', keep: 0 }], options(85));
    expect(text).toBe(`${rows().items.join('\n')}\n\nleft out: the samples\n`);
  });

  it('keeps as many items as fit, not just the floor', () => {
    const text = fitSections([rows()], [{ section: 'rows', keep: 2 }], options(50));
    expect(text).toBe('row 0\nrow 1\nrow 2\nrow 3\n\nleft out: 6 of 10 rows\n');
    expect(text.length).toBeLessThanOrEqual(50);
    // One more row would not have fitted.
    expect(text.length + 'row 4\n'.length).toBeGreaterThan(50);
  });

  it('keeps at least the floor when the floor is what fits', () => {
    const text = fitSections([rows()], [{ section: 'rows', keep: 3 }], options(45));
    expect(text).toBe('row 0\nrow 1\nrow 2\n\nleft out: 7 of 10 rows\n');
  });

  it('goes on to the next step when a step names no section or cannot fit at its floor', () => {
    const text = fitSections([rows(), samples()], [{ section: 'nothing', keep: 0 }, { section: 'rows', keep: 9 }, { section: 'samples', keep: 0 }], options(95));
    expect(text).toBe(`${rows().items.slice(0, 9).join('\n')}\n\nleft out: 1 of 10 rows, the samples\n`);
  });

  it('a floor above the number of items keeps them all', () => {
    const text = fitSections([rows(), samples()], [{ section: 'rows', keep: 20 }, { section: 'samples', keep: 0 }], options(90));
    expect(text).toBe(`${rows().items.join('\n')}\n\nleft out: the samples\n`);
  });

  it("empties every section the ladder names when its floors do not fit, and keeps the others", () => {
    const text = fitSections([headline, rows(), samples()], [{ section: 'rows', keep: 8 }, { section: 'samples', keep: 1 }], options(50));
    expect(text).toBe('# H\n\nleft out: 10 of 10 rows, the samples\n');
  });
});

describe('the last resort', () => {
  const lines: Section = { name: 'lines', items: Array.from({ length: 10 }, (_, index) => `line ${index}`) };

  it('cuts at a line break and ends with the note and footer when they fit', () => {
    const text = fitSections([lines], [], options(70, { footer: 'F' }));
    expect(text).toBe('line 0\nline 1\nline 2\nline 3\n\nleft out: the rest of this report\n\nF\n');
  });

  it('ends with the note alone when there is no footer', () => {
    expect(fitSections([lines], [], options(60))).toBe('line 0\nline 1\nline 2\n\nleft out: the rest of this report\n');
  });

  it('keeps whole lines without the note when the note does not fit', () => {
    expect(fitSections([lines], [], options(20))).toBe('line 0\nline 1\n');
    expect(fitSections([lines], [], options(21))).toBe('line 0\nline 1\nline 2\n');
  });

  it('cuts by code points when not even one line fits, never splitting a character', () => {
    const wide: Section = { name: 'wide', items: ['😀😀😀😀 and more'] };
    expect(fitSections([wide], [], options(5))).toBe('😀😀');
    expect(fitSections([wide], [], options(9, { measure: utf8Bytes }))).toBe('😀😀');
    expect(fitSections([wide], [], options(8, { measure: utf8Bytes }))).toBe('😀😀');
  });
});
