/**
 * The step's log. Every secret is registered with the runner (`core.setSecret`, which masks it in the
 * log GitHub shows) and also masked here, so that a run outside a runner (the tests, a local replay)
 * never prints one either.
 */
import * as core from '@actions/core';

/** Shorter values would mask ordinary words all over the log. */
const MIN_SECRET_LENGTH = 4;
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSPHRASE|PRIVATE_KEY)/i;

export class ActionLog {
  private readonly secrets = new Set<string>();
  private readonly registered = new Set<string>();

  /**
   * Values of environment variables whose names say they are secrets (as the CLI masks them). Masked
   * here only: a workflow's `${{ secrets.X }}` is already masked by the runner.
   */
  addEnvironmentSecrets(env: NodeJS.ProcessEnv = process.env): void {
    for (const [name, value] of Object.entries(env)) {
      if (value && value.length >= MIN_SECRET_LENGTH && SECRET_NAME.test(name)) this.secrets.add(value);
    }
  }

  /** Secrets the runner cannot know of (inputs, values a profile computes): registered with it too. */
  addSecrets(values: Array<string | null | undefined>): void {
    for (const value of values) {
      if (!value || value.length < MIN_SECRET_LENGTH || this.registered.has(value)) continue;
      this.secrets.add(value);
      this.registered.add(value);
      core.setSecret(value);
    }
  }

  mask(text: string): string {
    let masked = text;
    for (const secret of this.secrets) masked = masked.split(secret).join('***');
    return masked;
  }

  /** For the library's `out`: one line of progress. */
  readonly info = (line: string): void => core.info(this.mask(line));
}
