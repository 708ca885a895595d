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
  /** `production: {target: prod}`: the profile target that is production (the environment commands' base). */
  production: { target: string | null; line: number | null };
  state: { schema: string };
  promote: {
    /** Previous copies kept per model for rollback (DuckDB; Delta keeps its own history). */
    keepVersions: number;
    /** How long a promote waits for another one's lock. */
    lockTimeoutSeconds: number;
    /** A lock whose holder has not sent a heartbeat for this long is considered dead. */
    lockExpirySeconds: number;
    /**
     * How long after a deploy a rollback must still be possible (`rollback_window`): promote warns about
     * a Delta table that keeps the files of old versions for less (delta.deletedFileRetentionDuration).
     */
    rollbackWindowSeconds: number;
    /**
     * The deploy gate (`require_fresh_sources`): a source the deploy reads that is stale past error_after
     * (or could not be checked) stops promote before anything is built; `warn` stops it past warn_after
     * too; false (the default) only checks and reports.
     */
    requireFreshSources: 'error' | 'warn' | false;
    /**
     * Publish a pull request environment's tested tables instead of building them again, when it built
     * exactly these models on the same production inputs (`promote.reuse`).
     */
    reuse: boolean;
  };
  diff: {
    /** Sample rows shown per model; 0 turns samples off (`diff.samples: false`). */
    samples: number;
    /** Diff a deterministic share of rows, chosen by a hash of the key (the same keys on both sides). */
    samplePercent: number | null;
    /** A filter applied to both sides, e.g. recent partitions. */
    where: string | null;
    /** At most this many models are diffed per run (the rest get row counts only). */
    maxModels: number;
    /** Two numbers within this distance are equal. */
    floatTolerance: number;
    /** Columns whose name matches one of these patterns (regular expressions) are masked in samples, like meta pii. */
    maskPatterns: RegExp[];
  };
  ci: {
    /** Modified incremental models are rebuilt in full in a pull request (ci --full-refresh-modified). */
    fullRefreshModified: boolean;
  };
  impact: {
    /**
     * A model downstream of a change is rebuilt only if it reads a column whose values or type changed, or
     * its parent's rows changed — measured by diffing the parent once it is built (`impact.data_aware`).
     * false: everything downstream of a change is rebuilt, as dbt's state:modified+ does.
     */
    dataAware: boolean;
  };
  /** The raw mapping, for the sections later stages read (lint). */
  raw: Record<string, unknown>;
  file: string | null;
}

const KNOWN_SECTIONS: Record<string, string[]> = {
  environments: ['prefix', 'catalog', 'ttl'],
  production: ['target'],
  state: ['schema'],
  promote: ['keep_versions', 'lock_timeout', 'lock_expiry', 'require_fresh_sources', 'rollback_window', 'reuse'],
  diff: ['samples', 'sample_percent', 'where', 'max_models', 'float_tolerance', 'mask'],
  ci: ['full_refresh_modified'],
  impact: ['data_aware'],
  lint: [],
};

