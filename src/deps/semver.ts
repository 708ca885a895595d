/**
 * dbt's version ranges for hub packages, which are not npm's: a requirement is one comparison
 * (`1.2.3`, `=1.2.3`, `>=1.0.0`, `<2.0.0`, `>1.0.0`, `<=1.9.9`) — no `^`, `~`, `x` or spaces — and a
 * package's requirements from the whole tree are intersected into one range. Prereleases
 * (`1.0.0-rc1`, also `1.0.0rc1`) sort before their release, and a `<X.Y.Z` bound keeps out X.Y.Z's own
 * prereleases. Two bounds that cannot both hold are an error, as in dbt (dbt-common's semver module).
 */

export type Matcher = '>' | '>=' | '<' | '<=' | '=';

export interface VersionSpecifier {
  matcher: Matcher;
  major: number;
  minor: number;
  patch: number;
  prerelease?: string;
  build?: string;
}

/** A range: an unbounded side is null. An exact version is a range whose both sides are that version. */
export interface VersionRange {
  start: VersionSpecifier | null;
  end: VersionSpecifier | null;
}

export class VersionsNotCompatible extends Error {}

const NUMBER = '(0|[1-9]\\d*)';
const PRERELEASE_PART = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)';
const BUILD_PART = '[0-9A-Za-z-]*';
const VERSION_PATTERN = new RegExp(
  `^(>=|>|<=|<|=)?${NUMBER}\\.${NUMBER}\\.${NUMBER}` +
    `(?:-?(${PRERELEASE_PART}(?:\\.${PRERELEASE_PART})*))?` +
    `(?:\\+(${BUILD_PART}(?:\\.${BUILD_PART})*))?$`,
);

/** Reads `>=1.0.0`, `1.2.3-rc.1+build`; null when the text is not one of dbt's version specifiers. */
export function parseVersionSpecifier(text: string): VersionSpecifier | null {
  const match = VERSION_PATTERN.exec(text);
  if (!match) return null;
  return {
    matcher: (match[1] as Matcher | undefined) ?? '=',
    major: Number(match[2]),
    minor: Number(match[3]),
    patch: Number(match[4]),
    ...(match[5] ? { prerelease: match[5] } : {}),
    ...(match[6] ? { build: match[6] } : {}),
  };
}

export function versionText(spec: VersionSpecifier, withMatcher = true): string {
  return `${withMatcher ? spec.matcher : ''}${spec.major}.${spec.minor}.${spec.patch}${spec.prerelease ? `-${spec.prerelease}` : ''}${spec.build ? `+${spec.build}` : ''}`;
}

export function rangeText(range: VersionRange): string {
  if (!range.start && !range.end) return 'ANY';
  if (range.start && range.end && range.start === range.end) return versionText(range.start);
  return [range.start, range.end].filter((side): side is VersionSpecifier => side !== null).map((side) => versionText(side)).join(', ');
}

const isLower = (spec: VersionSpecifier) => spec.matcher === '>' || spec.matcher === '>=';
const isUpper = (spec: VersionSpecifier) => spec.matcher === '<' || spec.matcher === '<=';
const isExact = (spec: VersionSpecifier) => spec.matcher === '=';

/** Prerelease tags compared part by part: numbers numerically and before words; then the longer text is greater. */
function comparePrerelease(a: string, b: string): number {
  const parts = (text: string) => text.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'number') return -1;
    else if (typeof y === 'number') return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

/**
 * Orders two specifiers as dbt does: by number, then prerelease (a release is above its prereleases,
 * except that a `<X` bound counts as below X's prereleases, so that it keeps them out), then, for the
 * same version, by how the bounds' matchers sit (`<X` below `<=X`, `>=X` below `>X`, an upper bound below
 * a lower one).
 */
export function compareSpecifiers(a: VersionSpecifier, b: VersionSpecifier): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.prerelease !== undefined || b.prerelease !== undefined) {
    if (a.prerelease === undefined) return a.matcher === '<' ? -1 : 1;
    if (b.prerelease === undefined) return -1;
    const byTag = comparePrerelease(a.prerelease, b.prerelease);
    if (byTag !== 0) return byTag;
  }
  if ((a.matcher === '>=' && b.matcher === '<=') || (a.matcher === '<=' && b.matcher === '>=')) return 0;
  if ((a.matcher === '<' && b.matcher === '<=') || (b.matcher === '>' && a.matcher === '>=') || (isUpper(a) && isLower(b))) return -1;
  if ((b.matcher === '<' && a.matcher === '<=') || (a.matcher === '>' && b.matcher === '>=') || (isLower(a) && isUpper(b))) return 1;
  return 0;
}

