/**
 * The lineage of a pull request as a Mermaid `graph LR`: what it changed, what that impacts, and the
 * parents read from production, faded. GitHub renders ```mermaid blocks in comments and job summaries.
 */
import type { Report, ReportModel } from './report-json.js';
import { isUnaffected } from './facts.js';

type NodeClass = 'modified' | 'new' | 'removed' | 'impacted' | 'failed' | 'deferred' | 'unchanged';

const CLASS_STYLES: Record<NodeClass, string> = {
  modified: 'fill:#fde68a,stroke:#b45309',
  new: 'fill:#bbf7d0,stroke:#15803d',
  removed: 'fill:#fecaca,stroke:#b91c1c,stroke-dasharray:4 3',
  impacted: 'fill:#e0e7ff,stroke:#4338ca',
  failed: 'fill:#fca5a5,stroke:#991b1b,stroke-width:2px',
  deferred: 'fill:#f3f4f6,stroke:#9ca3af,color:#6b7280',
  unchanged: 'fill:#f9fafb,stroke:#d1d5db,color:#6b7280',
};

export interface LineageOptions {
  /** A graph larger than this is unreadable (and GitHub's renderer gives up on big ones). */
  maxNodes?: number;
  maxEdges?: number;
}

export type Lineage =
  | { kind: 'graph'; mermaid: string; nodes: number; edges: number }
  | { kind: 'too_large'; nodes: number; edges: number }
  | { kind: 'empty' };

function classOf(model: ReportModel | undefined): NodeClass {
  if (!model || model.status === 'deferred') return 'deferred';
  if (model.status === 'failed') return 'failed';
  if (model.change === 'impacted' || model.change === 'modified' || model.change === 'new' || model.change === 'removed') return model.change;
  return 'unchanged';
}

/**
 * A label inside `["…"]`: everything but plain name characters becomes a Mermaid entity code (`#60;`),
 * so quotes, brackets, `<`, `#` or backticks in a name can neither end the label nor inject markup.
 */
export function mermaidLabel(name: string): string {
  const escaped = Array.from(name)
    .map((character) => (/^[A-Za-z0-9 _.\-/]$/.test(character) ? character : `#${character.codePointAt(0)};`))
    .join('');
  return `"${escaped}"`;
}

/**
 * Node ids are `n0`, `n1`, …: model names may hold characters Mermaid reads as syntax, and words such as
 * `end` or `graph` are reserved; the name is shown through the escaped label instead.
 */
export function renderLineage(report: Report, options: LineageOptions = {}): Lineage {
  const maxNodes = options.maxNodes ?? 100;
  const maxEdges = options.maxEdges ?? 400;
  const byName = new Map(report.models.map((model) => [model.name, model]));
  // Only what the pull request touches is drawn; deferred and unchanged models appear only as parents.
  // Models downstream of a change that were not rebuilt are drawn too, faded: the reader sees where the impact stopped.
  const drawn = report.models.filter((model) => isUnaffected(model) || (classOf(model) !== 'deferred' && classOf(model) !== 'unchanged'));
  if (!drawn.length) return { kind: 'empty' };

  const ids = new Map<string, string>();
  const idOf = (name: string): string => {
    let id = ids.get(name);
    if (!id) ids.set(name, (id = `n${ids.size}`));
    return id;
  };
  for (const model of drawn) idOf(model.name);
  const drawnNames = new Set(drawn.map((model) => model.name));
  const outsideParents = [...new Set(drawn.flatMap((model) => model.parents))].filter((name) => !drawnNames.has(name)).sort();
  for (const name of outsideParents) idOf(name);

  const edges = drawn.flatMap((model) => [...model.parents].sort().map((parent) => `  ${idOf(parent)} --> ${idOf(model.name)}`));
  if (ids.size > maxNodes || edges.length > maxEdges) return { kind: 'too_large', nodes: ids.size, edges: edges.length };

  const used = new Set<NodeClass>();
  const nodes = [...ids].map(([name, id]) => {
    const nodeClass = classOf(byName.get(name));
    used.add(nodeClass);
    return `  ${id}[${mermaidLabel(name)}]:::${nodeClass}`;
  });
  const classDefs = (Object.keys(CLASS_STYLES) as NodeClass[]).filter((name) => used.has(name)).map((name) => `  classDef ${name} ${CLASS_STYLES[name]}`);
  const mermaid = ['```mermaid', 'graph LR', ...nodes, ...edges, ...classDefs, '```'].join('\n');
  return { kind: 'graph', mermaid, nodes: ids.size, edges: edges.length };
}
