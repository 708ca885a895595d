/**
 * `sluice deps`: installs what packages.yml (or dependencies.yml) lists into the project's
 * packages-install-path (dbt_packages/), as `dbt deps` leaves it — each package's files in
 * `dbt_packages/<its project name>/`, a local package as a link to its folder — and keeps
 * package-lock.yml as dbt does: with a lock written from the same list, exactly the locked versions are
 * installed; a changed list (its sha1_hash differs) or `upgrade` resolves the tree again and rewrites it.
 *
 * Nothing is half done: packages are put together in a scratch folder beside dbt_packages/ and swapped
 * in at the end, so any failure (an unknown package, a version no release satisfies, an unreachable
 * hub, a failing clone) leaves dbt_packages/ and package-lock.yml as they were. Secrets from packages.yml
 * are masked in every line printed and in errors.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { SluiceError } from '../errors.js';
import { readDbtProject } from '../project/dbt-project.js';
import { parseCliVars } from '../project/load.js';
import { isRecord, readYaml } from '../project/yaml-file.js';
import { hubBaseUrl, PackageHub } from './hub-client.js';
import { LOCK_FILE, packagesHash, readLockFile, writeLockFile } from './lock-file.js';
import { PackageRenderer } from './package-context.js';
import { readPackageList } from './package-spec.js';
import { PackageSource, type FetchedPackage } from './package-source.js';
import { isCommitSha } from './git-package.js';
import { resolveLockedPackages, resolvePackages, type ResolveContext } from './resolve.js';
import { SecretMask } from './secret-mask.js';

export interface InstallPackagesOptions {
  projectDir: string;
  /** `--vars`: the only variables packages.yml sees. */
  vars?: string | Record<string, unknown>;
  /** `--upgrade`: resolve the tree again even when package-lock.yml is up to date. */
  upgrade?: boolean;
  /** `--lock`: resolve and write package-lock.yml, install nothing. */
  lockOnly?: boolean;
  /** Leave out hub versions whose require-dbt-version excludes Sluice's dbt version; default true. */
  versionCheck?: boolean;
  env?: NodeJS.ProcessEnv;
  /** One line of progress (secrets already masked). */
  out?: (line: string) => void;
}

export interface InstalledPackage {
  /** Its folder name in the install path. */
  name: string;
  source: 'hub' | 'git' | 'local' | 'tarball';
  /** The hub version or the git commit; null for local and tarball packages. */
  version: string | null;
}

export interface InstallPackagesResult {
  /** The install folder, relative to the project. */
  installPath: string;
  packages: InstalledPackage[];
  /** Installed from an up-to-date package-lock.yml (rather than resolved). */
  fromLock: boolean;
  lockWritten: boolean;
}

/**
 * Does the project list packages that are not installed (its install folder missing)? A project that
 * cannot be read says no: the command that reads it next reports why, as it would without packages.
 */
export function packagesNeedInstall(projectDir: string): boolean {
  const root = resolve(projectDir);
  try {
    const rootFile = readDbtProject(root);
    if (existsSync(resolve(root, rootFile.packagesInstallPath))) return false;
    return ['packages.yml', 'dependencies.yml'].some((name) => {
      if (!existsSync(join(root, name))) return false;
      const yaml = readYaml<unknown>(join(root, name), name);
      return isRecord(yaml.value) && Array.isArray(yaml.value.packages) && yaml.value.packages.length > 0;
    });
  } catch (error) {
    if (error instanceof SluiceError) return false;
    throw error;
  }
}

