/** `sluice deps`: installs packages.yml's packages into dbt_packages/ (the library call is src/deps/install.ts). */
import type { JsonLog } from './json-log.js';

export interface DepsCommandOptions {
  projectDir?: string;
  vars?: string;
  upgrade?: boolean;
  lock?: boolean;
  /** commander's `--no-version-check`. */
  versionCheck?: boolean;
  jsonLog?: JsonLog;
}

export async function runDepsCommand(options: DepsCommandOptions): Promise<number> {
  // Loaded on use: the resolver, the hub client and tar are not needed to start any other command.
  const { installPackages } = await import('../deps/install.js');
  await installPackages({
    projectDir: options.projectDir ?? '.',
    vars: options.vars,
    upgrade: options.upgrade === true,
    lockOnly: options.lock === true,
    versionCheck: options.versionCheck !== false,
    out: options.jsonLog?.printer() ?? ((line) => process.stdout.write(`${line}\n`)),
  });
  return 0;
}
