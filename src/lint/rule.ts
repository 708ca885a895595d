/**
 * What a lint rule is. SQL rules look at one file (its rendered SQL, tokens and parsed tree); project
 * rules look at the whole project (graph, YAML). Both return findings at a place in the file the author
 * wrote, and SQL rules may offer a fix as text edits of that file.
 */
import type { Graph } from '../graph/graph.js';
import type { Node, Project } from '../project/types.js';
import type { SqlFile } from './sql-file.js';
import type { LintSettings } from './lint-config.js';
import type { HardCodedRelation } from './rules/hard-coded-relation.js';

export type Severity = 'error' | 'warning';

/** A replacement of `[start, end)` of the source file's text with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What a rule found. Lines and columns are 1-based, in the source file. */
export interface Violation {
  line: number;
  column: number;
  message: string;
  /** Edits of the source file that fix it; only where the fix is certain. */
  fix?: Edit[];
}

export interface RuleInfo {
  /** SQLFluff's code where one exists (AM04, CP01…), else Sluice's own (SL01…). */
  code: string;
  /** kebab-case, what it checks: `select-star`, `unused-cte`. */
  name: string;
  /** One sentence: what the rule wants. */
  description: string;
  severity: Severity;
  /** Off-by-default rules run only when sluice.yml enables them. */
  enabledByDefault: boolean;
}

export interface SqlRule extends RuleInfo {
  /** Rules on the parsed tree are skipped (and counted) for files node-sql-parser cannot parse. */
  needsAst: boolean;
  /** A cheap look at the tokens: false when the rule has nothing to check here (then nothing is parsed for it). */
  applies?(file: SqlFile): boolean;
  check(file: SqlFile): Violation[];
}

/** A project rule's finding names its file (models, YAML). */
export interface ProjectViolation extends Violation {
  file: string;
  /** For a finding in YAML, the file of the node it is about: linting that file brings the finding. */
  about?: string;
}

export interface ProjectLintContext {
  project: Project;
  graph: Graph;
  settings: LintSettings;
  /** The files being linted (project-relative, posix): findings elsewhere are dropped. */
  files: Set<string>;
  /** A model's output column names as its SQL produces them (lower case), or null when unknown. */
  outputColumns(node: Node): string[] | null;
  /** The hard-coded relations the file lint found in a model's source; undefined when it did not look. */
  hardCodedRelations?(node: Node): HardCodedRelation[] | undefined;
}

export interface ProjectRule extends RuleInfo {
  /** Reads what the linted files give (`context.outputColumns`, `hardCodedRelations`): it runs once they are linted, the others while they are. */
  readsFileResults?: boolean;
  check(context: ProjectLintContext): ProjectViolation[];
}
