/**
 * package-lock.yml's sha1_hash as dbt computes it, so that a lock written by dbt deps is honoured by
 * sluice deps and the other way round. The expected hashes are those in real projects' lock files that
 * dbt deps wrote for these packages.yml files.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagesHash, writeLockFile } from '../../src/deps/lock-file.js';
import { PackageRenderer } from '../../src/deps/package-context.js';
import { readPackageList } from '../../src/deps/package-spec.js';
import { SecretMask } from '../../src/deps/secret-mask.js';
import { makeProject } from '../support/project.js';

function hashOf(packagesYml: string, env: NodeJS.ProcessEnv = {}): string {
  const dir = makeProject({ 'packages.yml': packagesYml });
  const renderer = new PackageRenderer({ env, cliVars: {}, mask: new SecretMask(env) });
  return packagesHash(readPackageList(dir, '', renderer).entries);
}

describe("package-lock.yml's sha1_hash", () => {
  it('matches what dbt deps wrote for hub packages with version ranges', () => {
    const packages = 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.3.0", "<2.0.0"]\n  - package: dbt-labs/codegen\n    version: [">=0.14.0", "<1.0.0"]\n';
    expect(hashOf(packages)).toBe('01f31e0d658d76121f50e62b998342ebf138df11');
  });

  it('matches what dbt deps wrote for a local package', () => {
    expect(hashOf('packages:\n  - local: ../../platform_core/platform_core\n')).toBe('7db87d427e98c01ae247c8bdc18109501e38afe1');
  });

  it('does not depend on the order of the entries, and changes when an entry does', () => {
    const a = 'packages:\n  - package: a/x\n    version: 1.0.0\n  - local: ../y\n';
    const b = 'packages:\n  - local: ../y\n  - package: a/x\n    version: 1.0.0\n';
    expect(hashOf(a)).toBe(hashOf(b));
    expect(hashOf(a)).not.toBe(hashOf(a.replace('1.0.0', '1.0.1')));
  });

  it('changes when an env_var() in packages.yml renders to something else', () => {
    const packages = "packages:\n  - git: \"https://{{ env_var('DBT_ENV_SECRET_TOKEN') }}@example.invalid/org/repo.git\"\n    revision: v1.0.0\n";
    expect(hashOf(packages, { DBT_ENV_SECRET_TOKEN: 'one-token' })).not.toBe(hashOf(packages, { DBT_ENV_SECRET_TOKEN: 'another-token' }));
  });
});

describe('package-lock.yml as written', () => {
  it("has dbt's layout: entries with sorted keys, indented under packages, then sha1_hash", () => {
    const dir = makeProject({});
    writeLockFile(
      dir,
      [
        { package: 'dbt-labs/dbt_utils', version: '1.3.0', name: 'dbt_utils' },
        { git: 'https://github.com/org/kit.git', revision: '0123456789abcdef0123456789abcdef01234567', subdirectory: 'kit', name: 'kit' },
        { local: '../shared', name: 'shared' },
      ],
      'a158c48c59c2bb7d729d2a4e215aabe5bb4f3353',
    );
    expect(readFileSync(join(dir, 'package-lock.yml'), 'utf8')).toBe(
      [
        'packages:',
        '  - name: dbt_utils',
        '    package: dbt-labs/dbt_utils',
        '    version: 1.3.0',
        '  - git: https://github.com/org/kit.git',
        '    name: kit',
        '    revision: 0123456789abcdef0123456789abcdef01234567',
        '    subdirectory: kit',
        '  - local: ../shared',
        '    name: shared',
        'sha1_hash: a158c48c59c2bb7d729d2a4e215aabe5bb4f3353',
        '',
      ].join('\n'),
    );
  });
});
