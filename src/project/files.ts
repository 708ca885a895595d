/** Finding a project's files: every path is sorted so that loading is deterministic. */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Files under `dir` (recursively) whose name ends with one of `extensions`; paths relative to `dir`, with `/`.
 * Symbolic links are followed (`dbt deps` links local packages) but a folder is never entered twice, so a
 * link back up the tree (a package whose integration_tests/ links to the package itself) ends the walk.
 */
export function listFiles(dir: string, extensions: string[]): string[] {
  const found: string[] = [];
  const entered = new Set<string>();
  const walk = (current: string) => {
    let real: string;
    try {
      real = realpathSync(current);
    } catch {
      return;
    }
    if (entered.has(real)) return;
    entered.add(real);
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      if (entry.startsWith('.')) continue;
      const path = join(current, entry);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (!stats) continue;
      if (stats.isDirectory()) walk(path);
      else if (extensions.some((extension) => entry.endsWith(extension))) found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found;
}

export function toPosix(path: string): string {
  return path.split(sep).join('/');
}
