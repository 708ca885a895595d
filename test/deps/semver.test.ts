/**
 * dbt's version ranges for hub packages (not npm's): one comparison per requirement, requirements
 * intersected, the newest release inside chosen, prereleases only when asked for.
 */
import { describe, expect, it } from '@jest/globals';
import {
  highestInRange,
  installableVersions,
  parseVersionSpecifier,
  rangeText,
  reduceVersions,
  versionSatisfies,
  VersionsNotCompatible,
  type VersionSpecifier,
} from '../../src/deps/semver.js';

const spec = (text: string): VersionSpecifier => {
  const parsed = parseVersionSpecifier(text);
  if (!parsed) throw new Error(`not a version: ${text}`);
  return parsed;
};
const range = (...texts: string[]) => reduceVersions(texts.map(spec));
const pick = (texts: string[], available: string[]) => highestInRange(range(...texts), available);

describe("dbt's version specifiers", () => {
  it('reads a comparison and a major.minor.patch version, with a prerelease and build', () => {
    expect(spec('>=1.2.3')).toEqual({ matcher: '>=', major: 1, minor: 2, patch: 3 });
    expect(spec('1.0.0-rc.1+build.5')).toEqual({ matcher: '=', major: 1, minor: 0, patch: 0, prerelease: 'rc.1', build: 'build.5' });
    // A prerelease may follow the patch without a hyphen, as Python packages write it.
    expect(spec('0.4.5a2')).toMatchObject({ patch: 5, prerelease: 'a2' });
  });

  it("refuses what npm accepts and dbt does not: ^, ~, x, two-part versions, spaces, leading zeros", () => {
    for (const text of ['^1.0.0', '~1.0.0', '1.x', '1.0', '>= 1.0.0', '01.0.0', '>=1.0.0,<2.0.0', '']) expect(parseVersionSpecifier(text)).toBeNull();
  });
});

describe('intersecting requirements', () => {
  it('takes the newest release inside every bound', () => {
    const available = ['0.9.0', '1.0.0', '1.2.0', '1.10.0', '2.0.0'];
    expect(pick(['>=1.0.0', '<2.0.0'], available)).toBe('1.10.0');
    expect(pick(['>1.0.0', '<=1.2.0'], available)).toBe('1.2.0');
    expect(pick(['1.0.0'], available)).toBe('1.0.0');
    expect(pick(['>=1.0.0', '<2.0.0', '<1.5.0'], available)).toBe('1.2.0');
    expect(pick(['>2.0.0'], available)).toBeNull();
  });

  it('narrows a range to an exact version inside it, and refuses one outside it', () => {
    expect(rangeText(range('>=1.0.0', '<2.0.0', '1.3.3'))).toBe('=1.3.3');
    expect(() => range('>=1.0.0', '<2.0.0', '2.0.0')).toThrow(VersionsNotCompatible);
    expect(() => range('>1.0.0', '1.0.0')).toThrow(VersionsNotCompatible);
    expect(() => range('1.0.0', '1.0.1')).toThrow(VersionsNotCompatible);
  });

  it('refuses bounds that do not overlap, and keeps the shared edge of <= and >=', () => {
    expect(() => range('>=2.0.0', '<1.0.0')).toThrow(VersionsNotCompatible);
    expect(() => range('>=1.0.0', '<1.0.0')).toThrow(VersionsNotCompatible);
    expect(pick(['>=1.0.0', '<=1.0.0'], ['0.9.0', '1.0.0', '1.1.0'])).toBe('1.0.0');
  });

  it('with no requirement, any version', () => {
    expect(rangeText(reduceVersions([]))).toBe('ANY');
  });
});

describe('prereleases', () => {
  it('are left out unless asked for, and sort below their release', () => {
    const versions = ['1.0.0', '1.1.0-rc.1', '1.1.0-rc.2', '1.1.0', '1.2.0-b1'];
    expect(installableVersions(versions, false)).toEqual(['1.0.0', '1.1.0']);
    expect(installableVersions(versions, true)).toEqual(['1.0.0', '1.1.0-rc.1', '1.1.0-rc.2', '1.1.0', '1.2.0-b1']);
  });

  it('compare numbers numerically and before words', () => {
    expect(installableVersions(['1.0.0-rc.10', '1.0.0-rc.2', '1.0.0-rc.alpha', '1.0.0-rc'], true)).toEqual(['1.0.0-rc', '1.0.0-rc.2', '1.0.0-rc.10', '1.0.0-rc.alpha']);
  });

  it('stay out of a `<X` bound for X\'s own prereleases, as dbt keeps them out', () => {
    expect(pick(['>=0.9.0', '<1.0.0'], installableVersions(['0.9.0', '1.0.0-rc1'], true))).toBe('0.9.0');
    expect(pick(['>=0.9.0', '<=1.0.0'], installableVersions(['0.9.0', '1.0.0-rc1'], true))).toBe('1.0.0-rc1');
    expect(pick(['>=1.0.0'], installableVersions(['1.0.0-rc1'], true))).toBeNull();
  });

  it('asked for exactly, is the one installed', () => {
    expect(pick(['0.4.5a2'], ['0.4.5a1', '0.4.5a2', '0.4.5'])).toBe('0.4.5a2');
  });
});

describe("require-dbt-version", () => {
  it("is checked against dbt's version", () => {
    expect(versionSatisfies(spec('1.11.0'), [spec('>=1.3.0'), spec('<2.0.0')])).toBe(true);
    expect(versionSatisfies(spec('1.11.0'), [spec('>=1.3.0'), spec('<1.10.0')])).toBe(false);
    expect(versionSatisfies(spec('1.11.0'), [])).toBe(true);
  });
});
