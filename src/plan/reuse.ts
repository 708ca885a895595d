/**
 * Reuse on merge: a pull request's run records the tables it built and tested, with what each read
 * (production's relations and their versions then, or models built beside it); promote publishes such a
 * table instead of building it again when the model's fingerprints are the same and everything it reads
 * is what it read then — the same production versions, and the same environment's reused tables.
 */
import type { Fingerprint } from '../graph/fingerprint.js';
import type { Node } from '../project/types.js';
import type { Report } from '../report/report-json.js';
import type { Session } from '../session.js';
import type { Relation, Warehouse } from '../warehouse/warehouse.js';
import type { Environment } from './environment.js';
import { storedFingerprint, type Plan } from './plan.js';
import type { BuildInput, TestedBuild } from './state-store.js';

/**
 * Whether a node's table can be reused: tables, incremental models and seeds. Not views (cheap to build),
 * nor snapshots, whose rows record when they were taken.
 */
export function reusable(node: Node): boolean {
  if (node.resourceType === 'seed') return true;
  return node.resourceType === 'model' && (node.config.materialized === 'table' || node.config.materialized === 'incremental');
}

/** SQL that reads the clock: built at another time, it builds other rows, whatever its inputs. */
const CLOCK = /\b(current_date|current_timestamp|current_time|localtimestamp|localtime|now|getdate|sysdate|systimestamp|unix_timestamp|current_timezone)\b/i;
const CLOCK_IN_JINJA = /\b(run_started_at|invocation_id|modules\.datetime|modules\.time)\b/;

/** Why a built node's table cannot stand for a build at another time, or null. */
export function readsTheClock(node: Node): string | null {
  if (CLOCK_IN_JINJA.test(node.rawCode)) return 'its Jinja reads the time of the run';
  const compiled = node.compiledCode ?? '';
  const match = CLOCK.exec(compiled.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' '));
  return match ? `its SQL reads the clock (${match[1].toLowerCase()})` : null;
}

/**
 * What a build of `node` reads, by unique_id: its parents, looking through ephemeral models (inlined), and
 * — for an incremental model or a snapshot, which continue their production table — the node itself.
 */
export function buildInputs(session: Session, node: Node): Node[] {
  const { graph } = session;
  const inputs = new Map<string, Node>();
  const visit = (id: string) => {
    for (const parentId of graph.parents.get(id) ?? []) {
      const parent = graph.nodes.get(parentId);
      if (!parent || inputs.has(parentId)) continue;
      if (parent.resourceType === 'model' && parent.config.materialized === 'ephemeral') visit(parentId);
      else if (['model', 'seed', 'snapshot', 'source'].includes(parent.resourceType)) inputs.set(parentId, parent);
    }
  };
  visit(node.uniqueId);
  if (node.resourceType === 'snapshot' || node.config.materialized === 'incremental') inputs.set(node.uniqueId, node);
  return [...inputs.values()];
}

/** Production versions of relations, each asked once. */
export class InputVersions {
  private readonly versions = new Map<string, Promise<string | null>>();

  constructor(private readonly warehouse: Warehouse) {}

  of(relation: Relation): Promise<string | null> {
    const key = `${relation.database ?? ''}.${relation.schema}.${relation.identifier}`.toLowerCase();
    let version = this.versions.get(key);
    if (!version) {
      version = this.warehouse.inputVersion ? this.warehouse.inputVersion(relation).catch(() => null) : Promise.resolve(null);
      this.versions.set(key, version);
    }
    return version;
  }
}

/**
 * Before a pull request's build: the production version of everything its planned nodes may read from
 * production (taken first, so that a change to production during the build is never mistaken for what the
 * build read).
 */
export async function versionsBeforeBuild(session: Session, plan: Plan, versions: InputVersions): Promise<void> {
  const planned = new Map(plan.nodes.map((node) => [node.uniqueId, node.change]));
  const relations: Relation[] = [];
  for (const id of plan.build) {
    const node = session.graph.nodes.get(id)!;
    if (!reusable(node)) continue;
    for (const input of buildInputs(session, node)) if (planned.get(input.uniqueId) !== 'new') relations.push(input.relation);
  }
  await Promise.all(relations.map((relation) => versions.of(relation)));
}

/**
 * The tables a pull request's run built and whose tests all passed, with what each read: what promote may
 * reuse. A model that failed, or any of whose tests failed, errored or was skipped, is left out.
 */