export async function installPackages(options: InstallPackagesOptions): Promise<InstallPackagesResult> {
  const env = options.env ?? process.env;
  const mask = new SecretMask(env);
  const write = options.out ?? (() => undefined);
  const out = (line: string) => write(mask.mask(line));
  try {
    return await install(options, env, mask, out);
  } catch (error) {
    throw mask.maskError(error);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

async function install(options: InstallPackagesOptions, env: NodeJS.ProcessEnv, mask: SecretMask, out: (line: string) => void): Promise<InstallPackagesResult> {
  const root = resolve(options.projectDir);
  const rootFile = readDbtProject(root);
  const renderer = new PackageRenderer({ env, cliVars: parseCliVars(options.vars), mask });
  const listed = readPackageList(root, '', renderer);
  const installDir = resolve(root, rootFile.packagesInstallPath);
  const installPath = relative(root, installDir).split('\\').join('/') || '.';
  const hash = packagesHash(listed.entries);
  const lock = options.upgrade ? null : readLockFile(root, renderer);
  const resolveTree = options.upgrade === true || lock === null || lock.hash !== hash;
  const listFile = listed.file ?? 'packages.yml';

  if (listed.entries.length === 0) {
    out(`No packages are listed in ${listFile}: nothing to install`);
    if (!options.lockOnly) swapIn(installDir, null);
    return { installPath, packages: [], fromLock: false, lockWritten: false };
  }
  if (!resolveTree && options.lockOnly) {
    out(`${LOCK_FILE} is up to date with ${listFile}`);
    return { installPath, packages: [], fromLock: true, lockWritten: false };
  }

  mkdirSync(dirname(installDir), { recursive: true });
  const work = mkdtempSync(join(dirname(installDir), '.sluice-deps-'));
  try {
    const context: ResolveContext = {
      root,
      rootName: rootFile.name,
      hub: new PackageHub(hubBaseUrl(env)),
      source: new PackageSource({ root, downloadsDir: join(work, 'downloads'), renderer, env, mask, warn: out }),
      versionCheck: options.versionCheck !== false,
      warn: out,
    };
    mkdirSync(join(work, 'downloads'));
    out(resolveTree ? `Resolving the packages of ${listFile}${lock && !options.upgrade ? ` (it changed since ${LOCK_FILE} was written)` : ''}` : `Installing the packages pinned in ${LOCK_FILE}`);
    const fetched = resolveTree ? await resolvePackages(listed.entries, context) : await resolveLockedPackages(lock!.entries, context);
    const lockEntries = resolveTree ? fetched.map((item) => lockEntryOf(item, mask, out)) : [];
    if (options.lockOnly) {
      writeLockFile(root, lockEntries, hash);
      out(`Wrote ${LOCK_FILE} (${fetched.length} package${fetched.length === 1 ? '' : 's'}); nothing installed (--lock)`);
      return { installPath, packages: [], fromLock: false, lockWritten: true };
    }
    const staging = join(work, 'packages');
    mkdirSync(staging);
    const installed: InstalledPackage[] = [];
    const updates: string[] = [];
    for (const item of fetched) {
      installed.push(await installOne(item, staging, context.source, out));
      if (item.pinned.kind === 'hub' && item.pinned.latest !== item.pinned.version) updates.push(`${item.pinned.package} (${item.pinned.latest})`);
    }
    swapIn(installDir, staging, work);
    if (resolveTree) writeLockFile(root, lockEntries, hash);
    out(`Installed ${installed.length} package${installed.length === 1 ? '' : 's'} into ${installPath}/${resolveTree ? `; wrote ${LOCK_FILE}` : ''}`);
    if (updates.length) out(`Updates are available for ${updates.join(', ')}: update the versions in ${listFile}, then run sluice deps`);
    return { installPath, packages: installed, fromLock: !resolveTree, lockWritten: resolveTree };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A package's entry in package-lock.yml, as dbt writes it; a secret in a URL is never written. */
function lockEntryOf(item: FetchedPackage, mask: SecretMask, out: (line: string) => void): Record<string, string> {
  const scrubbed = (url: string) => {
    const text = mask.scrub(url);
    if (text !== url) out(`Warning: ${text} holds a secret, which is written to ${LOCK_FILE} masked: put the secret in an env_var() instead, or installs from the lock file will fail`);
    return text;
  };
  const { pinned } = item;
  switch (pinned.kind) {
    case 'hub':
      return { package: pinned.package, version: pinned.version, name: item.name };
    case 'git':
      return { git: scrubbed(pinned.gitUnrendered), revision: item.sha!, ...(pinned.subdirectory !== undefined ? { subdirectory: pinned.subdirectory } : {}), name: item.name };
    case 'local':
      return { local: pinned.local, name: item.name };
    case 'tarball':
      return { tarball: scrubbed(pinned.tarballUnrendered), name: item.name };
  }
}

async function installOne(item: FetchedPackage, staging: string, source: PackageSource, out: (line: string) => void): Promise<InstalledPackage> {
  const target = join(staging, item.name);
  const { pinned } = item;
  if (pinned.kind === 'local') {
    let how = 'linked';
    try {
      // An absolute link, as dbt makes it: the install folder may move, the package does not.
      symlinkSync(pinned.path, target, 'dir');
    } catch {
      cpSync(pinned.path, target, { recursive: true });
      how = 'copied: links are not available here';
    }
    out(`Installed ${item.name} from local ${pinned.local} (${how})`);
    return { name: item.name, source: 'local', version: null };
  }
  const folder = await source.folderOf(item);
  if (pinned.kind === 'git' && pinned.subdirectory === undefined) rmSync(join(folder, '.git'), { recursive: true, force: true });
  renameSync(folder, target);
  switch (pinned.kind) {
    case 'hub':
      out(`Installed ${item.name} ${pinned.version} from the hub (${pinned.package})${pinned.latest !== pinned.version ? `; ${pinned.latest} is available` : ''}`);
      return { name: item.name, source: 'hub', version: pinned.version };
    case 'git': {
      const commit = item.sha!.slice(0, 7);
      const at = isCommitSha(pinned.revision) ? `commit ${commit}` : pinned.revision === 'HEAD' ? `the default branch (commit ${commit})` : `${pinned.revision} (commit ${commit})`;
      out(`Installed ${item.name} at ${at} from git ${pinned.gitUnrendered}${pinned.subdirectory ? `, subdirectory ${pinned.subdirectory}` : ''}`);
      return { name: item.name, source: 'git', version: item.sha! };
    }
    case 'tarball':
      out(`Installed ${item.name} from tarball ${pinned.tarballUnrendered}`);
      return { name: item.name, source: 'tarball', version: null };
  }
}

/**
 * Puts the new install folder in place of the old one (which goes into `work`, removed with it); with
 * no new folder, an empty one (dbt empties the install folder when nothing is listed).
 */
function swapIn(installDir: string, staging: string | null, work?: string): void {
  if (staging === null) {
    if (exists(installDir)) rmSync(installDir, { recursive: true, force: true });
    mkdirSync(installDir, { recursive: true });
    return;
  }
  const previous = join(work!, 'previous');
  const hadOne = exists(installDir);
  if (hadOne) renameSync(installDir, previous);
  try {
    renameSync(staging, installDir);
  } catch (error) {
    if (hadOne) renameSync(previous, installDir);
    throw error;
  }
}
