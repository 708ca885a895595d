/**
 * What a project asks for: the `packages:` list of packages.yml or dependencies.yml, read and checked as
 * dbt reads it. Each entry is one of
 *   `package: org/name` + `version:` (a version or a list of bounds) [+ `install_prerelease:`] — the hub;
 *   `git: url` [+ `revision:`, `subdirectory:`, `warn-unpinned:`];
 *   `local: path`;
 *   `tarball: url` + `name:`.
 * Each keeps the entry as written (`unrendered`, with its `{{ env_var() }}` calls) beside the rendered one:
 * the lock file records what was written, never a rendered secret.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError, didYouMean } from '../errors.js';
import { isRecord, readYaml, type YamlFile } from '../project/yaml-file.js';
import type { PackageRenderer } from './package-context.js';
import { parseVersionSpecifier, type VersionSpecifier } from './semver.js';

/** Where a requirement comes from, for errors: a file and line, or a package that asked for it. */
export interface SpecOrigin {
  file?: string;
  line?: number;
  /** "packages.yml:3", or "dbt-labs/kit 1.0.0 (hub)". */
  label: string;
}

export interface HubSpec {
  kind: 'hub';
  package: string;
  versions: Array<{ text: string; spec: VersionSpecifier }>;
  installPrerelease: boolean;
  origin: SpecOrigin;
}

export interface GitSpec {
  kind: 'git';
  git: string;
  gitUnrendered: string;
  revision?: string;
  warnUnpinned: boolean;
  subdirectory?: string;
  origin: SpecOrigin;
}

export interface LocalSpec {
  kind: 'local';
  local: string;
  origin: SpecOrigin;
}

export interface TarballSpec {
  kind: 'tarball';
  tarball: string;
  tarballUnrendered: string;
  name: string;
  origin: SpecOrigin;
}

export type PackageSpec = HubSpec | GitSpec | LocalSpec | TarballSpec;

export interface SpecEntry {
  spec: PackageSpec;
  /** The entry as dbt serializes it to compute package-lock.yml's sha1_hash. */
  hashed: Record<string, unknown>;
}

export interface PackageList {
  /** packages.yml or dependencies.yml (display path), or null when the project lists no package file. */
  file: string | null;
  entries: SpecEntry[];
}

/** Where a list of entries was read: to name files and lines in errors. */
export interface SpecSource {
  file?: string;
  lineOf?: (path: Array<string | number>) => number;
  /** How an entry's origin is labelled when there is no file: "dbt-labs/kit 1.0.0 (hub)". */
  label?: string;
}

const KINDS = ['package', 'git', 'local', 'tarball', 'private'] as const;
const ALLOWED_KEYS: Record<PackageSpec['kind'], string[]> = {
  hub: ['package', 'version', 'install_prerelease', 'name'],
  git: ['git', 'revision', 'warn-unpinned', 'subdirectory', 'name'],
  local: ['local', 'name'],
  tarball: ['tarball', 'name'],
};

/**
 * The packages a project lists: the root's (`displayDir` ''), or an installed package's. Strings are
 * rendered, except in the root's dependencies.yml, which dbt reads as written. Both files listing
 * packages is an error, as in dbt.
 */
export function readPackageList(dir: string, displayDir: string, renderer: PackageRenderer): PackageList {
  const read = (name: string): YamlFile<unknown> | null => (existsSync(join(dir, name)) ? readYaml<unknown>(join(dir, name), displayDir ? `${displayDir}/${name}` : name) : null);
  const packagesYml = read('packages.yml');
  const dependenciesYml = read('dependencies.yml');
  const lists = (yaml: YamlFile<unknown> | null) => yaml !== null && isRecord(yaml.value) && 'packages' in yaml.value;
  if (lists(packagesYml) && lists(dependenciesYml)) {
    throw new SluiceError("The 'packages' key cannot be in both packages.yml and dependencies.yml", {
      file: dependenciesYml!.file,
      line: dependenciesYml!.lineOf(['packages']),
      hint: 'list the packages in one of the two files',
    });
  }
  if (packagesYml && isRecord(packagesYml.value) && 'projects' in packagesYml.value) {
    throw new SluiceError("The 'projects' key cannot be in packages.yml", { file: packagesYml.file, line: packagesYml.lineOf(['projects']), hint: 'projects: belongs in dependencies.yml' });
  }
  const yaml = lists(dependenciesYml) ? dependenciesYml! : packagesYml;
  if (!yaml) return { file: null, entries: [] };
  if (!isRecord(yaml.value)) throw new SluiceError(`${yaml.file} must be a mapping with a 'packages' list`, { file: yaml.file, line: 1 });
  const raw = yaml.value.packages;
  if (raw === undefined || raw === null) return { file: yaml.file, entries: [] };
  if (!Array.isArray(raw)) throw new SluiceError(`'packages' in ${yaml.file} must be a list`, { file: yaml.file, line: yaml.lineOf(['packages']) });
  const asWritten = yaml === dependenciesYml && displayDir === '';
  const rendered = raw.map((entry, index) => (asWritten ? entry : renderer.render(entry, yaml.file, yaml.lineOf(['packages', index]))));
  return { file: yaml.file, entries: parseSpecEntries(rendered, raw, { file: yaml.file, lineOf: (path) => yaml.lineOf(['packages', ...path]) }) };
}

/** Entries of a `packages:` list (rendered, beside the same entries as written), checked. */
export function parseSpecEntries(rendered: unknown[], unrendered: unknown[], source: SpecSource): SpecEntry[] {
  return rendered.map((entry, index) => parseSpecEntry(entry, unrendered[index], index, source));
}

