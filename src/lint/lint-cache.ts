/**
 * What lint found in each file, kept in `target/sluice/lint-cache.json` under a hash of everything the
 * result depends on: the file's source, its rendered SQL and source map, the rules and settings that
 * apply, and the versions of Sluice (and when it was built), the parser and the formatter. An unchanged
 * file is not parsed or formatted again, so a second `sluice lint` of a large project costs little more
 * than rendering it.
 * A cache that cannot be read is ignored; it is written whole (write, then rename).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileLintInput, FileLintResult } from './lint-file.js';

const CACHE_FORMAT = 1;

function versions(): string {
  const require = createRequire(import.meta.url);
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  let sluice = '?';
  try {
    sluice = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    // bundled: the Action's own version is in its bundle
  }
  // Which build of Sluice: a rebuilt rule must not be answered from the cache. Compiled to lib/, when it
  // was built or installed; in the Action's bundle (checked out afresh on every run), its name and size.
  let built = '';
  try {
    const path = fileURLToPath(import.meta.url);
    const stats = statSync(path);
    built = path.endsWith(join('lint', 'lint-cache.js')) ? String(stats.mtimeMs) : `${basename(path)}:${stats.size}`;
  } catch {
    // not a file (never the case for Sluice itself)
  }
  return `${CACHE_FORMAT}/${sluice}/${built}/${version('node-sql-parser')}/${version('sql-formatter')}`;
}

export class LintCache {
  private readonly path: string;
  private readonly stored: Map<string, FileLintResult>;
  private readonly used = new Map<string, FileLintResult>();
  private readonly version = versions();

  constructor(targetPath: string) {
    this.path = join(targetPath, 'sluice', 'lint-cache.json');
    this.stored = new Map();
    try {
      const data = JSON.parse(readFileSync(this.path, 'utf8')) as { version: string; files: Record<string, FileLintResult> };
      if (data.version === this.version) for (const [key, result] of Object.entries(data.files)) this.stored.set(key, result);
    } catch {
      // no cache yet, or one from another version: start afresh
    }
  }

  keyOf(input: FileLintInput): string {
    return createHash('sha1').update(this.version).update('\0').update(JSON.stringify(input)).digest('base64url');
  }

  get(key: string): FileLintResult | undefined {
    const result = this.stored.get(key);
    if (result) this.used.set(key, result);
    return result;
  }

  set(key: string, result: FileLintResult): void {
    this.used.set(key, result);
  }

  /** Keeps only this run's files: a cache never grows beyond the project. */
  save(): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ version: this.version, files: Object.fromEntries(this.used) }));
      renameSync(temporary, this.path);
    } catch {
      // a read-only checkout lints as well without a cache
    }
  }
}
