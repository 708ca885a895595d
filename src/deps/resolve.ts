/**
 * From what packages.yml asks for to one pinned version of every package in the tree, as dbt resolves
 * it: the listed packages are resolved, each one's own list is read, and its entries join the tree round
 * after round. Entries for the same package merge — a hub package's version requirements from everywhere
 * are intersected, a git package's revisions must agree — and a hub package gets the newest release
 * inside the intersection (prereleases only when asked for). At the end no two packages may share a
 * project name, nor take the root project's.
 */
import { resolve } from 'node:path';
import { homedir } from 'node:os';
import { DBT_VERSION } from '../dbt-version.js';
import { SluiceError, didYouMean } from '../errors.js';
import type { PackageHub } from './hub-client.js';
import type { PackageSpec, SpecEntry, SpecOrigin } from './package-spec.js';
import type { FetchedPackage, PackageSource } from './package-source.js';
import { describePinned, pinnedIdentity, type PinnedPackage } from './pinned-package.js';
import {
  highestInRange,
  installableVersions,
  parseVersionSpecifier,
  rangeText,
  reduceVersions,
  versionSatisfies,
  VersionsNotCompatible,
  type VersionSpecifier,
} from './semver.js';

/** A tree deeper than this is taken for a loop in what packages list. */
const MAX_ROUNDS = 100;

export interface ResolveContext {
  /** The root project (absolute). */
  root: string;
  rootName: string;
  hub: PackageHub;
  source: PackageSource;
  /** Leave out hub versions whose require-dbt-version excludes Sluice's dbt version (dbt's default). */
  versionCheck: boolean;
  warn: (line: string) => void;
}

interface Requirement {
  text: string;
  spec: VersionSpecifier;
  origin: SpecOrigin;
}

/** A package as asked for, merged across every entry that asks for it. */
type Wanted =
  | { kind: 'hub'; package: string; requirements: Requirement[]; installPrerelease: boolean; origin: SpecOrigin }
  | { kind: 'git'; git: string; gitUnrendered: string; subdirectory?: string; revisions: Array<{ revision: string; origin: SpecOrigin }>; warnUnpinned: boolean; origin: SpecOrigin }
  | { kind: 'local'; local: string; origin: SpecOrigin }
  | { kind: 'tarball'; tarball: string; tarballUnrendered: string; name: string; origin: SpecOrigin };

function wantedOf(spec: PackageSpec): Wanted {
  switch (spec.kind) {
    case 'hub':
      return { kind: 'hub', package: spec.package, requirements: spec.versions.map((version) => ({ ...version, origin: spec.origin })), installPrerelease: spec.installPrerelease, origin: spec.origin };
    case 'git':
      return {
        kind: 'git',
        git: spec.git,
        gitUnrendered: spec.gitUnrendered,
        ...(spec.subdirectory !== undefined ? { subdirectory: spec.subdirectory } : {}),
        revisions: spec.revision !== undefined ? [{ revision: spec.revision, origin: spec.origin }] : [],
        warnUnpinned: spec.warnUnpinned,
        origin: spec.origin,
      };
    case 'local':
      return { kind: 'local', local: spec.local, origin: spec.origin };
    case 'tarball':
      return { kind: 'tarball', tarball: spec.tarball, tarballUnrendered: spec.tarballUnrendered, name: spec.name, origin: spec.origin };
  }
}

/** The names an entry goes by: a git URL with and without `.git` is one repository. */
function namesOf(wanted: Wanted): string[] {
  switch (wanted.kind) {
    case 'hub':
      return [wanted.package];
    case 'git': {
      const other = wanted.git.endsWith('.git') ? wanted.git.slice(0, -4) : `${wanted.git}.git`;
      const sub = wanted.subdirectory ? `/${wanted.subdirectory}` : '';
      return [`${wanted.git}${sub}`, `${other}${sub}`];
    }
    case 'local':
      return [wanted.local];
    case 'tarball':
      return [wanted.tarball];
  }
}

function merge(existing: Wanted, added: Wanted): Wanted {
  if (existing.kind !== added.kind) {
    throw new SluiceError(`${namesOf(added)[0]} is asked for as a ${added.kind} package (${added.origin.label}) and as a ${existing.kind} package (${existing.origin.label})`, {
      file: added.origin.file,
      line: added.origin.line,
      hint: 'list it one way only',
    });
  }
  if (existing.kind === 'hub' && added.kind === 'hub') return { ...existing, requirements: [...existing.requirements, ...added.requirements] };
  if (existing.kind === 'git' && added.kind === 'git') return { ...existing, revisions: [...existing.revisions, ...added.revisions], warnUnpinned: existing.warnUnpinned && added.warnUnpinned };
  return existing;
}