export function defaultSluiceConfig(): SluiceConfig {
  return {
    environments: { prefix: 'sluice_', catalog: null, ttlSeconds: 7 * 86_400 },
    production: { target: null, line: null },
    state: { schema: 'sluice_state' },
    promote: { keepVersions: 2, lockTimeoutSeconds: 600, lockExpirySeconds: 120, rollbackWindowSeconds: 7 * 24 * 3600, requireFreshSources: false, reuse: true },
    diff: { samples: 5, samplePercent: null, where: null, maxModels: 50, floatTolerance: 0, maskPatterns: [] },
    ci: { fullRefreshModified: false },
    impact: { dataAware: true },
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
  const production = section('production');
  if (production.target !== undefined && production.target !== null) {
    if (typeof production.target !== 'string' || !production.target.trim()) {
      throw new SluiceError(`production.target must be the name of a target in profiles.yml, got ${JSON.stringify(production.target)}`, {
        file,
        line: yaml.lineOf(['production', 'target']),
        hint: 'e.g. production: {target: prod}',
      });
    }
    config.production = { target: production.target, line: yaml.lineOf(['production', 'target']) };
  }
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
  if (promote.rollback_window !== undefined) config.promote.rollbackWindowSeconds = duration(yaml, ['promote', 'rollback_window'], promote.rollback_window);
  if (promote.require_fresh_sources !== undefined && promote.require_fresh_sources !== null) {
    const gate = promote.require_fresh_sources;
    if (gate === true || gate === 'error') config.promote.requireFreshSources = 'error';
    else if (gate === 'warn') config.promote.requireFreshSources = 'warn';
    else if (gate !== false) {
      throw new SluiceError(`promote.require_fresh_sources must be true (or error), warn or false, got ${JSON.stringify(gate)}`, {
        file,
        line: yaml.lineOf(['promote', 'require_fresh_sources']),
        hint: 'true: a source past error_after stops promote; warn: past warn_after too; false: only report',
      });
    }
  }
  const ci = section('ci');
  if (ci.full_refresh_modified !== undefined) {
    if (typeof ci.full_refresh_modified !== 'boolean') {
      throw new SluiceError('ci.full_refresh_modified must be true or false', { file, line: yaml.lineOf(['ci', 'full_refresh_modified']), hint: 'true rebuilds modified incremental models in full in pull requests' });
    }
    config.ci.fullRefreshModified = ci.full_refresh_modified;
  }
  const impact = section('impact');
  if (impact.data_aware !== undefined) {
    if (typeof impact.data_aware !== 'boolean') {
      throw new SluiceError('impact.data_aware must be true or false', { file, line: yaml.lineOf(['impact', 'data_aware']), hint: 'false rebuilds every model downstream of a change, whatever it reads' });
    }
    config.impact.dataAware = impact.data_aware;
  }
  if (promote.reuse !== undefined) {
    if (typeof promote.reuse !== 'boolean') {
      throw new SluiceError('promote.reuse must be true or false', { file, line: yaml.lineOf(['promote', 'reuse']), hint: "false builds every model again on merge instead of publishing a pull request's tested tables" });
    }
    config.promote.reuse = promote.reuse;
  }
  const diff = section('diff');
  const place = (key: string) => ({ file, line: yaml.lineOf(['diff', key]) });
  if (diff.samples !== undefined) {
    if (diff.samples === false) config.diff.samples = 0;
    else if (diff.samples === true) config.diff.samples = 5;
    else if (Number.isInteger(diff.samples) && (diff.samples as number) >= 0) config.diff.samples = diff.samples as number;
    else throw new SluiceError('diff.samples must be true, false or a number of rows', place('samples'));
  }
  if (diff.sample_percent !== undefined && diff.sample_percent !== null) {
    const percent = Number(diff.sample_percent);
    if (!(percent > 0 && percent <= 100)) throw new SluiceError('diff.sample_percent must be a number above 0 and at most 100', place('sample_percent'));
    config.diff.samplePercent = percent;
  }
  if (diff.where !== undefined && diff.where !== null) {
    if (typeof diff.where !== 'string' || !diff.where.trim()) throw new SluiceError('diff.where must be a SQL condition', place('where'));
    config.diff.where = diff.where;
  }
  if (diff.max_models !== undefined) {
    if (!Number.isInteger(diff.max_models) || (diff.max_models as number) < 0) throw new SluiceError('diff.max_models must be a whole number', place('max_models'));
    config.diff.maxModels = diff.max_models as number;
  }
  if (diff.float_tolerance !== undefined) {
    const tolerance = Number(diff.float_tolerance);
    if (!(tolerance >= 0)) throw new SluiceError('diff.float_tolerance must be a number of 0 or more', place('float_tolerance'));
    config.diff.floatTolerance = tolerance;
  }
  if (diff.mask !== undefined) {
    const patterns = Array.isArray(diff.mask) ? diff.mask : [diff.mask];
    config.diff.maskPatterns = patterns.map((pattern) => {
      try {
        return new RegExp(String(pattern), 'i');
      } catch (error) {
        throw new SluiceError(`diff.mask has an invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`, place('mask'));
      }
    });
  }
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
