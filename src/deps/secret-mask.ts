/**
 * Secrets that reach packages.yml (a private repository's token in a git URL) are masked in everything
 * `sluice deps` prints and in its errors, as dbt scrubs them: the values of `DBT_ENV_SECRET_*` variables,
 * the values of secret-named variables that packages.yml reads with env_var(), and the password of any
 * `https://user:password@host` URL.
 */
import { SluiceError } from '../errors.js';

const MASK = '*****';
/** Variable names whose values are secrets even without dbt's prefix (as profiles.yml's are treated). */
const SECRET_NAME = /(TOKEN|PASSWORD|SECRET|PASSPHRASE|PRIVATE_KEY)/i;
/** Shorter values of variables that are merely secret-named would mask ordinary words. */
const MIN_NAMED_SECRET_LENGTH = 4;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;

export class SecretMask {
  private readonly secrets = new Set<string>();

  constructor(env: NodeJS.ProcessEnv) {
    for (const [name, value] of Object.entries(env)) {
      if (name.startsWith('DBT_ENV_SECRET') && value && value.trim()) this.secrets.add(value);
    }
  }

  /** A variable packages.yml read: kept if its name says it is a secret. */
  noteVariable(name: string, value: string): void {
    if (name.startsWith('DBT_ENV_SECRET') ? value.trim() : SECRET_NAME.test(name) && value.length >= MIN_NAMED_SECRET_LENGTH) this.secrets.add(value);
  }

  mask(text: string): string {
    return this.scrub(text.replace(URL_PASSWORD, `$1${MASK}@`));
  }

  /** Only the secret values masked (what dbt does to a URL it writes to package-lock.yml). */
  scrub(text: string): string {
    let masked = text;
    // Longest first, so that a secret containing another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join(MASK);
    return masked;
  }

  /**
   * The same error with every secret masked in its message, hint and stack. A system error (a file that
   * cannot be written…) becomes a SluiceError; anything else stays what it is, a bug.
   */
  maskError(error: unknown): Error {
    if (error instanceof SluiceError) {
      return new SluiceError(this.mask(error.message), { file: error.file, line: error.line, column: error.column, hint: error.hint === undefined ? undefined : this.mask(error.hint) });
    }
    if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
      return new SluiceError(this.mask(`sluice deps failed: ${error.message}`));
    }
    const masked = new Error(this.mask(error instanceof Error ? error.message : String(error)));
    if (error instanceof Error && error.stack) masked.stack = this.mask(error.stack);
    return masked;
  }
}
