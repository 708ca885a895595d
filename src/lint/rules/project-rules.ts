/**
 * The project rules: checks that need the whole project (graph, YAML) rather than one file's SQL.
 * Each returns every finding it sees, wherever it is; the lint runner keeps those in the files being
 * linted (`context.files`) — a YAML file counts when it is one of them — and applies severities and
 * per-folder settings. Each rule makes one pass over the graph and reads no file.
 */
import type { ProjectRule } from '../rule.js';
import { documentedColumnExists } from './documented-column-exists.js';
import { documented } from './documented.js';
import { hardCodedRelation } from './hard-coded-relation.js';
import { layerDirection } from './layer-direction.js';
import { layerNaming } from './layer-naming.js';
import { primaryKeyTest } from './primary-key-test.js';
import { sourceOutsideStaging } from './source-outside-staging.js';
import { stagingReadsSources } from './staging-reads-sources.js';
import { unusedSource } from './unused-source.js';

export const PROJECT_RULES: ProjectRule[] = [
  layerNaming,
  stagingReadsSources,
  sourceOutsideStaging,
  layerDirection,
  hardCodedRelation,
  primaryKeyTest,
  documented,
  documentedColumnExists,
  unusedSource,
];
