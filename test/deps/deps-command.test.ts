/**
 * `sluice deps` as a user runs it: packages from a fake package hub on 127.0.0.1 (a tree with a
 * transitive dependency and version ranges), a git repository made here (a tag and a subdirectory), and a
 * local folder, installed into dbt_packages/ as dbt deps leaves them, then used by `sluice compile`.
 * Never the internet: the hub's address comes from DBT_PACKAGE_HUB_URL, git reads folders on this disk.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { installPackages } from '../../src/deps/install.js';
import { SluiceError } from '../../src/errors.js';
import { startPackageHub, type FakePackageHub } from '../support/package-hub.js';
import { createdProjects, DUCKDB_PROFILE, PROJECT_FILE, runCliAsync } from '../support/project.js';

/** git's identity and defaults given per command: CI runs on a clean machine with no git config. */
const GIT_CONFIG = ['-c', 'user.name=Sluice Test', '-c', 'user.email=test@sluice.invalid', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'init.defaultBranch=main'];
const git = (cwd: string, ...args: string[]) => execFileSync('git', [...GIT_CONFIG, ...args], { cwd, stdio: 'pipe', encoding: 'utf8' }).trim();

const macro = (name: string, body: string) => `{% macro ${name}() %}${body}{% endmacro %}\n`;

const baseRelease = (version: string) => ({ version, files: { 'macros/base.sql': macro('base_version', `'base ${version}'`) + macro('base_name', `base ${version}`) } });
const kitRelease = (version: string, packages: Array<Record<string, unknown>> = []) => ({
  version,
  packages,
  files: { 'macros/kit.sql': macro('kit_hello', `'kit ${version} with {{ base_utils.base_name() }}'`) },
});

/** acme/kit (project kit) depends on acme/base (project base_utils), with ranges that change across releases. */
function startTestHub(): Promise<FakePackageHub> {
  return startPackageHub([
    { id: 'acme/base', projectName: 'base_utils', releases: ['0.1.0', '0.2.0', '0.2.1', '0.3.0'].map(baseRelease) },
    // Installed from its tarball's URL in one test, not from the hub.
    { id: 'acme/extras', projectName: 'extras', releases: [{ version: '0.5.0', files: { 'macros/extras.sql': macro('extras_hello', "'extras'") } }] },
    {
      id: 'acme/kit',
      projectName: 'kit',
      releases: [
        kitRelease('1.0.0', [{ package: 'acme/base', version: '>=0.1.0' }]),
        kitRelease('1.2.0', [{ package: 'acme/base', version: ['>=0.2.0', '<0.3.0'] }]),
        kitRelease('1.3.0-rc1', [{ package: 'acme/base', version: ['>=0.2.0', '<0.3.0'] }]),
        kitRelease('2.0.0', [{ package: 'acme/base', version: '>=0.3.0' }]),
      ],
    },
  ]);
}

let hub: FakePackageHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.close();
});

interface Workspace {
  /** The dbt project. */
  project: string;
  /** A git repository whose dbt/ folder is a package: tag v1.0.0, then a later commit on main. */
  repo: string;
  /** The commit v1.0.0 points at. */
  tagSha: string;
}

/** A folder with the project, a local package beside it (../shared) and a git repository. */
function makeWorkspace(packagesYml: (workspace: { repo: string }) => string, repoName = 'kit-repo'): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'sluice-deps-'));
  createdProjects.push(root);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const repo = join(root, repoName);
  write(`${repoName}/README.md`, 'A repository with a dbt package in dbt/\n');
  write(`${repoName}/dbt/dbt_project.yml`, "name: 'git_pkg'\nversion: '1.0.0'\nconfig-version: 2\n");
  write(`${repoName}/dbt/macros/git.sql`, macro('git_version', "'git v1'"));
  git(root, 'init', '--quiet', repo);
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'v1');
  git(repo, 'tag', 'v1.0.0');
  const tagSha = git(repo, 'rev-parse', 'HEAD');
  write(`${repoName}/dbt/macros/git.sql`, macro('git_version', "'git v2'"));
  git(repo, 'commit', '--quiet', '-am', 'v2');

  write('shared/dbt_project.yml', "name: 'shared'\nconfig-version: 2\n");
  write('shared/macros/shared.sql', macro('shared_hello', "'shared'"));

  write('project/dbt_project.yml', PROJECT_FILE);
  write('project/profiles.yml', DUCKDB_PROFILE);
  write('project/packages.yml', packagesYml({ repo }));
  write(
    'project/models/greeting.sql',
    'select {{ kit.kit_hello() }} as kit, {{ base_utils.base_version() }} as base, {{ git_pkg.git_version() }} as git, {{ shared.shared_hello() }} as shared\n',
  );
  return { project: join(root, 'project'), repo, tagSha };
}

