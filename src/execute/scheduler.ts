/**
 * Runs a DAG of tasks with up to `threads` at once, as dbt does: a task starts when every dependency has
 * finished; a dependency whose status stops its dependents (error, fail, skipped — which ones depends on
 * the command) marks them skipped; with fail-fast the first failure skips everything not yet started.
 */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

export interface TaskOutcome {
  status: NodeStatus;
  message?: string | null;
}

export interface SchedulerTask {
  id: string;
  dependsOn: string[];
  run(): Promise<TaskOutcome>;
}

export interface SchedulerOptions {
  threads: number;
  /** Statuses that make dependents skipped. */
  stopsDependents: ReadonlySet<NodeStatus>;
  failFast?: boolean;
  /** Checked before each task starts: true skips everything not started yet (a cancelled job). */
  shouldStop?: () => boolean;
  onStart?: (id: string) => void;
  onFinish?: (id: string, outcome: TaskOutcome) => void;
}

export async function runTasks(tasks: SchedulerTask[], options: SchedulerOptions): Promise<Map<string, TaskOutcome>> {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const task of tasks) {
    const deps = task.dependsOn.filter((dep) => byId.has(dep) && dep !== task.id);
    waitingOn.set(task.id, deps.length);
    for (const dep of deps) {
      const list = dependents.get(dep) ?? [];
      list.push(task.id);
      dependents.set(dep, list);
    }
  }
  const outcomes = new Map<string, TaskOutcome>();
  const skipReasons = new Map<string, string | null>();
  const ready = tasks.filter((task) => waitingOn.get(task.id) === 0).map((task) => task.id);
  let running = 0;
  let stopped = false;

  return new Promise((resolve, reject) => {
    const finish = (id: string, outcome: TaskOutcome) => {
      outcomes.set(id, outcome);
      options.onFinish?.(id, outcome);
      if (options.failFast && (outcome.status === 'error' || outcome.status === 'fail')) stopped = true;
      for (const child of dependents.get(id) ?? []) {
        if (options.stopsDependents.has(outcome.status) && !skipReasons.has(child)) skipReasons.set(child, null);
        const remaining = waitingOn.get(child)! - 1;
        waitingOn.set(child, remaining);
        if (remaining === 0) ready.push(child);
      }
    };
    const pump = () => {
      while (ready.length && (running < options.threads || skipReasons.has(ready[0]) || stopped || options.shouldStop?.())) {
        const id = ready.shift()!;
        if (options.shouldStop?.()) {
          finish(id, { status: 'skipped', message: 'Cancelled' });
          continue;
        }
        if (stopped && !outcomes.has(id)) {
          finish(id, { status: 'skipped', message: 'Skipping due to fail_fast' });
          continue;
        }
        if (skipReasons.has(id)) {
          finish(id, { status: 'skipped', message: skipReasons.get(id) ?? null });
          continue;
        }
        running++;
        options.onStart?.(id);
        byId
          .get(id)!
          .run()
          .then(
            (outcome) => {
              running--;
              finish(id, outcome);
              pump();
            },
            (error: unknown) => {
              running--;
              finish(id, { status: 'error', message: error instanceof Error ? error.message : String(error) });
              pump();
            },
          );
      }
      if (running === 0 && !ready.length) {
        if (outcomes.size < tasks.length) reject(new Error('The task graph has a cycle or a missing dependency'));
        else resolve(outcomes);
      }
    };
    pump();
  });
}
