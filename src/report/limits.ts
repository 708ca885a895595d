/**
 * Fitting a rendered report under a size limit (GitHub: 65,536 characters for a comment, 65,535 for a
 * check run's text, 1 MiB for a job summary). A report is a list of sections, each made of whole items —
 * a table row, a `<details>` block, a list entry — so a cut can only drop items, never split one: tables
 * and `<details>` stay well formed. Sections shrink in a fixed order of importance (the "ladder"), and a
 * note says what was left out.
 */
import { formatCount } from './format.js';

export interface Section {
  /** Names the section in the ladder and in the note: "samples", "model rows". */
  name: string;
  /** Text before the items: a heading, a table's header. */
  head?: string;
  /** Whole units that are kept or cut together. */
  items: string[];
  /** Between the head and the items and between items: `\n` for table rows and list entries, `\n\n` for blocks. */
  separator?: string;
  /** Closes the section after the items (e.g. `\n\n</details>`). */
  tail?: string;
  /** The paragraph that stands for `count` cut items: "… and 480 more models". Without it cuts are silent but noted. */
  more?: (count: number) => string;
  /** Kept, with its head and `more` line, even when all its items are cut (failing tests, breaking changes). */
  required?: boolean;
  /** How the note names this section when it is left out entirely: "the lineage graph". */
  whole?: string;
}

/** Shrink `section` towards `keep` items, keeping as many as fit. */
export interface LadderStep {
  section: string;
  keep: number;
}

export interface FitOptions {
  limit: number;
  /** The size of a text in the limit's unit: string length or UTF-8 bytes. It must add up over concatenation. */
  measure: (text: string) => number;
  /** The paragraph listing what was left out (e.g. "… left out: samples, 480 of 500 model rows"). */
  note: (omitted: string[]) => string;
  /** Always last, after the note (where the full report is). */
  footer?: string;
}

export const utf16Length = (text: string): number => text.length;
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

function renderSection(section: Section, kept: number): string {
  if (section.items.length === 0 || (kept === 0 && !section.required)) return '';
  const separator = section.separator ?? '\n';
  const parts = section.head ? [section.head] : [];
  const body = [...parts, ...section.items.slice(0, kept)].join(separator);
  const cut = section.items.length - kept;
  // The "more" line is its own paragraph: right after a table it would otherwise become a table row.
  const more = cut > 0 && section.more ? `${body ? '\n\n' : ''}${section.more(cut)}` : '';
  return `${body}${more}${section.tail ?? ''}`;
}

function describeCut(section: Section, kept: number): string | null {
  const total = section.items.length;
  if (kept >= total) return null;
  if (kept === 0 && section.whole) return section.whole;
  return `${formatCount(total - kept)} of ${formatCount(total)} ${section.name}`;
}

interface Part {
  text: string;
  size: number;
}

/** The sections with how many items each keeps, measured without re-rendering what did not change. */
class Layout {
  private readonly kept: Map<string, number>;
  // A section is rendered and measured once per number of kept items: a huge report is megabytes of text.
  private readonly rendered = new Map<string, Part>();

  constructor(
    private readonly sections: Section[],
    private readonly options: FitOptions,
  ) {
    this.kept = new Map(sections.map((section) => [section.name, section.items.length]));
  }

  fits(): boolean {
    const parts = this.parts();
    // Sizes add up over concatenation: the whole is its parts plus the blank lines between them.
    const separators = this.options.measure('\n\n') * Math.max(0, parts.length - 1) + this.options.measure('\n');
    return parts.reduce((sum, part) => sum + part.size, separators) <= this.options.limit;
  }

  render(): string {
    return `${this.parts().map((part) => part.text).join('\n\n')}\n`;
  }

  /** Leaves out every item of these sections (required ones keep their head and `more` line). */
  empty(names: Iterable<string>): void {
    for (const name of names) if (this.kept.has(name)) this.kept.set(name, 0);
  }

  /**
   * Keeps as many of the section's items as fit, but no fewer than `floor`; false when even `floor` is
   * too many (the section is then left at `floor` for the next step to go on from).
   */
  shrinkToFit(name: string, floor: number): boolean {
    const current = this.kept.get(name);
    if (current === undefined) return false;
    let low = Math.min(floor, current);
    let high = current;
    this.kept.set(name, low);
    if (!this.fits()) return false;
    // The size grows with the number of kept items, so a binary search finds the most that fit.
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      this.kept.set(name, middle);
      if (this.fits()) low = middle;
      else high = middle - 1;
    }
    this.kept.set(name, low);
    return true;
  }

  private parts(): Part[] {
    const parts = this.sections.map((section) => this.sectionPart(section));
    const omitted = this.sections.map((section) => describeCut(section, this.kept.get(section.name)!)).filter((cut): cut is string => cut !== null);
    if (omitted.length) parts.push(this.measured(this.options.note(omitted)));
    if (this.options.footer) parts.push(this.measured(this.options.footer));
    return parts.filter((part) => part.text !== '');
  }

  private sectionPart(section: Section): Part {
    const count = this.kept.get(section.name)!;
    const key = `${section.name}\u0000${count}`;
    let part = this.rendered.get(key);
    if (!part) this.rendered.set(key, (part = this.measured(renderSection(section, count))));
    return part;
  }

  private measured(text: string): Part {
    return { text, size: this.options.measure(text) };
  }
}

/**
 * Joins the sections with blank lines, shrinking them step by step along `ladder` until the text fits
 * `limit`. Sections the ladder never names are always kept whole (the headline). Section names must be
 * unique: the ladder refers to sections by name.
 */
export function fitSections(sections: Section[], ladder: LadderStep[], options: FitOptions): string {
  const layout = new Layout(sections, options);
  if (!layout.fits()) {
    for (const step of ladder) if (layout.shrinkToFit(step.section, step.keep)) break;
  }
  // Still too long at the ladder's floors: every section it names goes, so that what must stay (the
  // headline, required sections such as failing tests) is what the last resort cuts from.
  if (!layout.fits()) layout.empty(ladder.map((step) => step.section));
  const text = layout.render();
  return options.measure(text) <= options.limit ? text : lastResort(text, options);
}

/**
 * Only for limits too small for even the headline and the required sections: cut at the last line break
 * that fits. The result may then lose structure, but it never exceeds the limit.
 */
function lastResort(text: string, options: FitOptions): string {
  const lines = text.split('\n');
  // The note says the text was cut (and the footer where the rest is), when there is room for it.
  const ending = [options.note(['the rest of this report']), options.footer].filter(Boolean).join('\n\n');
  const fitting = (tail: string): string => {
    let result = '';
    for (const line of lines) {
      const next = result ? `${result}\n${line}` : line;
      if (options.measure(`${next}${tail}\n`) > options.limit) break;
      result = next;
    }
    return result;
  };
  const withNote = fitting(`\n\n${ending}`);
  if (withNote) return `${withNote}\n\n${ending}\n`;
  const result = fitting('');
  if (result) return `${result}\n`;
  // Not even one line fits: cut by code points.
  let cut = '';
  for (const character of text) {
    if (options.measure(cut + character) > options.limit) break;
    cut += character;
  }
  return cut;
}
