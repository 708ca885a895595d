/**
 * package-lock.yml as dbt writes it: every package of the tree (the listed ones and what they depend
 * on) pinned — a hub package to its version, a git package to the commit — with its install name, and
 * `sha1_hash`, the hash of the listed entries that tells whether packages.yml changed since. Written with
 * PyYAML's layout (keys sorted, lists indented), so dbt and Sluice can share the file.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { SluiceError } from '../errors.js';
import { isRecord, readYaml } from '../project/yaml-file.js';
import { pyJsonDumps } from '../templating/jinja-filters.js';
import type { PackageRenderer } from './package-context.js';
import { parseSpecEntries, type SpecEntry } from './package-spec.js';

export const LOCK_FILE = 'package-lock.yml';

/**
 * dbt's sha1_hash: each listed entry serialized as Python's json.dumps(sort_keys=True) serializes dbt's
 * package contract (defaults filled in, the entry as written under `unrendered`), the lines sorted and
 * joined with newlines.
 */
export function packagesHash(entries: SpecEntry[]): string {
  const lines = entries.map((entry) => pyJsonDumps(entry.hashed, null, true)).sort();
  return createHash('sha1').update(lines.join('\n'), 'utf8').digest('hex');
}

export interface LockFile {
  hash: string | null;
  entries: SpecEntry[];
}

/** The project's package-lock.yml, rendered as dbt renders it; null when there is none. */
export function readLockFile(root: string, renderer: PackageRenderer): LockFile | null {
  const path = join(root, LOCK_FILE);
  if (!existsSync(path)) return null;
  const yaml = readYaml<unknown>(path, LOCK_FILE);
  if (yaml.value === null || (isRecord(yaml.value) && Object.keys(yaml.value).length === 0)) return { hash: null, entries: [] };
  if (!isRecord(yaml.value)) throw new SluiceError(`${LOCK_FILE} must be a mapping with a 'packages' list`, { file: LOCK_FILE, line: 1, hint: `delete it and run sluice deps to write it again` });
  const hash = typeof yaml.value.sha1_hash === 'string' ? yaml.value.sha1_hash : null;
  const raw = yaml.value.packages ?? [];
  if (!Array.isArray(raw)) throw new SluiceError(`'packages' in ${LOCK_FILE} must be a list`, { file: LOCK_FILE, line: yaml.lineOf(['packages']) });
  const rendered = raw.map((entry, index) => renderer.render(entry, LOCK_FILE, yaml.lineOf(['packages', index])));
  return { hash, entries: parseSpecEntries(rendered, raw, { file: LOCK_FILE, lineOf: (path) => yaml.lineOf(['packages', ...path]) }) };
}

/** Writes package-lock.yml (through a temporary file, so that a crash never leaves half of it). */
export function writeLockFile(root: string, packages: Array<Record<string, string>>, hash: string): void {
  const sorted = packages.map((entry) => Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  const text = YAML.stringify({ packages: sorted, sha1_hash: hash }, { version: '1.1', singleQuote: true, lineWidth: 0, indentSeq: true });
  const path = join(root, LOCK_FILE);
  const temporary = `${path}.sluice-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
