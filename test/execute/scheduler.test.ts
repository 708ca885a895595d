/** The scheduler: dependency order, the thread limit, dbt's skip rules and fail-fast. */
import { describe, expect, it } from '@jest/globals';
import { runTasks, type NodeStatus, type SchedulerTask } from '../../src/execute/scheduler.js';

function task(id: string, dependsOn: string[], status: NodeStatus, log: string[], gate?: Promise<void>): SchedulerTask {
  return {
    id,
    dependsOn,
    run: async () => {
      log.push(`start ${id}`);
      await (gate ?? Promise.resolve());
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${id}`);
      return { status };
    },
  };
}

describe('runTasks', () => {
  it('starts a task only after its dependencies finish', async () => {
    const log: string[] = [];
    await runTasks([task('c', ['b'], 'success', log), task('b', ['a'], 'success', log), task('a', [], 'success', log)], { threads: 4, stopsDependents: new Set(['error']) });
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('never runs more than `threads` tasks at once, and does use them all', async () => {
    let running = 0;
    let peak = 0;
    const tasks: SchedulerTask[] = Array.from({ length: 12 }, (_, index) => ({
      id: `t${index}`,
      dependsOn: [],
      run: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return { status: 'success' as const };
      },
    }));
    await runTasks(tasks, { threads: 3, stopsDependents: new Set(['error']) });
    expect(peak).toBe(3);
  });

  it('skips everything downstream of a failure, and only of a failure', async () => {
    const log: string[] = [];
    const outcomes = await runTasks(
      [task('bad', [], 'error', log), task('child', ['bad'], 'success', log), task('grandchild', ['child'], 'success', log), task('other', [], 'success', log)],
      { threads: 2, stopsDependents: new Set(['error', 'skipped']) },
    );
    expect(outcomes.get('child')!.status).toBe('skipped');
    expect(outcomes.get('grandchild')!.status).toBe('skipped');
    expect(outcomes.get('other')!.status).toBe('success');
    expect(log).not.toContain('start child');
  });

  it('lets a warning through', async () => {
    const outcomes = await runTasks([task('test', [], 'warn', []), task('child', ['test'], 'success', [])], { threads: 1, stopsDependents: new Set(['error', 'fail', 'skipped']) });
    expect(outcomes.get('child')!.status).toBe('success');
  });

  it('with fail-fast, skips what has not started after the first failure', async () => {
    const log: string[] = [];
    const outcomes = await runTasks([task('a', [], 'fail', log), task('b', ['a0'], 'success', log), task('a0', [], 'success', log)], {
      threads: 1,
      failFast: true,
      stopsDependents: new Set(['error', 'fail', 'skipped']),
    });
    expect(outcomes.get('a')!.status).toBe('fail');
    const unfinished = [...outcomes.entries()].filter(([id]) => id !== 'a');
    expect(unfinished.every(([, outcome]) => outcome.status === 'skipped' && outcome.message === 'Skipping due to fail_fast')).toBe(true);
  });

  it('turns a thrown error into an error outcome', async () => {
    const outcomes = await runTasks([{ id: 'x', dependsOn: [], run: async () => { throw new Error('boom'); } }], { threads: 1, stopsDependents: new Set(['error']) });
    expect(outcomes.get('x')).toEqual({ status: 'error', message: 'boom' });
  });
});
