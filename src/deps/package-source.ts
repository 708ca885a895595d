/**
 * Where a pinned package's files come from, and what they say about it: its project name (the `name` of
 * its dbt_project.yml, or the hub's record of it; a tarball's `name:`) and the packages it lists in turn.
 * git and tarball packages are fetched to read that, and kept for the install; a hub release is
 * downloaded only when it is installed (the hub already says what it depends on).
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SluiceError } from '../errors.js';
import { isRecord, readYaml } from '../project/yaml-file.js';
import { checkoutGitPackage } from './git-package.js';
import type { PackageRenderer } from './package-context.js';
import { parseSpecEntries, readPackageList, type SpecEntry, type SpecOrigin } from './package-spec.js';
import { describePinned, pinnedIdentity, type PinnedPackage } from './pinned-package.js';
import type { SecretMask } from './secret-mask.js';
import { fetchTarballPackage } from './tarball.js';

/** dbt's rule for project names, which are also folder names in dbt_packages/. */
const PROJECT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface FetchedPackage {
  pinned: PinnedPackage;
  /** Its project name: its folder in dbt_packages/. */
  name: string;
  /** What it lists in turn, each with its origin (the root entry that brought it in, and who asked). */
  dependencies: SpecEntry[];
  /** A git package's commit. */
  sha?: string;
}

export interface PackageSourceOptions {
  /** The root project (absolute): local paths are relative to it, in dependencies too, as in dbt. */
  root: string;
  /** Scratch space for clones and downloads. */
  downloadsDir: string;
  renderer: PackageRenderer;
  env: NodeJS.ProcessEnv;
  mask: SecretMask;
  warn: (line: string) => void;
}

export function checkedPackageName(name: string, of: string, origin: SpecOrigin): string {
  if (!PROJECT_NAME.test(name)) {
    throw new SluiceError(`${of} is named '${name}', which cannot be a package name`, {
      file: origin.file,
      line: origin.line,
      hint: 'a package name is letters, digits and underscores, and does not start with a digit',
    });
  }
  return name;
}

export class PackageSource {
  private readonly fetched = new Map<string, Promise<FetchedPackage>>();
  /** identity → the package's folder, once its files are here. */
  private readonly folders = new Map<string, string>();
  private downloads = 0;

  constructor(private readonly options: PackageSourceOptions) {}

  fetch(pinned: PinnedPackage): Promise<FetchedPackage> {
    const identity = pinnedIdentity(pinned);
    let found = this.fetched.get(identity);
    if (!found) {
      found = this.fetchOnce(pinned);
      this.fetched.set(identity, found);
    }
    return found;
  }

  /** The folder with the package's files (a hub release is downloaded now). */
  async folderOf(fetched: FetchedPackage): Promise<string> {
    const { pinned } = fetched;
    const identity = pinnedIdentity(pinned);
    const known = this.folders.get(identity);
    if (known) return known;
    if (pinned.kind !== 'hub') throw new Error(`no files fetched for ${describePinned(pinned)}`);
    const folder = await fetchTarballPackage({
      url: pinned.release.downloads.tarball,
      displayUrl: pinned.release.downloads.tarball,
      into: this.nextDownload('hub'),
      origin: pinned.origin,
      singleFolder: false,
    });
    this.folders.set(identity, folder);
    return folder;
  }

  private nextDownload(kind: string): string {
    this.downloads += 1;
    return join(this.options.downloadsDir, `${kind}-${this.downloads}`);
  }

