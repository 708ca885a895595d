/** dbt_project.yml: the project's name, profile, folders, vars and config trees. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
import type { YamlFile } from './yaml-file.js';
import { isRecord, readYaml } from './yaml-file.js';

export interface DbtProjectFile {
  name: string;
  profile?: string;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  analysisPaths: string[];
  docsPaths: string[];
  targetPath: string;
  packagesInstallPath: string;
  vars: Record<string, unknown>;
  raw: Record<string, unknown>;
  yaml: YamlFile<Record<string, unknown>>;
  file: string;
}

function pathList(raw: Record<string, unknown>, key: string, fallback: string[], yaml: YamlFile, file: string): string[] {
  const value = raw[key] ?? (key === 'test-paths' ? raw['data-test-paths'] : undefined);
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new SluiceError(`'${key}' must be a list of folder names`, { file, line: yaml.lineOf([key]), hint: `e.g. ${key}: ["${fallback[0]}"]` });
  }
  return value as string[];
}

export function readDbtProject(root: string, displayPath = 'dbt_project.yml'): DbtProjectFile {
  const file = join(root, 'dbt_project.yml');
  if (!existsSync(file)) {
    throw new SluiceError(`No dbt_project.yml in ${root}`, { code: 'no-project', hint: 'run Sluice from a dbt project folder, or pass --project-dir' });
  }
  const yaml = readYaml<Record<string, unknown>>(file, displayPath);
  const raw = yaml.value;
  if (!isRecord(raw)) throw new SluiceError('dbt_project.yml must be a mapping', { file: displayPath, line: 1 });
  if (typeof raw.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.name)) {
    throw new SluiceError(`dbt_project.yml needs a 'name' made of letters, digits and underscores`, {
      file: displayPath,
      line: yaml.lineOf(['name']),
      hint: "e.g. name: 'my_project'",
    });
  }
  const vars = raw.vars ?? {};
  if (!isRecord(vars)) throw new SluiceError("'vars' must be a mapping", { file: displayPath, line: yaml.lineOf(['vars']) });
  const paths = {
    modelPaths: pathList(raw, 'model-paths', ['models'], yaml, displayPath),
    seedPaths: pathList(raw, 'seed-paths', ['seeds'], yaml, displayPath),
    testPaths: pathList(raw, 'test-paths', ['tests'], yaml, displayPath),
    macroPaths: pathList(raw, 'macro-paths', ['macros'], yaml, displayPath),
    snapshotPaths: pathList(raw, 'snapshot-paths', ['snapshots'], yaml, displayPath),
    analysisPaths: pathList(raw, 'analysis-paths', ['analyses'], yaml, displayPath),
  };
  // As in dbt, docs blocks are read from every source path unless docs-paths names others.
  const functionPaths = pathList(raw, 'function-paths', ['functions'], yaml, displayPath);
  const sourcePaths = [...new Set([...Object.values(paths).flat(), ...functionPaths].map((path) => path.replace(/\/+$/, '')))];
  return {
    name: raw.name,
    profile: typeof raw.profile === 'string' ? raw.profile : undefined,
    ...paths,
    docsPaths: pathList(raw, 'docs-paths', sourcePaths, yaml, displayPath),
    targetPath: typeof raw['target-path'] === 'string' ? raw['target-path'] : 'target',
    packagesInstallPath: typeof raw['packages-install-path'] === 'string' ? raw['packages-install-path'] : 'dbt_packages',
    vars,
    raw,
    yaml,
    file: displayPath,
  };
}
