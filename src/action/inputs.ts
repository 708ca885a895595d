/**
 * The Action's inputs (declared, with their defaults, in action.yml), read and checked. Secrets are
 * masked (`core.setSecret`) as soon as they are read, before anything can print them.
 */
import * as core from '@actions/core';
import { SluiceError } from '../errors.js';
import type { ActionLog } from './action-log.js';

export const COMMANDS = ['lint', 'ci', 'plan', 'promote', 'drop', 'janitor'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const FAIL_ON = ['error', 'warn', 'breaking', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  projectDir: string;
  profilesDir: string | undefined;
  target: string | undefined;
  /** Empty: chosen from the event. */
  command: CommandName | undefined;
  githubToken: string;
  /** Profile target keys replaced by the Databricks connection inputs that are set (null removes a key). */
  targetOverrides: Record<string, string | null>;
  comment: boolean;
  failOn: FailOn;
}

/** Which profile key each connection input replaces. */
export const CONNECTION_INPUTS: Record<string, string> = {
  'databricks-host': 'host',
  'databricks-http-path': 'http_path',
  'databricks-token': 'token',
  'databricks-client-id': 'client_id',
  'databricks-client-secret': 'client_secret',
};

const SECRET_INPUTS = ['github-token', 'databricks-token', 'databricks-client-secret'];

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new SluiceError(`The '${name}' input must be one of ${allowed.join(', ')}; got '${value}'`, { hint: `see the inputs in action.yml` });
}

function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).toLowerCase();
  if (!value) return fallback;
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new SluiceError(`The '${name}' input must be true or false; got '${value}'`);
}

export function readInputs(log: ActionLog): ActionInputs {
  log.addSecrets(SECRET_INPUTS.map((name) => core.getInput(name)));
  const overrides: Record<string, string | null> = {};
  for (const [input, key] of Object.entries(CONNECTION_INPUTS)) {
    const value = core.getInput(input);
    if (value) overrides[key] = value;
  }
  // A token from the inputs replaces the profile's OAuth client and the other way round: the profile's
  // env_var() for the way not taken may well be unset.
  if (overrides.token) {
    overrides.client_id ??= null;
    overrides.client_secret ??= null;
  } else if (overrides.client_id || overrides.client_secret) overrides.token = null;
  const command = core.getInput('command');
  return {
    projectDir: core.getInput('project-dir') || '.',
    profilesDir: core.getInput('profiles-dir') || undefined,
    target: core.getInput('target') || undefined,
    command: command ? oneOf('command', command, COMMANDS) : undefined,
    githubToken: core.getInput('github-token'),
    targetOverrides: overrides,
    comment: booleanInput('comment', true),
    failOn: oneOf('fail-on', core.getInput('fail-on') || 'error', FAIL_ON),
  };
}

/** The token, or an error naming the input: every command that talks to GitHub needs it. */
export function requireToken(inputs: ActionInputs, why: string): string {
  if (inputs.githubToken) return inputs.githubToken;
  throw new SluiceError(`The 'github-token' input is empty, and ${why} needs it`, {
    hint: "leave github-token out to use the workflow's token (its default is ${{ github.token }}), or pass a token with 'pull-requests: write' and 'checks: write'",
  });
}
