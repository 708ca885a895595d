/**
 * The tests run the committed dist/ as a runner would; this makes sure dist/ is the bundle of the current
 * sources (as check-dist does in CI): a stale bundle fails here, with what to run.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/project.js';

describe('dist/', () => {
  it('is the bundle of the current sources (npm run bundle rebuilds it)', () => {
    // Inside the repository, as dist/ is: the bundle's paths are relative to where it lies.
    const fresh = mkdtempSync(join(REPO_ROOT, 'node_modules', '.sluice-dist-'));
    try {
      const bundle = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle-action.mjs'), '--outdir', fresh, '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(bundle.stderr).toBe('');
      expect(bundle.status).toBe(0);
      const committed = join(REPO_ROOT, 'dist');
      const files = readdirSync(fresh).sort();
      expect(readdirSync(committed).sort()).toEqual(files);
      const stale = files.filter((file) => !readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file))));
      expect(stale).toEqual([]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 120_000);
});