/** Packages by name, in the order they were first asked for. */
class PackageListing {
  readonly byName = new Map<string, Wanted>();

  keyOf(wanted: Wanted): string {
    return namesOf(wanted).find((name) => this.byName.has(name)) ?? namesOf(wanted)[0];
  }

  add(wanted: Wanted): void {
    const key = this.keyOf(wanted);
    const existing = this.byName.get(key);
    this.byName.set(key, existing ? merge(existing, wanted) : wanted);
  }

  get(wanted: Wanted): Wanted {
    return this.byName.get(this.keyOf(wanted))!;
  }

  get size(): number {
    return this.byName.size;
  }
}

const dbtVersion = parseVersionSpecifier(DBT_VERSION)!;

function dbtVersionFits(requirement: unknown, packageName: string, version: string, origin: SpecOrigin): boolean {
  if (requirement === undefined || requirement === null || requirement === '' || (Array.isArray(requirement) && requirement.length === 0)) return true;
  const specs = (Array.isArray(requirement) ? requirement : [requirement]).map((item) => {
    const spec = parseVersionSpecifier(String(item));
    if (!spec) {
      throw new SluiceError(`The hub gives ${packageName} ${version} a require-dbt-version that cannot be read: '${String(item)}'`, {
        file: origin.file,
        line: origin.line,
        hint: 'run sluice deps --no-version-check to ignore require-dbt-version',
      });
    }
    return spec;
  });
  return versionSatisfies(dbtVersion, specs);
}

async function pin(wanted: Wanted, context: ResolveContext): Promise<PinnedPackage> {
  switch (wanted.kind) {
    case 'hub':
      return pinHub(wanted, context);
    case 'git': {
      const revisions = [...new Set(wanted.revisions.map((entry) => entry.revision))];
      if (revisions.length > 1) {
        throw new SluiceError(`The git package ${wanted.gitUnrendered} is asked for at ${revisions.length} revisions: ${wanted.revisions.map((entry) => `${entry.revision} (${entry.origin.label})`).join(', ')}`, {
          file: wanted.origin.file,
          line: wanted.origin.line,
          hint: 'a git package is installed at one revision: make them the same',
        });
      }
      return {
        kind: 'git',
        git: wanted.git,
        gitUnrendered: wanted.gitUnrendered,
        revision: revisions[0] ?? 'HEAD',
        ...(wanted.subdirectory !== undefined ? { subdirectory: wanted.subdirectory } : {}),
        warnUnpinned: wanted.warnUnpinned,
        origin: wanted.origin,
      };
    }
    case 'local': {
      const expanded = wanted.local === '~' || wanted.local.startsWith('~/') ? homedir() + wanted.local.slice(1) : wanted.local;
      return { kind: 'local', local: wanted.local, path: resolve(context.root, expanded), origin: wanted.origin };
    }
    case 'tarball':
      return { kind: 'tarball', tarball: wanted.tarball, tarballUnrendered: wanted.tarballUnrendered, name: wanted.name, origin: wanted.origin };
  }
}

