/** Finding a project's files: every path is sorted so that loading is deterministic. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files under `dir` (recursively) whose name ends with one of `extensions`; paths relative to `dir`, with `/`. */
export function listFiles(dir: string, extensions: string[]): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
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