const FULL_TREE = ({ repo }: { repo: string }) =>
  [
    'packages:',
    '  - package: acme/kit',
    '    version: [">=1.0.0", "<2.0.0"]',
    '  - package: acme/base',
    '    version: ">=0.2.0"',
    `  - git: "${repo}"`,
    '    revision: v1.0.0',
    '    subdirectory: dbt',
    '  - local: ../shared',
    '',
  ].join('\n');

const deps = (project: string, args: string[] = [], env: Record<string, string> = {}, hubUrl = hub.url) =>
  runCliAsync(['deps', '--project-dir', project, ...args], { env: { DBT_PACKAGE_HUB_URL: hubUrl, ...env } });

const installed = (project: string) => readdirSync(join(project, 'dbt_packages')).sort();
const versionOf = (project: string, name: string) => (parse(readFileSync(join(project, 'dbt_packages', name, 'dbt_project.yml'), 'utf8')) as { version: string }).version;
const lockOf = (project: string) => parse(readFileSync(join(project, 'package-lock.yml'), 'utf8')) as { packages: Array<Record<string, string>>; sha1_hash: string };

/** A port nothing listens on: a server is started there and closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sluice deps', () => {
  it('installs a hub tree (a range, a transitive dependency), a git package at a tag with a subdirectory, a local one and a tarball; the project then compiles with their macros', async () => {
    const { project, tagSha } = makeWorkspace((workspace) => `${FULL_TREE(workspace)}  - tarball: ${hub.url}tarballs/acme/extras/0.5.0.tar.gz\n    name: extras\n`);
    writeFileSync(join(project, 'models', 'extras.sql'), 'select {{ extras.extras_hello() }} as extras\n');
    const result = await deps(project);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The newest release in [>=1.0.0, <2.0.0] (the prerelease left out), and base within both its ranges.
    expect(result.stdout).toContain('Installed kit 1.2.0 from the hub (acme/kit); 2.0.0 is available');
    expect(result.stdout).toContain('Installed base_utils 0.2.1 from the hub (acme/base); 0.3.0 is available');
    expect(result.stdout).toContain(`Installed git_pkg at v1.0.0 (commit ${tagSha.slice(0, 7)}) from git`);
    expect(result.stdout).toContain('Installed shared from local ../shared (linked)');
    expect(result.stdout).toContain(`Installed extras from tarball ${hub.url}tarballs/acme/extras/0.5.0.tar.gz`);
    expect(installed(project)).toEqual(['base_utils', 'extras', 'git_pkg', 'kit', 'shared']);
    expect(versionOf(project, 'kit')).toBe('1.2.0');
    expect(versionOf(project, 'base_utils')).toBe('0.2.1');
    // The subdirectory's files, at the tag, without the rest of the repository or its .git.
    expect(readFileSync(join(project, 'dbt_packages', 'git_pkg', 'macros', 'git.sql'), 'utf8')).toContain("'git v1'");
    expect(existsSync(join(project, 'dbt_packages', 'git_pkg', 'README.md'))).toBe(false);
    expect(existsSync(join(project, 'dbt_packages', 'git_pkg', '.git'))).toBe(false);
    // A local package is an absolute link to its folder, as dbt makes it.
    expect(lstatSync(join(project, 'dbt_packages', 'shared')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(project, 'dbt_packages', 'shared'))).toBe(join(dirname(project), 'shared'));
    expect(readdirSync(dirname(join(project, 'dbt_packages'))).filter((name) => name.startsWith('.sluice-deps-'))).toEqual([]);

    const lock = lockOf(project);
    expect(lock.packages).toEqual([
      { name: 'kit', package: 'acme/kit', version: '1.2.0' },
      { name: 'base_utils', package: 'acme/base', version: '0.2.1' },
      { git: join(dirname(project), 'kit-repo'), name: 'git_pkg', revision: tagSha, subdirectory: 'dbt' },
      { local: '../shared', name: 'shared' },
      { tarball: `${hub.url}tarballs/acme/extras/0.5.0.tar.gz`, name: 'extras' },
    ]);
    expect(lock.sha1_hash).toMatch(/^[0-9a-f]{40}$/);

    const compiled = await runCliAsync(['compile', '--project-dir', project]);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    const sql = readFileSync(join(project, 'target', 'compiled', 'test_project', 'models', 'greeting.sql'), 'utf8');
    expect(sql.trim()).toBe("select 'kit 1.2.0 with base 0.2.1' as kit, 'base 0.2.1' as base, 'git v1' as git, 'shared' as shared");
    expect(readFileSync(join(project, 'target', 'compiled', 'test_project', 'models', 'extras.sql'), 'utf8').trim()).toBe("select 'extras' as extras");
  });

  it('honours package-lock.yml: a second run installs the locked versions; --upgrade and a changed packages.yml resolve again', async () => {
    // A hub of its own: a release is published on it.
    const ownHub = await startTestHub();
    try {
      const { project } = makeWorkspace(FULL_TREE, 'lock-repo');
      expect((await deps(project, [], {}, ownHub.url)).code).toBe(0);
      const firstLock = readFileSync(join(project, 'package-lock.yml'), 'utf8');
      ownHub.publish('acme/kit', kitRelease('1.4.0', [{ package: 'acme/base', version: ['>=0.2.0', '<0.3.0'] }]));

      const again = await deps(project, [], {}, ownHub.url);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Installing the packages pinned in package-lock.yml');
      expect(again.stdout).toContain('Installed kit 1.2.0 from the hub (acme/kit); 2.0.0 is available');
      expect(versionOf(project, 'kit')).toBe('1.2.0');
      expect(readFileSync(join(project, 'package-lock.yml'), 'utf8')).toBe(firstLock);

      const upgraded = await deps(project, ['--upgrade'], {}, ownHub.url);
      expect(upgraded.code).toBe(0);
      expect(upgraded.stdout).toContain('Installed kit 1.4.0 from the hub (acme/kit)');
      expect(versionOf(project, 'kit')).toBe('1.4.0');
      expect(lockOf(project).packages[0]).toEqual({ name: 'kit', package: 'acme/kit', version: '1.4.0' });

      // packages.yml changes: its hash no longer matches the lock's, so the tree is resolved again.
      writeFileSync(join(project, 'packages.yml'), FULL_TREE({ repo: join(dirname(project), 'lock-repo') }).replace('"<2.0.0"]', '"<1.1.0"]'));
      const changed = await deps(project, [], {}, ownHub.url);
      expect(changed.code).toBe(0);
      expect(changed.stdout).toContain('Resolving the packages of packages.yml (it changed since package-lock.yml was written)');
      expect(versionOf(project, 'kit')).toBe('1.0.0');
      expect(versionOf(project, 'base_utils')).toBe('0.3.0');
      expect(lockOf(project).sha1_hash).not.toBe((parse(firstLock) as { sha1_hash: string }).sha1_hash);
    } finally {
      await ownHub.close();
    }
  });

  it('stops with exit 2 and a clear message, leaving dbt_packages/ and the lock as they were: a bad package name, conflicting ranges, an unreachable hub', async () => {
    const { project, repo } = makeWorkspace(FULL_TREE, 'error-repo');
    expect((await deps(project)).code).toBe(0);
    const before = { packages: installed(project), kit: versionOf(project, 'kit'), lock: readFileSync(join(project, 'package-lock.yml'), 'utf8') };
    const unchanged = () => {
      expect(installed(project)).toEqual(before.packages);
      expect(versionOf(project, 'kit')).toBe(before.kit);
      expect(readFileSync(join(project, 'package-lock.yml'), 'utf8')).toBe(before.lock);
      expect(readdirSync(project).filter((name) => name.startsWith('.sluice-deps-'))).toEqual([]);
    };

    writeFileSync(join(project, 'packages.yml'), FULL_TREE({ repo }).replace('acme/kit', 'acme/kitt'));
    const badName = await deps(project);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('Error: Package acme/kitt was not found in the package index');
    expect(badName.stderr).toContain('at packages.yml:2');
    expect(badName.stderr).toContain("hint: did you mean 'acme/kit'?");
    unchanged();

    writeFileSync(join(project, 'packages.yml'), FULL_TREE({ repo }).replace('version: ">=0.2.0"', 'version: "<0.2.0"'));
    const conflict = await deps(project);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('Error: No version of acme/base can satisfy every requirement: <0.2.0 (packages.yml:4), >=0.2.0 (required by acme/kit 1.2.0 (hub)), <0.3.0 (required by acme/kit 1.2.0 (hub))');
    expect(conflict.stderr).toContain('at packages.yml:4');
    unchanged();

    writeFileSync(join(project, 'packages.yml'), FULL_TREE({ repo }).replace('version: ">=0.2.0"', 'version: ">=0.2.1"'));
    const port = await closedPort();
    const unreachable = await deps(project, [], { DBT_PACKAGE_HUB_URL: `http://127.0.0.1:${port}` });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(`Error: Could not reach the package hub at http://127.0.0.1:${port}/`);
    expect(unreachable.stderr).toContain('ECONNREFUSED');
    expect(unreachable.stderr).toContain('at packages.yml:2');
    expect(unreachable.stderr).toContain('DBT_PACKAGE_HUB_URL');
    unchanged();
  });

  it('never prints a secret from an env_var() in a git URL, in output, errors or package-lock.yml', async () => {
    const secret = 'ghp_SluiceSecret0123456789';
    // The secret is part of the repository's path, so that the clone works here without a server.
    const { project } = makeWorkspace(
      () => "packages:\n  - git: \"{{ env_var('DBT_ENV_SECRET_KIT_PATH') }}/kit-repo-{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}\"\n    revision: v1.0.0\n    subdirectory: dbt\n",
      `kit-repo-${secret}`,
    );
    const env = { DBT_ENV_SECRET_GIT_TOKEN: secret, DBT_ENV_SECRET_KIT_PATH: dirname(project) };
    const first = await deps(project, [], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("from git {{ env_var('DBT_ENV_SECRET_KIT_PATH') }}/kit-repo-{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}, subdirectory dbt");
    const lock = readFileSync(join(project, 'package-lock.yml'), 'utf8');
    expect(lockOf(project).packages[0].git).toBe("{{ env_var('DBT_ENV_SECRET_KIT_PATH') }}/kit-repo-{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}");
    // The lock renders its env_var() again when it is installed from.
    const fromLock = await deps(project, [], env);
    expect(fromLock.code).toBe(0);
    expect(fromLock.stdout).toContain('Installing the packages pinned in package-lock.yml');
    for (const text of [first.stdout, first.stderr, fromLock.stdout, fromLock.stderr, lock]) expect(text).not.toContain(secret);

    // Clones that fail. git leaves a URL's credentials out of its message; a path it prints is masked.
    const port = await closedPort();
    writeFileSync(join(project, 'packages.yml'), `packages:\n  - git: "https://x-access-token:{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}@127.0.0.1:${port}/acme/private.git"\n    revision: v1.0.0\n`);
    const unreachable = await deps(project, [], { ...env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain("Error: git could not check out https://x-access-token:{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}@127.0.0.1");
    expect(unreachable.stderr).toContain('at packages.yml:2');
    writeFileSync(join(project, 'packages.yml'), "packages:\n  - git: \"{{ env_var('DBT_ENV_SECRET_KIT_PATH') }}/missing-{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}\"\n    revision: v1.0.0\n");
    const missing = await deps(project, [], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/fatal: .*\*\*\*\*\*/);
    for (const text of [unreachable.stdout, unreachable.stderr, missing.stdout, missing.stderr]) expect(text).not.toContain(secret);
    expect(installed(project)).toEqual(['git_pkg']);
  });

  it('--lock writes package-lock.yml and installs nothing; install_prerelease lets prereleases in', async () => {
    const { project } = makeWorkspace(() => 'packages:\n  - package: acme/kit\n    version: [">=1.0.0", "<2.0.0"]\n    install_prerelease: true\n', 'prerelease-repo');
    const lines: string[] = [];
    const env = { DBT_PACKAGE_HUB_URL: hub.url };
    const locked = await installPackages({ projectDir: project, lockOnly: true, env, out: (line) => lines.push(line) });
    expect(locked.lockWritten).toBe(true);
    expect(existsSync(join(project, 'dbt_packages'))).toBe(false);
    expect(lockOf(project).packages).toEqual([
      { name: 'kit', package: 'acme/kit', version: '1.3.0-rc1' },
      { name: 'base_utils', package: 'acme/base', version: '0.2.1' },
    ]);
    const result = await installPackages({ projectDir: project, env, out: (line) => lines.push(line) });
    expect(result).toMatchObject({ fromLock: true, packages: [{ name: 'kit', version: '1.3.0-rc1' }, { name: 'base_utils', version: '0.2.1' }] });

    writeFileSync(join(project, 'packages.yml'), 'packages:\n  - package: acme/kit\n    version: ">2.0.0"\n');
    const none = await installPackages({ projectDir: project, env }).catch((error: unknown) => error);
    expect(none).toBeInstanceOf(SluiceError);
    expect((none as SluiceError).message).toBe('No version of acme/kit matches >2.0.0 (>2.0.0 from packages.yml:2)');
    expect((none as SluiceError).hint).toBe('versions that can be installed: 1.0.0, 1.2.0, 2.0.0; prereleases are left out unless install_prerelease: true');
  });
});