async function pinHub(wanted: Extract<Wanted, { kind: 'hub' }>, context: ResolveContext): Promise<PinnedPackage> {
  const { origin } = wanted;
  const place = { file: origin.file, line: origin.line };
  const names = await context.hub.packageNames(origin);
  if (!names.includes(wanted.package)) {
    throw new SluiceError(`Package ${wanted.package} was not found in the package index (${context.hub.baseUrl})`, {
      ...place,
      hint: didYouMean(wanted.package, names) ?? 'check the name on hub.getdbt.com: it is <namespace>/<package>, e.g. dbt-labs/dbt_utils',
    });
  }
  let range;
  try {
    range = reduceVersions(wanted.requirements.map((requirement) => requirement.spec));
  } catch (error) {
    if (!(error instanceof VersionsNotCompatible)) throw error;
    throw new SluiceError(`No version of ${wanted.package} can satisfy every requirement: ${wanted.requirements.map((requirement) => `${requirement.text} (${requirement.origin.label})`).join(', ')}`, {
      ...place,
      hint: 'these ranges do not overlap: change the version in packages.yml to meet the others, or upgrade the package that asks for the other',
    });
  }
  const info = await context.hub.package(wanted.package, origin);
  if (info.movedTo) context.warn(`Warning: the hub says ${wanted.package} has moved to ${info.movedTo}: update packages.yml`);
  const available = Object.keys(info.versions);
  const compatible = context.versionCheck ? available.filter((version) => dbtVersionFits(info.versions[version].require_dbt_version, wanted.package, version, origin)) : available;
  const prereleaseAsked = wanted.requirements.some((requirement) => requirement.spec.prerelease !== undefined);
  const installable = installableVersions(compatible, wanted.installPrerelease || prereleaseAsked);
  const version = installable.length ? highestInRange(range, installable) : null;
  if (!version) {
    const shown = installable.length > 12 ? ['…', ...installable.slice(-12)] : installable;
    throw new SluiceError(`No version of ${wanted.package} matches ${rangeText(range)} (${wanted.requirements.map((requirement) => `${requirement.text} from ${requirement.origin.label}`).join(', ')})`, {
      ...place,
      hint:
        `versions that can be installed: ${shown.join(', ') || 'none'}` +
        (context.versionCheck && compatible.length < available.length ? `; versions whose require-dbt-version excludes dbt ${DBT_VERSION} are left out (--no-version-check keeps them)` : '') +
        (!wanted.installPrerelease && !prereleaseAsked ? '; prereleases are left out unless install_prerelease: true' : ''),
    });
  }
  return { kind: 'hub', package: wanted.package, version, latest: installable[installable.length - 1], release: info.versions[version], origin };
}

function checkNames(fetched: FetchedPackage[], rootName: string): void {
  const seen = new Map<string, FetchedPackage>();
  for (const item of fetched) {
    const place = { file: item.pinned.origin.file, line: item.pinned.origin.line };
    if (item.name === rootName) {
      throw new SluiceError(`The package ${describePinned(item.pinned)} has the root project's name, '${rootName}'`, { ...place, hint: 'package names must be unique in a project: rename the root project or drop the package' });
    }
    const other = seen.get(item.name);
    if (other) {
      throw new SluiceError(`Two packages are named '${item.name}': ${describePinned(other.pinned)} and ${describePinned(item.pinned)}`, {
        ...place,
        hint: 'a project can hold one package of a name: keep one of them (a hub package and a git copy of it are the same package)',
      });
    }
    seen.set(item.name, item);
  }
}

/** Every package of the tree, pinned and fetched (their files for git and tarballs), in the order first asked for. */
export async function resolvePackages(entries: SpecEntry[], context: ResolveContext): Promise<FetchedPackage[]> {
  const final = new PackageListing();
  let pending = new PackageListing();
  for (const entry of entries) pending.add(wantedOf(entry.spec));
  // A package already expanded at the same pinned version has had its list added: not again (so a loop ends).
  const expanded = new Set<string>();
  for (let round = 0; pending.size > 0; round++) {
    if (round >= MAX_ROUNDS) throw new SluiceError(`The package tree is more than ${MAX_ROUNDS} levels deep`, { hint: 'packages that list each other in a loop?' });
    const next = new PackageListing();
    for (const wanted of pending.byName.values()) {
      final.add(wanted);
      const pinned = await pin(final.get(wanted), context);
      if (expanded.has(pinnedIdentity(pinned))) continue;
      expanded.add(pinnedIdentity(pinned));
      const fetched = await context.source.fetch(pinned);
      for (const dependency of fetched.dependencies) next.add(wantedOf(dependency.spec));
    }
    pending = next;
  }
  const fetched: FetchedPackage[] = [];
  for (const wanted of final.byName.values()) fetched.push(await context.source.fetch(await pin(wanted, context)));
  checkNames(fetched, context.rootName);
  return fetched;
}

/** The packages package-lock.yml pins, as they are: no tree to walk, each installed at its locked version. */
export async function resolveLockedPackages(entries: SpecEntry[], context: ResolveContext): Promise<FetchedPackage[]> {
  const listing = new PackageListing();
  for (const entry of entries) listing.add(wantedOf(entry.spec));
  const fetched: FetchedPackage[] = [];
  for (const wanted of listing.byName.values()) fetched.push(await context.source.fetch(await pin(wanted, context)));
  checkNames(fetched, context.rootName);
  return fetched;
}
