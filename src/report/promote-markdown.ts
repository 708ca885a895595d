/**
 * target/sluice/promote.md: what a promote did to production — published (which deployment, which
 * models), up to date, or not published and why. A pure function of the promote's report and outcome;
 * the pull request's report.md beside it is left as ci wrote it.
 */
import { staleSourcesSection } from './freshness-section.js';
import { testOutcome } from './facts.js';
import { code, plural, tableHeader, tableRow } from './format.js';
import type { Report } from './report-json.js';

export interface PromoteOutcome {
  status: 'published' | 'up_to_date' | 'failed';
  deployId: string | null;
  failures: string[];
}

/** promote.json: the promote's report with what it published. */
export type PromoteReport = Report & { promote: PromoteOutcome & { target: string; published: string[] } };

export function promoteReport(report: Report, outcome: PromoteOutcome): PromoteReport {
  const published = outcome.status === 'published' ? report.models.filter((model) => model.status === 'built').map((model) => model.name) : [];
  return { ...report, promote: { ...outcome, target: report.base_env, published } };
}

export function renderPromote(report: PromoteReport): string {
  const { promote } = report;
  const lines = [`## 🚦 Sluice · promote to ${code(promote.target)}`, ''];
  if (promote.status === 'published') {
    lines.push(`✅ **Published ${code(promote.deployId ?? '')}** to ${code(promote.target)}: ${plural(promote.published.length, 'model')} (${promote.published.map(code).join(', ')}). Undo it with ${code('sluice rollback')}.`);
  } else if (promote.status === 'up_to_date') {
    lines.push(`✅ **${code(promote.target)} is up to date**: nothing was published.`);
  } else {
    lines.push(`❌ **Not published**: ${code(promote.target)} is unchanged. What failed:`, '', ...promote.failures.map((failure) => `- ${code(failure)}`));
  }
  // The sources it read that are not fresh: the reason a gated promote stopped, a warning otherwise.
  const stale = staleSourcesSection(report, 'promote.json');
  if (stale.items.length) lines.push('', stale.head!, ...stale.items);
  const changed = report.models.filter((model) => model.status !== 'deferred');
  if (changed.length) {
    lines.push('', tableHeader(['model', 'change', 'status', 'relation']));
    for (const model of changed) lines.push(tableRow([code(model.name), model.change ?? '—', model.reused_from ? `reused from ${code(model.reused_from)}` : model.status, model.relation ? code(model.relation) : '—']));
  }
  // Data-aware impact: downstream of the change, but reading nothing that changed.
  const kept = report.models.filter((model) => model.status === 'deferred' && model.change === 'impacted');
  if (kept.length) lines.push('', `Not rebuilt, as they read nothing that changed: ${kept.map((model) => code(model.name)).join(', ')}.`);
  const reused = report.models.filter((model) => model.reused_from);
  const deferred = report.models.length - changed.length - kept.length;
  if (deferred) lines.push('', `${plural(deferred, 'model')} unchanged in production.`);
  if (report.tests.length) {
    const counts = { passed: 0, warned: 0, failed: 0, skipped: 0 };
    for (const test of report.tests) counts[testOutcome(test)] += 1;
    lines.push('', `Tests on the audit relations: ${Object.entries(counts).filter(([, count]) => count).map(([outcome, count]) => `${count} ${outcome}`).join(', ')}.`);
  }
  if (reused.length) {
    const environments = [...new Set(reused.map((model) => model.reused_from!))].map(code).join(', ');
    lines.push('', `${plural(reused.length, 'table')} published as ${environments} built and tested ${reused.length === 1 ? 'it' : 'them'} on the same inputs: not built or tested again.`);
  }
  return `${lines.join('\n')}\n`;
}
