/**
 * The `command` input: `lint` on a push lints the whole project (on worker threads, from the bundle's
 * own lint-worker.js, once there are enough files) and builds nothing; `plan` on a pull request shows
 * what ci would build, and builds nothing.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makePull, startFakeGitHub } from '../support/github-server.js';
import { makeProject } from '../support/project.js';
import { eventPayload, runAction } from './run-action.js';


describe('command: lint', () => {
  it('lints every model of the project and builds nothing', async () => {
    const github = await startFakeGitHub();
    try {
      const models = Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`models/model_${String(index).padStart(2, '0')}.sql`, `select ${index} as id,\nfrom (select 1) as one\n`]));
      const dir = makeProject(models);
      const push = eventPayload('push.default-branch');
      const result = await runAction({ event: 'push', payload: push, workspace: dir, apiUrl: github.url, sha: push.after, inputs: { command: 'lint' } });
      expect(result.stderr).toBe('');
      const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error title=Sluice lint CV03,'));
      expect(errors).toHaveLength(60);
      expect(errors[59]).toMatch(/^::error title=Sluice lint CV03,file=models\/model_59\.sql,line=1,endLine=1,col=\d+::trailing comma before FROM/);
      expect(result.outputs['lint-errors']).toBe('60');
      expect(result.summary).toMatch(/\*\*\d+ lint findings \(60 errors\)\*\* in the whole project\./);
      expect(result.code).toBe(1);
      expect(existsSync(join(dir, 'target', 'test.duckdb'))).toBe(false);
      expect(github.requests).toEqual([]);
    } finally {
      await github.close();
    }
  });
});

describe('command: plan', () => {
  it("puts the pull request's plan in the job summary and builds nothing", async () => {
    const github = await startFakeGitHub();
    try {
      github.state.pulls.set(2, makePull(github.state, 2));
      const dir = makeProject({ 'models/orders.sql': 'select 1 as order_id\n', 'models/order_count.sql': "select count(*) as orders from {{ ref('orders') }}\n" });
      const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.synchronize'), workspace: dir, apiUrl: github.url, inputs: { command: 'plan' } });
      expect(result.code).toBe(0);
      expect(result.summary).toContain('## 🚦 Sluice · plan for pull request #2');
      expect(result.summary).toContain('Plan for pr_2: 0 modified, 2 new, 0 impacted, 0 removed, 0 deferred');
      expect(result.outputs.environment).toBe('pr_2');
      expect(github.requests).toEqual([]);
    } finally {
      await github.close();
    }
  });
});
