/**
 * Reading packages.yml as dbt reads it: each entry checked (an error names the file and line), strings
 * rendered with env_var() (secrets too, here only) and var() from --vars, dependencies.yml as written.
 */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { PackageRenderer } from '../../src/deps/package-context.js';
import { readPackageList, type PackageList } from '../../src/deps/package-spec.js';
import { SecretMask } from '../../src/deps/secret-mask.js';
import { makeProject } from '../support/project.js';

function read(files: Record<string, string>, env: NodeJS.ProcessEnv = {}, cliVars: Record<string, unknown> = {}): { list: PackageList; mask: SecretMask } {
  const mask = new SecretMask(env);
  const list = readPackageList(makeProject(files), '', new PackageRenderer({ env, cliVars, mask }));
  return { list, mask };
}

function errorOf(files: Record<string, string>): SluiceError {
  try {
    read(files);
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected packages.yml to be refused');
}

describe('packages.yml entries', () => {
  it('reads the four kinds', () => {
    const { list } = read({
      'packages.yml': [
        'packages:',
        '  - package: dbt-labs/dbt_utils',
        '    version: [">=1.0.0", "<2.0.0"]',
        '    install_prerelease: true',
        '  - git: https://github.com/org/kit.git',
        '    revision: v1.0.0',
        '    subdirectory: kit',
        '    warn-unpinned: false',
        '  - local: ../shared',
        '  - tarball: https://example.invalid/x.tar.gz',
        '    name: x',
        '',
      ].join('\n'),
    });
    expect(list.file).toBe('packages.yml');
    expect(list.entries.map((entry) => entry.spec)).toMatchObject([
      { kind: 'hub', package: 'dbt-labs/dbt_utils', versions: [{ text: '>=1.0.0' }, { text: '<2.0.0' }], installPrerelease: true, origin: { file: 'packages.yml', line: 2 } },
      { kind: 'git', git: 'https://github.com/org/kit.git', revision: 'v1.0.0', subdirectory: 'kit', warnUnpinned: false, origin: { line: 5 } },
      { kind: 'local', local: '../shared', origin: { line: 9 } },
      { kind: 'tarball', tarball: 'https://example.invalid/x.tar.gz', name: 'x', origin: { line: 10 } },
    ]);
  });

  it('are refused with the file, the line and a hint when dbt would refuse them', () => {
    const cases: Array<[string, RegExp, number, RegExp]> = [
      ['  - package: dbt_utils\n    version: 1.0.0\n', /dbt_utils was not found in the package index/, 2, /dbt-labs\/dbt_utils/],
      ['  - package: dbt-labs/dbt_utils\n', /has no version/, 2, /version: 1\.3\.0/],
      ['  - package: dbt-labs/dbt_utils\n    version: "^1.0.0"\n', /"\^1\.0\.0" is not a valid version/, 3, /a range is a list/],
      ['  - package: dbt-labs/dbt_utils\n    version: 1.0.0\n    install-prerelease: true\n', /Unknown key 'install-prerelease'/, 4, /install_prerelease \(with an underscore\)/],
      ['  - git: https://github.com/org/kit.git\n    revison: v1\n', /Unknown key 'revison'/, 3, /did you mean 'revision'/],
      ['  - tarball: https://example.invalid/x.tar.gz\n', /needs 'name'/, 2, /.*/],
      ['  - private: org/repo\n', /private: packages are not supported yet/, 2, /git: package/],
      ['  - package: a/b\n    git: https://x\n', /has both 'package' and 'git'/, 3, /split it/],
      ['  - dbt-labs/dbt_utils\n', /must be a mapping/, 2, /.*/],
    ];
    for (const [entries, message, line, hint] of cases) {
      const error = errorOf({ 'packages.yml': `packages:\n${entries}` });
      expect(error.message).toMatch(message);
      expect(error.file).toBe('packages.yml');
      expect(error.line).toBe(line);
      expect(error.hint ?? '').toMatch(hint);
    }
  });

  it('may be in dependencies.yml, but not in both files', () => {
    expect(read({ 'dependencies.yml': 'packages:\n  - local: ../shared\n' }).list.file).toBe('dependencies.yml');
    const both = errorOf({ 'packages.yml': 'packages:\n  - local: ../a\n', 'dependencies.yml': 'packages:\n  - local: ../b\n' });
    expect(both.message).toMatch(/cannot be in both packages.yml and dependencies.yml/);
  });
});

describe('rendering packages.yml', () => {
  it('reads env_var() and var() from --vars, secrets included, and remembers the secrets to mask', () => {
    const env = { DBT_ENV_SECRET_GIT_TOKEN: 'ghp_0123456789', KIT_VERSION: '1.2.0' };
    const { list, mask } = read(
      {
        'packages.yml': [
          'packages:',
          "  - git: \"https://x-access-token:{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}@github.com/org/kit.git\"",
          "    revision: \"{{ var('kit_revision') }}\"",
          '  - package: acme/kit',
          "    version: \"{{ env_var('KIT_VERSION') }}\"",
          '',
        ].join('\n'),
      },
      env,
      { kit_revision: 'v2.0.0' },
    );
    expect(list.entries[0].spec).toMatchObject({
      git: 'https://x-access-token:ghp_0123456789@github.com/org/kit.git',
      gitUnrendered: "https://x-access-token:{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}@github.com/org/kit.git",
      revision: 'v2.0.0',
    });
    expect(list.entries[1].spec).toMatchObject({ versions: [{ text: '1.2.0' }] });
    expect(mask.mask('cloning https://x-access-token:ghp_0123456789@github.com/org/kit.git: ghp_0123456789')).toBe('cloning https://x-access-token:*****@github.com/org/kit.git: *****');
  });

  it('names the variable packages.yml needs and the line', () => {
    const error = errorOf({ 'packages.yml': "packages:\n  - package: acme/kit\n    version: \"{{ env_var('KIT_VERSION_NOT_SET') }}\"\n" });
    expect(error.message).toBe("Environment variable 'KIT_VERSION_NOT_SET' is required by packages.yml but not set");
    expect(error.line).toBe(2);
  });

  it("leaves the root's dependencies.yml as written, as dbt does", () => {
    const { list } = read({ 'dependencies.yml': "packages:\n  - local: \"{{ 'x' }}\"\n" });
    expect(list.entries[0].spec).toMatchObject({ local: "{{ 'x' }}" });
  });
});
