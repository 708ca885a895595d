/**
 * How packages.yml is rendered: as dbt renders it, with a context of its own — `env_var()` (which, here
 * and in profiles.yml only, may read `DBT_ENV_SECRET_*` variables), `var()` (only what `--vars` gives) and
 * `dbt_version`. A secret's value is put in after Jinja has run, so that no filter or macro can print part
 * of it; the SecretMask learns it, so that it is masked wherever it could be printed.
 */
import { DBT_VERSION } from '../dbt-version.js';
import { SluiceError } from '../errors.js';
import { bindArguments } from '../templating/call-args.js';
import { renderNativeValue } from '../templating/render-string.js';
import type { SecretMask } from './secret-mask.js';

const SECRET_PREFIX = 'DBT_ENV_SECRET';
const placeholder = (name: string) => `$$$DBT_SECRET_START$$$${name}$$$DBT_SECRET_END$$$`;
const PLACEHOLDER = /\$\$\$DBT_SECRET_START\$\$\$(.*?)\$\$\$DBT_SECRET_END\$\$\$/g;

export interface PackageRenderOptions {
  env: NodeJS.ProcessEnv;
  /** `--vars`, the only variables packages.yml sees. */
  cliVars: Record<string, unknown>;
  mask: SecretMask;
}

export class PackageRenderer {
  constructor(private readonly options: PackageRenderOptions) {}

  /** A value of packages.yml, rendered: strings with Jinja in lists and mappings too. */
  render(value: unknown, file: string, line: number): unknown {
    if (typeof value === 'string') return this.renderString(value, file, line);
    if (Array.isArray(value)) return value.map((item) => this.render(item, file, line));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.render(item, file, line)]));
    }
    return value;
  }

  private renderString(text: string, file: string, line: number): unknown {
    const rendered = renderNativeValue(text, this.context(file, line), file, line);
    if (typeof rendered !== 'string') return rendered;
    return rendered.replace(PLACEHOLDER, (_, name: string) => this.options.env[name] ?? '');
  }

  private context(file: string, line: number): Record<string, unknown> {
    const { env, cliVars, mask } = this.options;
    return {
      dbt_version: DBT_VERSION,
      env_var: (...args: unknown[]): string => {
        const { var: name, default: fallback } = bindArguments(args, ['var', 'default']);
        const variable = String(name);
        const value = env[variable];
        if (value !== undefined) {
          mask.noteVariable(variable, value);
          return variable.startsWith(SECRET_PREFIX) ? placeholder(variable) : value;
        }
        if (fallback !== undefined && fallback !== null) return String(fallback);
        throw new SluiceError(`Environment variable '${variable}' is required by packages.yml but not set`, {
          file,
          line,
          hint: `set ${variable}, or give env_var() a default: env_var('${variable}', '...')`,
        });
      },
      var: (...args: unknown[]): unknown => {
        const { var: name, default: fallback } = bindArguments(args, ['var', 'default']);
        const variable = String(name);
        if (Object.prototype.hasOwnProperty.call(cliVars, variable)) return cliVars[variable];
        if (fallback !== undefined) return fallback;
        throw new SluiceError(`Variable '${variable}' is required by packages.yml but not given`, {
          file,
          line,
          hint: `packages.yml sees only the variables given with --vars, e.g. --vars '{"${variable}": "..."}'`,
        });
      },
    };
  }
}
