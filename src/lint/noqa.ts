/**
 * `-- noqa` comments: on a line, `-- noqa` silences every rule there and `-- noqa: AM04, CP01` the rules
 * named (as SQLFluff reads them).
 */
const NOQA = /--\s*noqa\b(?:\s*:\s*([A-Za-z0-9_,\s]+))?/i;

/** Per line: null = every rule silenced, or the codes silenced. */
export type SilencedLines = Map<number, Set<string> | null>;

export function noqaLines(source: string): SilencedLines {
  const silenced: SilencedLines = new Map();
  if (!source.includes('noqa')) return silenced;
  source.split('\n').forEach((text, index) => {
    const match = NOQA.exec(text);
    if (!match) return;
    silenced.set(index + 1, match[1] ? new Set(match[1].split(/[\s,]+/).filter(Boolean).map((code) => code.toUpperCase())) : null);
  });
  return silenced;
}

export function isSilenced(silenced: SilencedLines, line: number, rule: string): boolean {
  if (!silenced.has(line)) return false;
  const codes = silenced.get(line);
  return codes === null || codes!.has(rule);
}

export function isSilencedIn(source: string, line: number, rule: string): boolean {
  return isSilenced(noqaLines(source), line, rule);
}
