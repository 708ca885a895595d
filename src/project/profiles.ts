/**
 * profiles.yml in dbt's format: looked for in `--profiles-dir`, `$DBT_PROFILES_DIR`, the project folder,
 * the working directory, then `~/.dbt`. String values are Jinja (`{{ env_var('TOKEN') }}`).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { SluiceError, didYouMean } from '../errors.js';
import { renderStringTemplate } from '../templating/render-string.js';
import type { Profile } from './types.js';
import { isRecord, readYaml } from './yaml-file.js';

const SECRET_KEYS = /(token|password|secret|passphrase|private_key)/i;

export interface ProfileOptions {
  projectDir: string;
  profileName: string;
  profilesDir?: string;
  target?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Values that replace the target's own (the Action's connection inputs, e.g. `token`), used as given,
   * without rendering; `null` removes a key (another way to authenticate). Secret-named keys are masked.
   */
  targetOverrides?: Record<string, string | null>;
  /** Lint (e.g. a fork's pull request, which has no secrets): an unset env_var() reads as ''. */
  lenient?: boolean;
}

export function profileSearchPath(options: ProfileOptions): string[] {
  const env = options.env ?? process.env;
  const dirs = [
    options.profilesDir,
    env.DBT_PROFILES_DIR,
    options.projectDir,
    process.cwd(),
    join(homedir(), '.dbt'),
  ].filter((dir): dir is string => Boolean(dir));
  return [...new Set(dirs.map((dir) => resolve(dir)))];
}

/** The profiles.yml a profile is read from, parsed, and the profile's mapping in it. */
function readProfileFile(options: ProfileOptions) {
  const searched = profileSearchPath(options);
  // An explicit --profiles-dir is the only place looked at, as in dbt.
  const candidates = options.profilesDir ? [resolve(options.profilesDir)] : searched;
  const file = candidates.map((dir) => join(dir, 'profiles.yml')).find((path) => existsSync(path));
  if (!file) {
    throw new SluiceError(`No profiles.yml found for profile '${options.profileName}'`, {
      code: 'no-profiles',
      hint: `looked in: ${candidates.join(', ')}. Pass --profiles-dir or put a profiles.yml in the project folder`,
    });
  }
  const yaml = readYaml<Record<string, unknown>>(file);
  const profile = yaml.value[options.profileName];
  if (!isRecord(profile)) {
    const names = Object.keys(yaml.value).filter((name) => name !== 'config');
    throw new SluiceError(`Profile '${options.profileName}' not found in ${file}`, {
      file,
      hint: [didYouMean(options.profileName, names), `profiles there: ${names.join(', ') || 'none'}`].filter(Boolean).join('; '),
    });
  }
  return { file, yaml, profile };
}

/** The names of a profile's targets (its `outputs`), without rendering or checking any of them. */
export function profileTargetNames(options: ProfileOptions): { file: string; line: number; names: string[]; defaultTarget: string | null } {
  const { file, yaml, profile } = readProfileFile(options);
  return {
    file,
    line: yaml.lineOf([options.profileName, 'outputs']),
    names: isRecord(profile.outputs) ? Object.keys(profile.outputs) : [],
    defaultTarget: typeof profile.target === 'string' ? profile.target : null,
  };
}

export function loadProfile(options: ProfileOptions): Profile {
  const env = options.env ?? process.env;
  const { file, yaml, profile } = readProfileFile(options);
  const secrets: string[] = [];
  const render = (value: unknown, path: Array<string | number>): unknown => {
    if (typeof value === 'string' && value.includes('{')) {
      return renderStringTemplate(value, { env_var: profileEnvVar(env, secrets, file, yaml.lineOf(path), options.lenient) }, file, yaml.lineOf(path));
    }
    if (Array.isArray(value)) return value.map((item, index) => render(item, [...path, index]));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, render(item, [...path, key])]));
    return value;
  };

  const outputs = profile.outputs;
  const targetName = String(options.target ?? env.DBT_TARGET ?? render(profile.target, [options.profileName, 'target']) ?? 'default');
  if (!isRecord(outputs) || !isRecord(outputs[targetName])) {
    const names = isRecord(outputs) ? Object.keys(outputs) : [];
    throw new SluiceError(`Target '${targetName}' not found in profile '${options.profileName}'`, {
      file,
      line: yaml.lineOf([options.profileName, 'outputs']),
      hint: [didYouMean(targetName, names), `targets there: ${names.join(', ') || 'none'}`].filter(Boolean).join('; '),
    });
  }
  // An overridden key is never rendered: its env_var() may well be unset where the override is used.
  const overrides = Object.entries(options.targetOverrides ?? {});
  const ownKeys = Object.entries(outputs[targetName]).filter(([key]) => !overrides.some(([name]) => name === key));
  const target = render(Object.fromEntries(ownKeys), [options.profileName, 'outputs', targetName]) as Record<string, unknown>;
  for (const [key, value] of overrides) if (value !== null) target[key] = value;
  for (const [key, value] of Object.entries(target)) {
    if (SECRET_KEYS.test(key) && typeof value === 'string' && value) secrets.push(value);
  }
  const place = { file, line: yaml.lineOf([options.profileName, 'outputs', targetName]) };
  if (typeof target.type !== 'string' || !target.type) {
    throw new SluiceError(`Target '${targetName}' has no 'type'`, { ...place, hint: "set type: duckdb or type: databricks" });
  }
  if (target.schema === undefined && target.type !== 'duckdb') {
    throw new SluiceError(`Target '${targetName}' has no 'schema'`, { ...place, hint: 'set the schema that models are built into' });
  }
  const threads = Number(target.threads ?? 1);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new SluiceError(`Target '${targetName}' has an invalid 'threads': ${String(target.threads)}`, { ...place, hint: 'use a whole number of 1 or more' });
  }
  // dbt-databricks calls the database `catalog`: relations get three-part names either way.
  const database = target.database ?? target.catalog;
  return {
    profileName: options.profileName,
    targetName,
    target: { ...target, type: target.type, schema: String(target.schema ?? 'main'), threads, ...(database !== undefined && database !== null ? { database: String(database) } : {}) },
    file,
    secrets: [...new Set(secrets)],
  };
}

function profileEnvVar(env: NodeJS.ProcessEnv, secrets: string[], file: string, line: number, lenient = false) {
  return (name: string, fallback?: unknown): string => {
    const value = env[name];
    if (value !== undefined) {
      if (name.startsWith('DBT_ENV_SECRET') || SECRET_KEYS.test(name)) secrets.push(value);
      return value;
    }
    if (fallback !== undefined && fallback !== null) return String(fallback);
    if (lenient) return '';
    throw new SluiceError(`Environment variable '${name}' is required but not set`, {
      file,
      line,
      code: 'env-var-unset',
      details: { variable: name },
      hint: `set ${name}, or give env_var() a default: env_var('${name}', '...')`,
    });
  };
}
