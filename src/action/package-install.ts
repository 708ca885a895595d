/**
 * Before anything else, the Action installs the project's packages when packages.yml lists some and
 * dbt_packages/ is missing (a fresh checkout: dbt_packages/ is rarely committed) — what a workflow would
 * otherwise do with `dbt deps`, and so with Python.
 */
import { installPackages, packagesNeedInstall } from '../deps/install.js';
import type { ActionRun } from './action-run.js';

export async function installMissingPackages(run: ActionRun): Promise<void> {
  if (!packagesNeedInstall(run.projectDir)) return;
  run.log.info('The project lists packages that are not installed: running sluice deps');
  await installPackages({ projectDir: run.projectDir, out: run.log.info });
}
