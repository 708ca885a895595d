import { describe, expect, it } from '@jest/globals';
import { fitSections, utf16Length, utf8Bytes, type Section } from '../../src/report/limits.js';
import { COMMENT_MARKER, renderCheckRunText, renderComment } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { hugeReport } from './fixtures.js';
import { excerpt, structureProblems } from './structure.js';

/** `toContain` or `toMatch` that prints a page of the text when it fails, not 64 KB of it. */
function expectIn(text: string, piece: string | RegExp): void {
  if (typeof piece === 'string') expect(excerpt(text, piece)).toBe(piece);
  else expect(excerpt(text, piece)).toMatch(piece);
}

describe('fitting sections under a limit', () => {
  const row = (index: number): string => `| ${`row ${index}`.padEnd(30)} |`;
  const sections = (): Section[] => [
    { name: 'headline', items: ['**headline**'] },
    { name: 'rows', head: '| a |\n|---|', items: [1, 2, 3, 4].map(row), more: (count) => `… and ${count} more rows` },
    { name: 'samples', whole: 'the samples', items: ['<details>\n\nx\n\n</details>', '<details>\n\ny\n\n</details>'], separator: '\n\n' },
  ];
  const note = (omitted: string[]): string => `left out: ${omitted.join(', ')}`;

  it('keeps everything when it fits', () => {
    const text = fitSections(sections(), [{ section: 'samples', keep: 0 }], { limit: 1_000, measure: utf16Length, note });
    expect(text).toBe(`**headline**\n\n| a |\n|---|\n${[1, 2, 3, 4].map(row).join('\n')}\n\n<details>\n\nx\n\n</details>\n\n<details>\n\ny\n\n</details>\n`);
  });

  it('cuts whole items along the ladder, says what was left out, and puts "more" after the table', () => {
    const ladder = [
      { section: 'samples', keep: 0 },
      { section: 'rows', keep: 0 },
    ];
    const text = fitSections(sections(), ladder, { limit: 160, measure: utf16Length, note });
    expect(text).toBe(`**headline**\n\n| a |\n|---|\n${row(1)}\n${row(2)}\n\n… and 2 more rows\n\nleft out: 2 of 4 rows, the samples\n`);
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it('keeps a section the ladder never names, and falls back to whole lines when even that is too long', () => {
    const text = fitSections(sections(), [], { limit: 16, measure: utf16Length, note });
    expect(text).toBe('**headline**\n\n');
  });

  it('keeps a required section over what the ladder could not shrink enough, and says what was left out', () => {
    const failing: Section = { name: 'failures', head: '### 2 tests failed', items: ['- test a', '- test b'], required: true, more: (count) => `… and ${count} more` };
    const big: Section = { name: 'samples', whole: 'the samples', items: ['x'.repeat(80), 'y'.repeat(80)], separator: '\n\n' };
    // The ladder may shrink the samples to one at the least: at this limit even one does not fit.
    const text = fitSections([{ name: 'headline', items: ['**headline**'] }, big, failing], [{ section: 'samples', keep: 1 }], { limit: 120, measure: utf16Length, note, footer: 'see the job summary' });
    expect(text).toBe('**headline**\n\n### 2 tests failed\n- test a\n- test b\n\nleft out: the samples\n\nsee the job summary\n');
  });

  it('ends even a last-resort cut with the note and the footer when they fit', () => {
    const long: Section = { name: 'lines', items: Array.from({ length: 20 }, (_, index) => `line ${index}`) };
    const text = fitSections([long], [], { limit: 80, measure: utf16Length, note, footer: 'see the job summary' });
    expect(text.length).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^line 0\nline 1\n[\s\S]*\n\nleft out: the rest of this report\n\nsee the job summary\n$/);
  });

  it('measures in UTF-8 bytes when asked', () => {
    const wide: Section[] = [{ name: 'wide', items: ['ä'.repeat(10), 'ö'.repeat(10)], separator: '\n' }];
    // Both items are 22 characters but 42 bytes: in 30 bytes only the first fits.
    const text = fitSections(wide, [{ section: 'wide', keep: 0 }], { limit: 30, measure: utf8Bytes, note: () => 'cut' });
    expect(text).toBe(`${'ä'.repeat(10)}\n\ncut\n`);
  });
});

describe('the structure check used below', () => {
  it('catches a cut table, a text glued under a table, and an open <details>', () => {
    expect(structureProblems('| a | b |\n|---|---|\n| 1 | 2 |\n\n</details>\n')).toEqual(['line 5: </details> without <details>']);
    expect(structureProblems('| a | b |\n|---|---|\n| 1 |\n')).toEqual(['line 3: 1 cells, the header has 2: | 1 |']);
    expect(structureProblems('| a |\n|---|\n| 1 |\n… and 3 more\n')).toEqual(['line 4: text right under a table: … and 3 more']);
    expect(structureProblems('<details><summary>x</summary>\n\n| a |\n')).toEqual(['line 3: table header without its separator line', '1 <details> not closed']);
    expect(structureProblems('```mermaid\ngraph LR\n')).toEqual(['a code fence is not closed']);
  });
});

describe('a pull request of 500 changed models', () => {
  const report = hugeReport(500);
  const options = { summaryUrl: 'https://github.com/acme/airline/actions/runs/7', reportPath: 'target/sluice/report.json' };
  const comment = renderComment(report, options);

  it('fits the comment under 65,536 characters', () => {
    expect(comment.length).toBeLessThanOrEqual(65_536);
    // And the cut does not throw away far more than it needs to.
    expect(comment.length).toBeGreaterThan(50_000);
  });

  it('keeps the headline, the breaking changes and the failing tests', () => {
    expect(comment.startsWith(`${COMMENT_MARKER}\n## 🚦 Sluice · [PR #42]`)).toBe(true);
    expectIn(comment, '**167 models changed · 333 impacted · 1 read from production · 997 tests passed, 5 failed (1,002 data tests on 501 models) · 300 lint findings · data changed in 500 models**');
    expectIn(comment, '⚠️ **2 breaking changes**');
    expectIn(comment, '- `mart_customer_lifetime_value_by_region_segment_and_booking_channel_0003.amount` retyped (INTEGER → DOUBLE)');
    expectIn(comment, '### ❌ 5 tests failed');
    for (let index = 0; index < 5; index += 1) expectIn(comment, `**${3 + index} failing rows**`);
  });

  it('drops samples first, then model rows beyond the first ones, and says what was left out and where it is', () => {
    expect(comment.includes('<details><summary><b>mart_')).toBe(false);
    expectIn(comment, /\n\n… and \d{3} more models in the \[job summary\]\(https:\/\/github\.com\/acme\/airline\/actions\/runs\/7\) and `target\/sluice\/report\.json`\.\n/);
    expectIn(comment, /> ✂️ \*\*Shortened to stay under GitHub's 65,536-character limit\*\*, left out: \d{3} of 500 model rows, the samples, the lint findings\./);
    const rows = comment.split('\n').filter((line) => line.startsWith('| `mart_'));
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it('never splits a table or a <details> block', () => {
    expect(structureProblems(comment)).toEqual([]);
  });

  it('fits a check run text under 65,535 characters and any smaller limit', () => {
    const text = renderCheckRunText(report, 65_535, options);
    expect(text.length).toBeLessThanOrEqual(65_535);
    expect(text.includes(COMMENT_MARKER)).toBe(false);
    const small = renderComment(report, { ...options, maxLength: 4_000 });
    expect(small.length).toBeLessThanOrEqual(4_000);
    expectIn(small, '⚠️ **2 breaking changes**');
    expectIn(small, '### ❌ 5 tests failed');
    expectIn(small, 'the lineage graph');
    expect(structureProblems(small)).toEqual([]);
  });

  it('shortens failing tests too when there are thousands of them, keeping the headline', () => {
    const failing = hugeReport(500, { failingTests: 500 });
    const text = renderComment(failing);
    expect(text.length).toBeLessThanOrEqual(65_536);
    expectIn(text, '### ❌ 500 tests failed');
    expectIn(text, /\n\n… and \d+ more failures in the job summary and `report\.json`\.\n/);
    expectIn(text, /left out: .*\d+ of 500 failures/);
    expect(structureProblems(text)).toEqual([]);
  });

  it('fits the job summary under 1 MiB, keeping the headline, breaking changes and failures', () => {
    const summary = renderSummary(report);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(1_048_576);
    expectIn(summary, '⚠️ **2 breaking changes**');
    expectIn(summary, '### ❌ 5 tests failed');
    expectIn(summary, /Shortened to stay under the job summary's 1 MiB limit\*\*, left out: \d+ of 500 model details, the samples/);
    expect(structureProblems(summary)).toEqual([]);
  });

  it('measures the job summary in UTF-8 bytes, so multi-byte samples neither overflow nor get cut too early', () => {
    const summary = renderSummary(hugeReport(100));
    const bytes = Buffer.byteLength(summary, 'utf8');
    expect(bytes).toBeLessThanOrEqual(1_048_576);
    expect(bytes).toBeGreaterThan(1_000_000);
    // Counted in characters the same text looks far smaller: a character count would have overflowed.
    expect(summary.length).toBeLessThan(850_000);
    expectIn(summary, 'Zürich ✈️ 東京');
    expectIn(summary, /left out: \d+ of 100 sample tables\./);
    expect(structureProblems(summary)).toEqual([]);
  });

  it('renders the same text every time', () => {
    expect(renderComment(hugeReport(500), options)).toBe(comment);
    expect(renderSummary(hugeReport(500))).toBe(renderSummary(report));
  });
});
