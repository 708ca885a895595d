/**
 * A fresh checkout has no dbt_packages/: the Action runs `sluice deps` itself before anything else when
 * the project lists packages, and says so in its log. (The resolution itself — hub, git, tarballs, the
 * lock file — is tested through the CLI in test/deps/.)
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub } from '../support/github-server.js';
import { startPackageHub } from '../support/package-hub.js';
import { makeProject } from '../support/project.js';
import { eventPayload, runAction } from './run-action.js';

describe('packages in a fresh checkout', () => {
  it('are installed before lint, which then reads the package macros', async () => {
    const github = await startFakeGitHub();
    const hub = await startPackageHub([
      { id: 'acme/greetings', projectName: 'greetings', releases: [{ version: '1.0.0', files: { 'macros/greeting.sql': "{% macro greeting() %}'hello'{% endmacro %}\n" } }] },
    ]);
    try {
      const dir = makeProject({
        'packages.yml': 'packages:\n  - package: acme/greetings\n    version: 1.0.0\n  - local: vendor/shared\n',
        'vendor/shared/dbt_project.yml': "name: 'shared'\nconfig-version: 2\n",
        'models/greetings.sql': 'select {{ greetings.greeting() }} as greeting\n',
      });
      const push = eventPayload('push.default-branch');
      const result = await runAction({ event: 'push', payload: push, workspace: dir, apiUrl: github.url, sha: push.after, inputs: { command: 'lint' }, env: { DBT_PACKAGE_HUB_URL: hub.url } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const log = result.stdout.split('\n');
      const announced = log.indexOf('The project lists packages that are not installed: running sluice deps');
      expect(announced).toBeGreaterThanOrEqual(0);
      expect(log.slice(announced + 1)).toContain('Installed greetings 1.0.0 from the hub (acme/greetings)');
      expect(log.slice(announced + 1)).toContain('Installed shared from local vendor/shared (linked)');
      expect(existsSync(join(dir, 'dbt_packages', 'greetings', 'macros', 'greeting.sql'))).toBe(true);
      expect(lstatSync(join(dir, 'dbt_packages', 'shared')).isSymbolicLink()).toBe(true);
      expect(existsSync(join(dir, 'package-lock.yml'))).toBe(true);
    } finally {
      await github.close();
      await hub.close();
    }
  });
});