function parseSpecEntry(entry: unknown, unrendered: unknown, index: number, source: SpecSource): SpecEntry {
  const lineOf = (key?: string) => source.lineOf?.(key === undefined ? [index] : [index, key]);
  const origin: SpecOrigin = source.file
    ? { file: source.file, line: lineOf(), label: `${source.file}${lineOf() !== undefined ? `:${lineOf()}` : ''}` }
    : { label: source.label ?? 'a package' };
  const fail = (message: string, key?: string, hint?: string) => new SluiceError(message, { file: source.file, line: lineOf(key), hint });
  if (!isRecord(entry)) throw fail('A package entry must be a mapping', undefined, 'e.g. - package: dbt-labs/dbt_utils\n    version: 1.3.0');
  const raw = isRecord(unrendered) ? unrendered : entry;
  const kinds = KINDS.filter((key) => key in entry);
  if (kinds.length === 0) {
    throw fail(`Unrecognised package entry (keys: ${Object.keys(entry).join(', ') || 'none'})`, undefined, 'use package: <org/name> with version:, git: <url>, local: <path> or tarball: <url> with name:');
  }
  if (kinds.length > 1) throw fail(`A package entry has both '${kinds[0]}' and '${kinds[1]}'`, kinds[1], 'one entry is one package: split it in two');
  const first = kinds[0];
  if (first === 'private') {
    throw fail(`private: packages are not supported yet (${String(entry.private)})`, 'private', 'list it as a git: package with the repository URL (a token can come from env_var(): https://{{ env_var(\'DBT_ENV_SECRET_GIT_TOKEN\') }}@github.com/org/repo.git)');
  }
  const kind: PackageSpec['kind'] = first === 'package' ? 'hub' : first;
  for (const key of Object.keys(entry)) {
    if (ALLOWED_KEYS[kind].includes(key)) continue;
    const hint = key === 'install-prerelease' ? 'dbt reads install_prerelease (with an underscore) and rejects this spelling' : didYouMean(key, ALLOWED_KEYS[kind]) ?? `a ${kind} package takes ${ALLOWED_KEYS[kind].join(', ')}`;
    throw fail(`Unknown key '${key}' in a ${kind} package entry`, key, hint);
  }
  const text = (key: string, required: boolean): string | undefined => {
    const value = entry[key];
    if (value === undefined || value === null) {
      if (required) throw fail(`A ${kind} package entry needs '${key}'`, key);
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw fail(`'${key}' must be a string, got ${JSON.stringify(value)}`, key);
    if (required && String(value) === '') throw fail(`'${key}' is empty`, key, 'an env_var() or var() in it may have rendered to nothing');
    return String(value);
  };
  const flag = (key: string): boolean | undefined => {
    const value = entry[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw fail(`'${key}' must be true or false, got ${JSON.stringify(value)}`, key);
    return value;
  };
  const name = text('name', kind === 'tarball');
  const withName = (hashed: Record<string, unknown>) => (entry.name === undefined || entry.name === null ? hashed : { ...hashed, name: entry.name });
  switch (kind) {
    case 'hub': {
      const packageName = text('package', true)!;
      if (!packageName.includes('/')) {
        throw fail(`${packageName} was not found in the package index: packages on the index are named with their namespace`, 'package', `e.g. dbt-labs/${packageName}`);
      }
      const version = entry.version;
      if (version === undefined || version === null || version === '' || (Array.isArray(version) && version.length === 0)) {
        throw fail(`${packageName} has no version: hub packages need one`, 'package', 'e.g. version: 1.3.0, or a range: version: [">=1.0.0", "<2.0.0"]');
      }
      const texts = (Array.isArray(version) ? version : [version]).map((item) => String(item));
      const versions = texts.map((item) => {
        const spec = parseVersionSpecifier(item);
        if (!spec) {
          throw fail(`"${item}" is not a valid version for ${packageName}`, 'version', 'dbt versions are major.minor.patch, optionally after =, >, >=, < or <=; a range is a list: [">=1.0.0", "<2.0.0"]');
        }
        return { text: item, spec };
      });
      const installPrerelease = flag('install_prerelease');
      return {
        spec: { kind: 'hub', package: packageName, versions, installPrerelease: installPrerelease ?? false, origin },
        hashed: withName({ package: entry.package, version, install_prerelease: 'install_prerelease' in entry ? entry.install_prerelease : false, unrendered: raw }),
      };
    }
    case 'git': {
      const git = text('git', true)!;
      const subdirectory = text('subdirectory', false);
      const revision = text('revision', false);
      const warnUnpinned = flag('warn-unpinned');
      return {
        spec: {
          kind: 'git',
          git,
          gitUnrendered: typeof raw.git === 'string' ? raw.git : git,
          ...(revision !== undefined ? { revision } : {}),
          warnUnpinned: warnUnpinned !== false,
          ...(subdirectory !== undefined ? { subdirectory } : {}),
          origin,
        },
        hashed: withName({ git: entry.git, revision: entry.revision ?? null, 'warn-unpinned': entry['warn-unpinned'] ?? null, subdirectory: entry.subdirectory ?? null, unrendered: raw }),
      };
    }
    case 'local':
      return { spec: { kind: 'local', local: text('local', true)!, origin }, hashed: withName({ local: entry.local, unrendered: raw }) };
    case 'tarball': {
      const tarball = text('tarball', true)!;
      return {
        spec: { kind: 'tarball', tarball, tarballUnrendered: typeof raw.tarball === 'string' ? raw.tarball : tarball, name: name!, origin },
        hashed: { tarball: entry.tarball, name: entry.name, unrendered: raw },
      };
    }
  }
}
