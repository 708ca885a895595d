/** A cancelled promote (SIGTERM, as a runner sends): its statements stop, nothing is published, no lock is left. */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import { CLI, makeProject } from '../support/project.js';

describe('cancelling a promote', () => {
  it('interrupts the running statement, publishes nothing and releases the lock', async () => {
    const dir = makeProject({
      'models/quick.sql': "{{ config(materialized='table') }}select 1 as id",
      'models/slow.sql': "{{ config(materialized='table') }}select 1 as n",
    });
    expect((await pipeline.promote({ projectDir: dir, out: () => undefined })).status).toBe('published');
    // Ten billion rows: minutes of work unless it is interrupted.
    writeFileSync(join(dir, 'models/slow.sql'), "{{ config(materialized='table') }}select count(*) as n from range(100000) a, range(100000) b");

    const child = spawn(process.execPath, [CLI, 'promote', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('Running build') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentAt = Date.now();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exit;
    clearTimeout(timer);

    expect(code).toBe(1);
    expect(Date.now() - sentAt).toBeLessThan(15_000);
    expect(stdout).toContain('Cancelling: stopping running statements');
    expect(stdout).toContain('Not published: production is unchanged.');
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'test.duckdb') });
    try {
      expect((await warehouse.query('select count(*) as n from sluice_state.locks')).rows).toEqual([{ n: 0 }]);
      expect((await warehouse.query('select n from main.slow')).rows).toEqual([{ n: 1 }]);
      expect((await warehouse.query('select count(*) as n from sluice_state.deployments')).rows).toEqual([{ n: 1 }]);
    } finally {
      await warehouse.close();
    }
  });
});
