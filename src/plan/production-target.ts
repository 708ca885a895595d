/**
 * Which profile target is production — the base every environment command plans, diffs and deploys
 * against. It is never the profile's default target by accident (that is usually `dev`): `--target` (the
 * Action's `target` input), else sluice.yml's `production: {target: …}`, else a target named `prod` or
 * `production`; otherwise the command stops with a hint.
 */
import { resolve } from 'node:path';
import { SluiceError, didYouMean } from '../errors.js';
import { readDbtProject } from '../project/dbt-project.js';
import { profileTargetNames } from '../project/profiles.js';
import { loadSluiceConfig } from '../project/sluice-config.js';

export interface ProductionTargetOptions {
  projectDir: string;
  profilesDir?: string;
  /** `--target` or the Action's `target` input: chosen by the user for this run. */
  target?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ProductionTarget {
  name: string;
  /** How it was chosen. */
  chosenBy: '--target' | 'sluice.yml' | 'name';
}

/** The names a target is taken for production by, without being configured. */
export const PRODUCTION_TARGET_NAMES = ['prod', 'production'];

export function productionTarget(options: ProductionTargetOptions): ProductionTarget {
  if (options.target) return { name: options.target, chosenBy: '--target' };
  const root = resolve(options.projectDir);
  const project = readDbtProject(root);
  const profileName = project.profile ?? project.name;
  const config = loadSluiceConfig(root, []);
  const targets = profileTargetNames({ projectDir: root, profileName, profilesDir: options.profilesDir, env: options.env });
  if (config.production.target) {
    const name = config.production.target;
    if (!targets.names.includes(name)) {
      throw new SluiceError(`production.target '${name}' is not a target of profile '${profileName}' (${targets.file})`, {
        file: config.file ?? 'sluice.yml',
        line: config.production.line ?? undefined,
        hint: [didYouMean(name, targets.names), `targets there: ${targets.names.join(', ') || 'none'}`].filter(Boolean).join('; '),
      });
    }
    return { name, chosenBy: 'sluice.yml' };
  }
  const named = PRODUCTION_TARGET_NAMES.find((name) => targets.names.includes(name));
  if (named) return { name: named, chosenBy: 'name' };
  const defaultTarget = targets.defaultTarget ? ` Sluice never takes the profile's default target ('${targets.defaultTarget}') for production.` : '';
  throw new SluiceError(`Which target is production? sluice.yml names none, and profile '${profileName}' has no target named prod or production.${defaultTarget}`, {
    file: targets.file,
    line: targets.line,
    hint: `add "production: {target: <name>}" to sluice.yml, or pass --target <name> (the Action's 'target' input); the profile's targets: ${targets.names.join(', ') || 'none'}`,
  });
}
