/** `sluice adopt [--dry-run]`: record the existing production as Sluice's state (see plan/adopt.ts). */
import * as pipeline from '../pipeline.js';
import { base, printer, type EnvironmentOptions } from './environment-commands.js';

/** Exit 1 when a model could not be adopted (missing, or different from what its SQL returns): it is reported, not recorded. */
export async function runAdoptCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  const result = await pipeline.adopt({ ...base(options, out), dryRun: options.dryRun, gitSha: process.env.GITHUB_SHA ?? null });
  return result.nodes.some((node) => node.status === 'missing' || node.status === 'mismatch') ? 1 : 0;
}
