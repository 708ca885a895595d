/**
 * Structured log events (`--log-format json`): what a run says, as data. One event is one line of dbt's
 * JSON log shape — `{"info": {name, code, msg, level, invocation_id, pid, thread, ts}, "data": {…}}` — with
 * dbt's event names, codes and field names where dbt has the event (NodeStart, NodeFinished,
 * CommandCompleted, Note, MainEncounteredError), and Sluice's own (codes `SL…`) where it has none.
 * Every human line that is not one of these events is a `Note` whose `msg` is the line, so nothing is lost.
 */
import type { NodeResult } from '../execute/run-results.js';
import type { Node } from '../project/types.js';
import type { Relation } from '../warehouse/warehouse.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** dbt's node_info: which node an event is about, and where it stands. */
export interface NodeInfo {
  /** The file, relative to its resource folder (`staging/stg_orders.sql`), as dbt's node_path. */
  node_path: string;
  node_name: string;
  unique_id: string;
  resource_type: string;
  materialized: string | null;
  /** `started` while it runs; then its result: success, error, skipped, pass, fail, warn — or deferred. */
  node_status: string;
  /** ISO 8601 (UTC); null for a node that never started (skipped, deferred). */
  node_started_at: string | null;
  node_finished_at: string | null;
  /** Where it is built (models, seeds, snapshots); null for tests. */
  node_relation: { database: string | null; schema: string; alias: string; relation_name: string | null } | null;
}

/** dbt's run_result of a NodeFinished event. */
export interface RunResultInfo {
  status: string;
  message: string | null;
  /** Seconds. */
  execution_time: number;
  num_failures: number | null;
  adapter_response: { _message?: string; rows_affected?: number };
}

/** Counts of the nodes a command finished, by outcome (keys as dbt's StatsLine where it has them). */
export interface RunStats {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  deferred: number;
  total: number;
}

interface EventOf<Name extends string, Data> {
  name: Name;
  level: LogLevel;
  msg: string;
  data: Data;
}

export type LogEvent =
  | EventOf<'CommandStarted', { command: string; sluice_version: string }>
  | EventOf<'CommandCompleted', { command: string; success: boolean; exit_code: number; completed_at: string; elapsed: number; stats: RunStats }>
  | EventOf<'NodeStart', { node_info: NodeInfo }>
  | EventOf<'NodeFinished', { node_info: NodeInfo; run_result: RunResultInfo }>
  | EventOf<'MainEncounteredError', { exc: string }>
  | EventOf<'Note', { msg: string }>;

export type LogEventSink = (event: LogEvent) => void;

/** dbt's codes for the events dbt has; `SL…` for Sluice's own. */
export const EVENT_CODES: Record<LogEvent['name'], string> = {
  CommandStarted: 'SL001',
  NodeStart: 'Q024',
  NodeFinished: 'Q025',
  CommandCompleted: 'Q039',
  MainEncounteredError: 'Z002',
  Note: 'Z050',
};

const EVENT_SINK = Symbol('sluice.logEvents');

/**
 * An `out` that also takes events. Commands hand `out` down through the library (ci → build → runCommand),
 * so the sink travels with it: whatever prints a node's line can send its event instead.
 */
export function withEventSink<Out extends (line: string) => void>(out: Out, sink: LogEventSink): Out {
  return Object.assign(out, { [EVENT_SINK]: sink });
}

export function eventSinkOf(out: ((line: string) => void) | undefined): LogEventSink | undefined {
  return (out as { [EVENT_SINK]?: LogEventSink } | undefined)?.[EVENT_SINK];
}

/** Where a node is built, for node_info. */
export interface NodePlace {
  relation: Relation;
  relationName: string | null;
}

const BUILT_TYPES = new Set(['model', 'seed', 'snapshot']);

function nodeInfo(node: Node, place: NodePlace | null, status: string, startedAt: Date | null, finishedAt: Date | null): NodeInfo {
  const built = place && BUILT_TYPES.has(node.resourceType);
  return {
    node_path: node.path,
    node_name: node.name,
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    materialized: node.resourceType === 'model' || node.resourceType === 'snapshot' || node.resourceType === 'seed' ? String(node.config.materialized ?? node.resourceType) : null,
    node_status: status,
    node_started_at: startedAt ? startedAt.toISOString() : null,
    node_finished_at: finishedAt ? finishedAt.toISOString() : null,
    node_relation: built ? { database: place.relation.database ?? null, schema: place.relation.schema, alias: place.relation.identifier, relation_name: place.relationName } : null,
  };
}

export function nodeStartEvent(node: Node, place: NodePlace | null, startedAt: Date): LogEvent {
  return { name: 'NodeStart', level: 'info', msg: `Began running node ${node.uniqueId}`, data: { node_info: nodeInfo(node, place, 'started', startedAt, null) } };
}

/** What a finished node reports: its result, or the reason the gate deferred it. */
export type NodeOutcome = Pick<NodeResult, 'status' | 'message' | 'executionTime' | 'failures' | 'rowsAffected' | 'adapterMessage'> | { status: 'deferred'; message: string };

/** `line`: the human line of the node's result, which the event's msg carries instead. */
export function nodeFinishedEvent(line: string, node: Node, place: NodePlace | null, outcome: NodeOutcome, startedAt: Date | null): LogEvent {
  const result = 'executionTime' in outcome ? outcome : null;
  const adapter = result ? { ...(result.adapterMessage !== undefined ? { _message: result.adapterMessage } : {}), ...(result.rowsAffected !== undefined ? { rows_affected: result.rowsAffected } : {}) } : {};
  return {
    name: 'NodeFinished',
    level: outcome.status === 'error' || outcome.status === 'fail' ? 'error' : outcome.status === 'warn' ? 'warn' : 'info',
    msg: line.trim(),
    data: {
      node_info: nodeInfo(node, place, outcome.status, startedAt, new Date()),
      run_result: { status: outcome.status, message: outcome.message, execution_time: result?.executionTime ?? 0, num_failures: result?.failures ?? null, adapter_response: adapter },
    },
  };
}

/** A human line that is no other event. Lines that warn are `warn`. */
export function noteEvent(line: string): LogEvent {
  return { name: 'Note', level: /^\s*Warning\b/.test(line) ? 'warn' : 'info', msg: line, data: { msg: line } };
}

export function emptyStats(): RunStats {
  return { pass: 0, warn: 0, error: 0, skip: 0, deferred: 0, total: 0 };
}

/** Counts a NodeFinished event's status as the PASS=… WARN=… line counts it (fail is an error). */
export function countNode(stats: RunStats, status: string): void {
  stats.total++;
  if (status === 'success' || status === 'pass') stats.pass++;
  else if (status === 'warn') stats.warn++;
  else if (status === 'skipped') stats.skip++;
  else if (status === 'deferred') stats.deferred++;
  else stats.error++;
}

/** The line of an event as `--log-format json` prints it (without the newline). */
export function formatLogLine(event: LogEvent, context: { invocationId: string; pid: number; thread?: string; ts?: Date }): string {
  const info = {
    name: event.name,
    code: EVENT_CODES[event.name],
    msg: event.msg,
    level: event.level,
    invocation_id: context.invocationId,
    pid: context.pid,
    thread: context.thread ?? 'MainThread',
    ts: (context.ts ?? new Date()).toISOString(),
  };
  return JSON.stringify({ info, data: event.data });
}
