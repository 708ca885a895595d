import { describe, expect, it } from '@jest/globals';
import { mermaidLabel, renderLineage } from '../../src/report/mermaid.js';
import type { Report } from '../../src/report/report-json.js';
import { airlineReport, model } from './fixtures.js';

function graphOf(report: Report): string {
  const lineage = renderLineage(report);
  if (lineage.kind !== 'graph') throw new Error(`expected a graph, got ${lineage.kind}`);
  return lineage.mermaid;
}

describe('the lineage graph', () => {
  it('draws changed and impacted models with their parents, deferred parents faded', () => {
    expect(graphOf(airlineReport()).split('\n')).toEqual([
      '```mermaid',
      'graph LR',
      '  n0["stg_sap__orders"]:::modified',
      '  n1["dim_customers"]:::modified',
      '  n2["dim_aeroplanes"]:::failed',
      '  n3["fact_orders"]:::impacted',
      '  n4["fact_trips"]:::impacted',
      '  n5["fact_new_bookings"]:::new',
      '  n6["mart_revenue_by_region_month"]:::impacted',
      '  n7["mart_active_customers"]:::impacted',
      '  n8["dim_legacy_regions"]:::removed',
      // Parents outside the pull request: read from production (or not in the report at all).
      '  n9["seed_aeroplane_specs"]:::deferred',
      '  n10["stg_sap__customers"]:::deferred',
      '  n11["stg_sap__trips"]:::deferred',
      '  n10 --> n1',
      '  n9 --> n2',
      '  n1 --> n3',
      '  n0 --> n3',
      '  n2 --> n4',
      '  n11 --> n4',
      '  n0 --> n5',
      '  n3 --> n6',
      '  n1 --> n7',
      '  classDef modified fill:#fde68a,stroke:#b45309',
      '  classDef new fill:#bbf7d0,stroke:#15803d',
      '  classDef removed fill:#fecaca,stroke:#b91c1c,stroke-dasharray:4 3',
      '  classDef impacted fill:#e0e7ff,stroke:#4338ca',
      '  classDef failed fill:#fca5a5,stroke:#991b1b,stroke-width:2px',
      '  classDef deferred fill:#f3f4f6,stroke:#9ca3af,color:#6b7280',
      '```',
    ]);
  });

  it('uses safe node ids and escapes labels, so names cannot end a label or inject markup', () => {
    const report: Report = {
      ...airlineReport(),
      models: [model('end', { change: 'modified' }), model('a"b <i>#1`x`]', { change: 'impacted', parents: ['end'] })],
    };
    const graph = graphOf(report);
    expect(graph).toContain('  n0["end"]:::modified');
    expect(graph).toContain('  n1["a#34;b #60;i#62;#35;1#96;x#96;#93;"]:::impacted');
    expect(graph).toContain('  n0 --> n1');
    expect(mermaidLabel('Zürich')).toBe('"Z#252;rich"');
  });

  it('draws nothing when nothing changed, and declines a graph too large to read', () => {
    const unchanged: Report = { ...airlineReport(), models: [model('a'), model('b', { status: 'deferred' })] };
    expect(renderLineage(unchanged)).toEqual({ kind: 'empty' });
    const chain: Report = {
      ...airlineReport(),
      models: Array.from({ length: 150 }, (_, index) => model(`m${index}`, { change: 'impacted', parents: index ? [`m${index - 1}`] : [] })),
    };
    expect(renderLineage(chain, { maxNodes: 100 })).toEqual({ kind: 'too_large', nodes: 150, edges: 149 });
    expect(renderLineage(chain, { maxNodes: 200 }).kind).toBe('graph');
  });
});
