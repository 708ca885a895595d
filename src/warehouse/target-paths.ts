/** A DuckDB `path` in a profile is relative to the project folder, so `--project-dir` works from anywhere. */
import { isAbsolute, resolve } from 'node:path';
import type { Profile } from '../project/types.js';

export function resolveTargetPaths(target: Profile['target'], projectRoot: string): Profile['target'] {
  if (target.type !== 'duckdb' || typeof target.path !== 'string') return target;
  const path = target.path;
  if (path === ':memory:' || path.startsWith('md:') || isAbsolute(path)) return target;
  return { ...target, path: resolve(projectRoot, path) };
}
