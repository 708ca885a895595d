/**
 * Source freshness as the commands use it: `sluice source freshness` (select sources, check them, write
 * target/sources.json), and for `ci` and `promote` the sources upstream of what they build, and which of
 * those stop a deploy under `promote.require_fresh_sources`.
 */
import { resolve } from 'node:path';
import { selectForCommand } from '../execute/run-task.js';
import { ancestors } from '../graph/graph.js';
import type { Node } from '../project/types.js';
import type { Session } from '../session.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { checkFreshness, sourcesWithFreshness, type FreshnessCheck, type FreshnessRun } from './check-freshness.js';
import { writeSourcesJson } from './sources-json.js';

export interface SourceFreshnessOptions {
  select?: string[];
  exclude?: string[];
  threads?: number;
  /** Where to write sources.json (dbt's --output); default target/sources.json. */
  output?: string;
  out: (line: string) => void;
}

export interface SourceFreshnessResult {
  run: FreshnessRun;
  /** Where sources.json was written. */
  path: string;
  /** No source is stale past error_after and every check ran (warnings are fine): dbt's exit 0. */
  ok: boolean;
}

/** `sluice source freshness`: the selected sources that have a rule, checked on the target, sources.json written. */
export async function runSourceFreshness(session: Session, warehouse: Warehouse, options: SourceFreshnessOptions): Promise<SourceFreshnessResult> {
  const { out } = options;
  const selected = selectForCommand(session, 'ls', { select: options.select, exclude: options.exclude, out }, ['source']);
  const sources = sourcesWithFreshness(selected);
  const path = options.output ? resolve(options.output) : resolve(session.project.targetPath, 'sources.json');
  let run: FreshnessRun = { results: [], elapsedSeconds: 0 };
  if (!sources.length) out('Nothing to do: no selected source table has a freshness rule (warn_after or error_after).');
  else run = await checkFreshness(sources, warehouse, { threads: options.threads ?? session.project.profile.target.threads, out });
  writeSourcesJson(path, run, { invocationId: session.renderer.invocationId, invocationStartedAt: session.project.runStartedAt });
  const count = (status: FreshnessCheck['status']) => run.results.filter((check) => check.status === status).length;
  if (sources.length) {
    out('');
    out(`Finished source freshness of ${sources.length} source table${sources.length === 1 ? '' : 's'} in ${run.elapsedSeconds.toFixed(2)}s.`);
    out(`PASS=${count('pass')} WARN=${count('warn')} ERROR=${count('error') + count('runtime error')} TOTAL=${run.results.length}`);
  }
  return { run, path, ok: count('error') + count('runtime error') === 0 };
}

/**
 * The sources with a freshness rule upstream of `build` (directly or through models read from
 * production), except those a seed of this very build loads: their rows are written by the run itself.
 */
export function sourcesReadBy(session: Session, build: Set<string>): Node[] {
  const { graph } = session;
  const upstream = [...ancestors(graph, build)].map((id) => graph.nodes.get(id)!).filter((node) => node.resourceType === 'source');
  const loadedByThisRun = (node: Node) => [...(graph.parents.get(node.uniqueId) ?? [])].some((parent) => build.has(parent));
  return sourcesWithFreshness(upstream.filter((node) => !loadedByThisRun(node)));
}

/** Checks the freshness of the sources `build` reads, where production keeps them; none to check gives an empty run. */
export async function checkSourcesRead(session: Session, warehouse: Warehouse, build: Set<string>, options: { threads?: number; out: (line: string) => void }): Promise<FreshnessRun> {
  const sources = sourcesReadBy(session, build);
  if (!sources.length) return { results: [], elapsedSeconds: 0 };
  options.out('');
  options.out('Source freshness of what this run reads:');
  return checkFreshness(sources, warehouse, { threads: options.threads ?? session.project.profile.target.threads, out: options.out, relationOf: (node) => node.relation });
}

/** What `promote.require_fresh_sources` is set to: block on error (and runtime error), on warn too, or never. */
export type FreshnessGate = 'error' | 'warn' | false;

/** The checks that stop a deploy under `gate`: errors and failed checks, and with `warn` warnings as well. */
export function blockingChecks(run: FreshnessRun, gate: FreshnessGate): FreshnessCheck[] {
  if (!gate) return [];
  return run.results.filter((check) => check.status === 'error' || check.status === 'runtime error' || (gate === 'warn' && check.status === 'warn'));
}