function toRange(spec: VersionSpecifier): VersionRange {
  if (isExact(spec)) return { start: spec, end: spec };
  return isLower(spec) ? { start: spec, end: null } : { start: null, end: spec };
}

function exactWithinLower(lower: VersionSpecifier, exact: VersionSpecifier): VersionSpecifier {
  const order = compareSpecifiers(lower, exact);
  if (order < 0 || (order === 0 && lower.matcher === '>=')) return exact;
  throw new VersionsNotCompatible();
}

function exactWithinUpper(upper: VersionSpecifier, exact: VersionSpecifier): VersionSpecifier {
  const order = compareSpecifiers(upper, exact);
  if (order > 0 || (order === 0 && upper.matcher === '<=')) return exact;
  throw new VersionsNotCompatible();
}

/** The tighter of two lower sides (an exact version must sit on or above the other bound). */
function tighterStart(a: VersionSpecifier | null, b: VersionSpecifier | null): VersionSpecifier | null {
  if (!b) return a;
  if (!a) return b;
  if (!isExact(a) && !isExact(b)) return compareSpecifiers(a, b) < 0 ? b : a;
  return isExact(a) ? exactWithinLower(b, a) : exactWithinLower(a, b);
}

function tighterEnd(a: VersionSpecifier | null, b: VersionSpecifier | null): VersionSpecifier | null {
  if (!b) return a;
  if (!a) return b;
  if (!isExact(a) && !isExact(b)) return compareSpecifiers(a, b) > 0 ? b : a;
  return isExact(a) ? exactWithinUpper(b, a) : exactWithinUpper(a, b);
}

function intersect(range: VersionRange, other: VersionRange): VersionRange {
  if (range.start && other.start && isExact(range.start) && isExact(other.start)) {
    if (compareSpecifiers(range.start, other.start) !== 0) throw new VersionsNotCompatible();
    return { start: range.start, end: range.start };
  }
  const start = tighterStart(range.start, other.start);
  const end = tighterEnd(range.end, other.end);
  if (start && end && compareSpecifiers(start, end) > 0) throw new VersionsNotCompatible();
  return { start, end };
}

/**
 * One range that satisfies every specifier, or VersionsNotCompatible. dbt starts from the last
 * specifier and intersects the others in order; the order matters only in corner cases of prereleases,
 * so it is kept.
 */
export function reduceVersions(specs: VersionSpecifier[]): VersionRange {
  if (specs.length === 0) return { start: null, end: null };
  let range = toRange(specs[specs.length - 1]);
  for (const spec of specs.slice(0, -1)) range = intersect(range, toRange(spec));
  return range;
}

function inRange(version: VersionSpecifier, range: VersionRange): boolean {
  const specs = [version, range.start, range.end].filter((spec): spec is VersionSpecifier => spec !== null);
  if (specs.length === 1) return true;
  try {
    reduceVersions(specs);
    return true;
  } catch (error) {
    if (error instanceof VersionsNotCompatible) return false;
    throw error;
  }
}

/** Does `version` (e.g. dbt's own) satisfy every specifier? */
export function versionSatisfies(version: VersionSpecifier, specs: VersionSpecifier[]): boolean {
  if (specs.length === 0) return true;
  try {
    reduceVersions([version, ...specs]);
    return true;
  } catch (error) {
    if (error instanceof VersionsNotCompatible) return false;
    throw error;
  }
}

/** Releases (and prereleases when asked for) in ascending order, as written; unreadable ones are left out. */
export function installableVersions(versions: string[], includePrereleases: boolean): string[] {
  const parsed = versions
    .map((text) => ({ text, spec: parseVersionSpecifier(text) }))
    .filter((entry): entry is { text: string; spec: VersionSpecifier } => entry.spec !== null && entry.spec.matcher === '=')
    .filter((entry) => includePrereleases || !entry.spec.prerelease);
  return parsed.sort((a, b) => compareSpecifiers(a.spec, b.spec)).map((entry) => entry.text);
}

/** The greatest of `available` within `range`, or null. */
export function highestInRange(range: VersionRange, available: string[]): string | null {
  let best: { text: string; spec: VersionSpecifier } | null = null;
  for (const text of available) {
    const spec = parseVersionSpecifier(text);
    if (!spec || !isExact(spec) || !inRange(spec, range)) continue;
    if (!best || compareSpecifiers(best.spec, spec) < 0) best = { text, spec };
  }
  return best?.text ?? null;
}
