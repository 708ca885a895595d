/**
 * Sluice's global project: the package `dbt` every project can call (`dbt.dateadd`, `generate_schema_name`,
 * the built-in generic tests), written as Jinja macro files as dbt ships its own, so that dispatch and a
 * project's overrides work on them as on any package's macros.
 *
 * The files live in `global_project/` at the root of the Sluice package. The Action's bundle has no such
 * folder: scripts/bundle-action.mjs writes them into one JSON file beside its index.js instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SluiceError } from '../errors.js';
import { listFiles } from './files.js';

export const GLOBAL_PROJECT_NAME = 'dbt';

/** The bundle's copy of the macro files (see scripts/bundle-action.mjs). */
export const GLOBAL_PROJECT_BUNDLE = 'global-project.json';

export interface GlobalProjectFile {
  /** Inside the global project, e.g. `macros/utils/dateadd.sql`. */
  path: string;
  /** What errors show: the file on disk, or where it came from in the bundle. */
  displayPath: string;
  source: string;
}

let files: GlobalProjectFile[] | undefined;

/** The global project's macro files: from the package's folder, or from the bundle's JSON copy. */
export function globalProjectFiles(): GlobalProjectFile[] {
  if (files) return files;
  const here = dirname(fileURLToPath(import.meta.url));
  // src/project/ or lib/project/ in the package.
  const folder = join(here, '..', '..', 'global_project');
  if (existsSync(join(folder, 'dbt_project.yml'))) {
    files = listFiles(join(folder, 'macros'), ['.sql']).map((path) => ({
      path: `macros/${path}`,
      displayPath: join(folder, 'macros', path),
      source: readFileSync(join(folder, 'macros', path), 'utf8'),
    }));
    return files;
  }
  const bundle = join(here, GLOBAL_PROJECT_BUNDLE);
  if (existsSync(bundle)) {
    const sources = JSON.parse(readFileSync(bundle, 'utf8')) as Record<string, string>;
    files = Object.entries(sources).map(([path, source]) => ({ path, displayPath: `sluice:global_project/${path}`, source }));
    return files;
  }
  throw new SluiceError(`Sluice's global project is missing (looked in ${folder} and ${bundle})`, { hint: 'reinstall Sluice' });
}
