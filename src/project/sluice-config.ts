/**
 * sluice.yml: what is Sluice's own (environments, state, promotion; later diff and lint settings).
 * A missing file means the defaults; unknown keys are warned about; wrong values are errors with a line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
import type { Warning } from './types.js';
import { isRecord, readYaml, type YamlFile } from './yaml-file.js';

export interface SluiceConfig {
  environments: {
    /** Environment schemas are `<prefix><env>__<production schema>`. */
    prefix: string;
    /** Put environments' (still prefixed) schemas in this catalog instead of production's. */
    catalog: string | null;
    /** Environments older than this are dropped by the janitor. */
    ttlSeconds: number;
  };
  state: { schema: string };
  promote: {
    /** Previous copies kept per model for rollback (DuckDB; Delta keeps its own history). */
    keepVersions: number;
    /** How long a promote waits for another one's lock. */
    lockTimeoutSeconds: number;
    /** A lock whose holder has not sent a heartbeat for this long is considered dead. */
    lockExpirySeconds: number;
  };
  /** The raw mapping, for the sections later stages read (diff, lint). */
  raw: Record<string, unknown>;
  file: string | null;
}

const KNOWN_SECTIONS: Record<string, string[]> = {
  environments: ['prefix', 'catalog', 'ttl'],
  state: ['schema'],
  promote: ['keep_versions', 'lock_timeout', 'lock_expiry'],
  diff: [],
  lint: [],
};

export function defaultSluiceConfig(): SluiceConfig {
  return {
    environments: { prefix: 'sluice_', catalog: null, ttlSeconds: 7 * 86_400 },
    state: { schema: 'sluice_state' },
    promote: { keepVersions: 2, lockTimeoutSeconds: 600, lockExpirySeconds: 120 },
    raw: {},
    file: null,
  };
}

/** `30s`, `10m`, `12h`, `7d`, `2w`, or a number of seconds. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?\s*$/.exec(value);
  if (!match) return undefined;
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  return Number(match[1]) * units[match[2] ?? 's'];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function loadSluiceConfig(projectRoot: string, warnings: Warning[]): SluiceConfig {
  const config = defaultSluiceConfig();
  const path = ['sluice.yml', 'sluice.yaml'].map((name) => join(projectRoot, name)).find((candidate) => existsSync(candidate));
  if (!path) return config;
  const file = path.endsWith('.yaml') ? 'sluice.yaml' : 'sluice.yml';
  const yaml = readYaml<Record<string, unknown>>(path, file);
  const raw = yaml.value;
  if (!isRecord(raw)) throw new SluiceError(`${file} must be a mapping`, { file, line: 1 });
  config.raw = raw;
  config.file = file;
  for (const [section, value] of Object.entries(raw)) {
    if (!(section in KNOWN_SECTIONS)) {
      warnings.push({ message: `unknown section '${section}' in ${file}; it is ignored`, file, line: yaml.lineOf([section]) });
      continue;
    }
    if (!isRecord(value)) throw new SluiceError(`'${section}' in ${file} must be a mapping`, { file, line: yaml.lineOf([section]) });
    for (const key of Object.keys(value)) {
      if (KNOWN_SECTIONS[section].length && !KNOWN_SECTIONS[section].includes(key)) {
        warnings.push({ message: `unknown key '${section}.${key}' in ${file}; it is ignored`, file, line: yaml.lineOf([section, key]) });
      }
    }
  }
  const section = (name: string) => (isRecord(raw[name]) ? (raw[name] as Record<string, unknown>) : {});
  const environments = section('environments');
  if (environments.prefix !== undefined) config.environments.prefix = identifier(yaml, ['environments', 'prefix'], environments.prefix, 'a schema-name prefix such as sluice_');
  if (environments.catalog !== undefined && environments.catalog !== null) {
    config.environments.catalog = identifier(yaml, ['environments', 'catalog'], environments.catalog, 'a catalog name such as ci');
  }
  if (environments.ttl !== undefined) config.environments.ttlSeconds = duration(yaml, ['environments', 'ttl'], environments.ttl);
  const state = section('state');
  if (state.schema !== undefined) config.state.schema = identifier(yaml, ['state', 'schema'], state.schema, 'a schema name such as sluice_state');
  const promote = section('promote');
  if (promote.keep_versions !== undefined) {
    const keep = promote.keep_versions;
    if (!Number.isInteger(keep) || (keep as number) < 1) {
      throw new SluiceError('promote.keep_versions must be a whole number of 1 or more', { file, line: yaml.lineOf(['promote', 'keep_versions']) });
    }
    config.promote.keepVersions = keep as number;
  }
  if (promote.lock_timeout !== undefined) config.promote.lockTimeoutSeconds = duration(yaml, ['promote', 'lock_timeout'], promote.lock_timeout);
  if (promote.lock_expiry !== undefined) config.promote.lockExpirySeconds = duration(yaml, ['promote', 'lock_expiry'], promote.lock_expiry);
  return config;
}

function identifier(yaml: YamlFile, path: string[], value: unknown, what: string): string {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw new SluiceError(`${path.join('.')} must be lower-case letters, digits and underscores, got ${JSON.stringify(value)}`, {
      file: yaml.file,
      line: yaml.lineOf(path),
      hint: `use ${what}`,
    });
  }
  return value;
}

function duration(yaml: YamlFile, path: string[], value: unknown): number {
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    throw new SluiceError(`${path.join('.')} must be a duration such as 90s, 10m, 12h or 7d, got ${JSON.stringify(value)}`, { file: yaml.file, line: yaml.lineOf(path) });
  }
  return seconds;
}