export async function testedBuilds(
  session: Session,
  context: { plan: Plan; report: Report; environment: Environment; fingerprints: Map<string, Fingerprint>; versions: InputVersions; runId: string; gitSha: string | null },
): Promise<TestedBuild[]> {
  const { plan, report, environment } = context;
  const failedTests = new Set(report.tests.filter((test) => !['pass', 'success', 'warn'].includes(test.status)).map((test) => test.model));
  const builds: TestedBuild[] = [];
  const builtAt = new Date().toISOString();
  for (const model of report.models) {
    const node = session.graph.nodes.get(model.unique_id);
    const fingerprint = context.fingerprints.get(model.unique_id);
    if (!node || !fingerprint || model.status !== 'built' || !reusable(node) || failedTests.has(node.name) || readsTheClock(node)) continue;
    const inputs: Record<string, BuildInput> = {};
    let known = true;
    for (const input of buildInputs(session, node)) {
      if (input.uniqueId !== node.uniqueId && plan.build.has(input.uniqueId)) {
        inputs[input.uniqueId] = { from: 'environment' };
        continue;
      }
      const version = await context.versions.of(input.relation);
      if (version === null) known = false;
      inputs[input.uniqueId] = { from: 'production', version: version ?? '' };
    }
    // What it read cannot be told (a view on Databricks, say): promote could never prove it unchanged.
    if (!known) continue;
    const relation = environment.relationFor(node.relation);
    const tableVersion = await context.versions.of(relation);
    if (tableVersion === null) continue;
    builds.push({
      environment: environment.name,
      uniqueId: node.uniqueId,
      name: node.name,
      fingerprint: storedFingerprint(fingerprint),
      dataFingerprint: fingerprint.data,
      relation,
      tableVersion,
      inputs,
      runId: context.runId,
      gitSha: context.gitSha,
      builtAt,
    });
  }
  return builds;
}

/**
 * Promote's side: as each planned node becomes ready, whether a pull request's tested table of it can be
 * published as it is. `reused` says from where; `notReused` why not, for the models some pull request built.
 */
export class ReuseOnMerge {
  readonly reused = new Map<string, TestedBuild>();
  readonly notReused = new Map<string, string>();
  private readonly byNode = new Map<string, TestedBuild[]>();

  constructor(
    private readonly session: Session,
    private readonly warehouse: Warehouse,
    private readonly plan: Plan,
    private readonly fingerprints: Map<string, Fingerprint>,
    builds: TestedBuild[],
    private readonly versions: InputVersions,
  ) {
    for (const build of builds) this.byNode.set(build.uniqueId, [...(this.byNode.get(build.uniqueId) ?? []), build]);
  }

  /** The tested build to publish for `node`, or null to build it (the reason kept in `notReused`). */
  async decide(node: Node): Promise<TestedBuild | null> {
    if (!reusable(node) || !this.plan.build.has(node.uniqueId)) return null;
    const fingerprint = this.fingerprints.get(node.uniqueId)!;
    const candidates = this.byNode.get(node.uniqueId) ?? [];
    if (!candidates.length) return null;
    const same = candidates.filter((build) => build.fingerprint === storedFingerprint(fingerprint) && build.dataFingerprint === fingerprint.data);
    if (!same.length) {
      this.notReused.set(node.uniqueId, `${candidates[0].environment} built a different version of it`);
      return null;
    }
    let why = '';
    for (const build of same) {
      why = await this.mismatch(node, build);
      if (!why) {
        this.reused.set(node.uniqueId, build);
        return build;
      }
    }
    this.notReused.set(node.uniqueId, why);
    return null;
  }

  /** Why `build` cannot stand for what promote would build now, or '' when it can. */
  private async mismatch(node: Node, build: TestedBuild): Promise<string> {
    if ((await this.warehouse.getRelationType(build.relation)) !== 'table') return `${build.environment}'s table is gone`;
    // Written to since its tests passed (by hand, or a later hook): not the table that was tested.
    if ((await this.versions.of(build.relation)) !== build.tableVersion) return `${build.environment}'s table changed since it was tested`;
    const inputs = buildInputs(this.session, node);
    if (inputs.length !== Object.keys(build.inputs).length) return `it reads other relations than in ${build.environment}`;
    for (const input of inputs) {
      const then = build.inputs[input.uniqueId];
      if (!then) return `it reads ${input.name}, which ${build.environment}'s build did not`;
      const builtHere = input.uniqueId !== node.uniqueId && this.plan.build.has(input.uniqueId);
      if (builtHere) {
        if (this.reused.get(input.uniqueId)?.environment !== build.environment || then.from !== 'environment') return `${input.name}, which it reads, is built again`;
        continue;
      }
      if (then.from !== 'production') return `${build.environment} built ${input.name}, which it reads, and production's is used now`;
      const now = await this.versions.of(input.relation);
      if (now === null || now !== then.version) return `${input.uniqueId === node.uniqueId ? "production's table" : input.name} changed since ${build.environment} built it`;
    }
    return '';
  }
}
