/**
 * Reads the profile target before any work on the warehouse, to mask its secrets (a token the profile
 * reads from the environment, a password) before anything is printed — and to warn when the Databricks
 * connection inputs are set for a target that is not Databricks.
 */
import * as core from '@actions/core';
import * as pipeline from '../pipeline.js';
import type { ActionRun } from './action-run.js';
import { CONNECTION_INPUTS } from './inputs.js';

export function maskProfileSecrets(run: ActionRun): void {
  const profile = pipeline.targetProfile(run.projectOptions);
  run.log.addSecrets(profile.secrets);
  const given = Object.entries(CONNECTION_INPUTS).filter(([, key]) => run.inputs.targetOverrides[key]);
  if (given.length && profile.target.type !== 'databricks') {
    core.warning(`The ${given.map(([input]) => `'${input}'`).join(', ')} input${given.length === 1 ? ' is' : 's are'} ignored: target '${profile.targetName}' is ${profile.target.type}, not databricks.`);
  }
}