  private async fetchOnce(pinned: PinnedPackage): Promise<FetchedPackage> {
    const { options } = this;
    switch (pinned.kind) {
      case 'hub': {
        const label = describePinned(pinned);
        const name = checkedPackageName(pinned.release.name, label, pinned.origin);
        const listed = pinned.release.packages;
        const dependencies = this.atEntry(pinned, () => this.asDependencies(pinned, () => parseSpecEntries(listed, listed, { label: `the hub's record of ${label}` })));
        return { pinned, name, dependencies };
      }
      case 'local': {
        if (!existsSync(join(pinned.path, 'dbt_project.yml'))) {
          throw new SluiceError(`No dbt_project.yml in ${pinned.local} (${pinned.path})`, {
            file: pinned.origin.file,
            line: pinned.origin.line,
            hint: 'a local: path is relative to the root project and names the folder of a dbt project',
          });
        }
        const display = relative(options.root, pinned.path).split('\\').join('/') || '.';
        const name = this.projectName(pinned.path, display, pinned);
        const list = readPackageList(pinned.path, display, options.renderer);
        this.folders.set(pinnedIdentity(pinned), pinned.path);
        return { pinned, name, dependencies: this.asDependencies(pinned, () => list.entries) };
      }
      case 'git': {
        if ((pinned.revision === 'HEAD' || pinned.revision === 'main' || pinned.revision === 'master') && pinned.warnUnpinned) {
          options.warn(`Warning: the git package ${pinned.gitUnrendered} is not pinned (revision ${pinned.revision}): a change there can break this project without warning; pin a tag or a commit (or set warn-unpinned: false)`);
        }
        const checkout = await checkoutGitPackage({
          url: pinned.git,
          displayUrl: pinned.gitUnrendered,
          ...(pinned.revision !== 'HEAD' ? { revision: pinned.revision } : {}),
          ...(pinned.subdirectory !== undefined ? { subdirectory: pinned.subdirectory } : {}),
          into: this.nextDownload('git'),
          env: options.env,
          mask: options.mask,
          origin: pinned.origin,
        });
        this.folders.set(pinnedIdentity(pinned), checkout.packageDir);
        return { ...this.readRemote(pinned, checkout.packageDir), sha: checkout.sha };
      }
      case 'tarball': {
        const folder = await fetchTarballPackage({ url: pinned.tarball, displayUrl: pinned.tarballUnrendered, into: this.nextDownload('tarball'), origin: pinned.origin, singleFolder: true });
        this.folders.set(pinnedIdentity(pinned), folder);
        const read = this.readRemote(pinned, folder);
        // dbt installs a tarball under the name packages.yml gives it.
        return { ...read, name: checkedPackageName(pinned.name, `The tarball package ${pinned.tarballUnrendered}`, pinned.origin) };
      }
    }
  }

  /** A fetched git or tarball package's name and list. */
  private readRemote(pinned: PinnedPackage, folder: string): FetchedPackage {
    const label = describePinned(pinned);
    return this.atEntry(pinned, () => {
      if (!existsSync(join(folder, 'dbt_project.yml'))) {
        throw new SluiceError(`No dbt_project.yml at the top of ${label}`, { hint: 'for a package in a folder of the repository, set subdirectory:' });
      }
      const name = this.projectName(folder, label, pinned);
      const list = readPackageList(folder, label, this.options.renderer);
      return { pinned, name, dependencies: this.asDependencies(pinned, () => list.entries) };
    });
  }

  /** A problem in a fetched package's files is reported at the entry that asked for the package (its files are gone after deps). */
  private atEntry<T>(pinned: PinnedPackage, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof SluiceError) || (error.file === pinned.origin.file && error.line === pinned.origin.line)) throw error;
      throw new SluiceError(`${error.message}${error.where ? ` (in ${error.where})` : ''}`, { file: pinned.origin.file, line: pinned.origin.line, hint: error.hint });
    }
  }

  private projectName(folder: string, display: string, pinned: PinnedPackage): string {
    const file = `${display}/dbt_project.yml`;
    const yaml = readYaml<unknown>(join(folder, 'dbt_project.yml'), file);
    const name = isRecord(yaml.value) ? yaml.value.name : undefined;
    if (typeof name !== 'string' || !name) {
      throw new SluiceError(`The dbt_project.yml of ${describePinned(pinned)} has no name`, { file, line: 1, hint: 'a package is a dbt project with a name' });
    }
    return checkedPackageName(name, `The package ${describePinned(pinned)}`, { file, line: isRecord(yaml.value) ? yaml.lineOf(['name']) : 1, label: file });
  }

  /**
   * Its dependencies, each marked as asked for by this package. Errors about them point at the line
   * that asked: in a local package's own file, else (a fetched package's files are gone once deps ends)
   * at the entry that brought this package in.
   */
  private asDependencies(pinned: PinnedPackage, read: () => SpecEntry[]): SpecEntry[] {
    const requiredBy = `required by ${describePinned(pinned)}`;
    const place = pinned.kind === 'local' ? null : pinned.origin;
    return read().map((entry) => {
      const own = entry.spec.origin;
      const origin: SpecOrigin = place
        ? { ...(place.file !== undefined ? { file: place.file } : {}), ...(place.line !== undefined ? { line: place.line } : {}), label: requiredBy }
        : { ...own, label: `${own.label} (${requiredBy})` };
      return { ...entry, spec: { ...entry.spec, origin } };
    });
  }
}
