/** The Mermaid lineage as a section: the graph, or a line saying why it is not drawn. */
import { formatCount } from './format.js';
import type { Section } from './limits.js';
import { renderLineage, type LineageOptions } from './mermaid.js';
import type { Report } from './report-json.js';

export function lineageSection(report: Report, options: LineageOptions & { elsewhere: string }): Section {
  const lineage = renderLineage(report, options);
  const items: string[] = [];
  if (lineage.kind === 'graph') items.push(lineage.mermaid);
  if (lineage.kind === 'too_large') {
    items.push(`*The lineage graph is not drawn: ${formatCount(lineage.nodes)} models are too many for one picture; each model's parents are in ${options.elsewhere}.*`);
  }
  return { name: 'lineage graph', whole: 'the lineage graph', items };
}
