/**
 * A `type: databricks` profile target in dbt-databricks' format, checked and turned into connection
 * settings. Keys:
 *
 *   host             the workspace host, e.g. `adb-1234567890.12.azuredatabricks.net` (no https://)
 *   http_path        the SQL warehouse's HTTP path, e.g. `/sql/1.0/warehouses/abc123`
 *   token            a personal access token — or, for OAuth machine-to-machine, instead:
 *   client_id        a service principal's application id
 *   client_secret    its OAuth secret
 *   catalog          the Unity Catalog catalog models are built in (also read as `database`)
 *   schema           the schema models are built in
 *   threads          how many statements run at once (one warehouse session each)
 *   connect_retries  how many more times to try connecting when the warehouse is starting (default 1)
 *   connect_timeout  seconds one attempt to connect may take (default 10)
 *   warehouse_start_timeout  seconds to wait for a warehouse that is starting (it answers 503 or
 *                    TEMPORARILY_UNAVAILABLE meanwhile), at the pace its Retry-After asks (default 600)
 *   statement_timeout  seconds one statement may run before Sluice cancels it (default: no limit)
 *   port             the HTTPS port (default 443; for the local emulator in tests)
 *   ca_cert          a PEM file of an extra certificate authority to trust (for the local emulator in tests)
 *
 * Secrets come from the environment: `token: "{{ env_var('DATABRICKS_TOKEN') }}"`.
 */
import { readFileSync } from 'node:fs';
import { SluiceError } from '../../errors.js';

export type DatabricksAuth = { kind: 'token'; token: string } | { kind: 'oauth-m2m'; clientId: string; clientSecret: string };

export interface DatabricksSettings {
  host: string;
  port: number;
  httpPath: string;
  auth: DatabricksAuth;
  /** Undefined: the warehouse's default catalog. */
  catalog?: string;
  schema: string;
  threads: number;
  connectRetries: number;
  connectTimeoutSeconds: number;
  /** How long to wait for a warehouse that answers "not available" (starting, stopped, overloaded). */
  startTimeoutSeconds: number;
  statementTimeoutSeconds?: number;
  /** PEM text of an extra CA to trust. */
  caCert?: string;
}

export function readDatabricksProfile(target: Record<string, unknown>, profileFile?: string): DatabricksSettings {
  const place = { file: profileFile };
  const text = (key: string): string | undefined => {
    const value = target[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new SluiceError(`The Databricks target's '${key}' must be a string`, place);
    }
    return String(value).trim();
  };
  const required = (key: string, hint: string): string => {
    const value = text(key);
    if (value === undefined) throw new SluiceError(`The Databricks target is missing '${key}'`, { ...place, hint, code: 'target-setting-missing', details: { key } });
    return value;
  };
  const number = (key: string, fallback: number | undefined, minimum: number): number | undefined => {
    const value = target[key];
    if (value === undefined || value === null || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < minimum) {
      throw new SluiceError(`The Databricks target's '${key}' must be a number of at least ${minimum}, got ${JSON.stringify(value)}`, place);
    }
    return parsed;
  };

  const hostText = required('host', 'set host to the workspace host, e.g. adb-1234567890.12.azuredatabricks.net');
  // dbt-databricks takes the bare host; a pasted URL is forgiven.
  const host = hostText.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (/[/\s@]/.test(host)) {
    throw new SluiceError(`The Databricks target's 'host' must be a host name, got '${host.replace(/^.*@/, '')}'`, {
      ...place,
      hint: 'write only the host, e.g. adb-1234567890.12.azuredatabricks.net',
    });
  }
  const httpPath = required('http_path', "set http_path to the SQL warehouse's HTTP path, e.g. /sql/1.0/warehouses/abc123 (its Connection details)");

  const token = text('token');
  const clientId = text('client_id');
  const clientSecret = text('client_secret');
  let auth: DatabricksAuth;
  if (token) auth = { kind: 'token', token };
  else if (clientId && clientSecret) auth = { kind: 'oauth-m2m', clientId, clientSecret };
  else if (clientId) throw new SluiceError("The Databricks target has 'client_id' but is missing 'client_secret'", { ...place, hint: "set client_secret: \"{{ env_var('DATABRICKS_CLIENT_SECRET') }}\"" });
  else {
    throw new SluiceError("The Databricks target is missing 'token' (or 'client_id' and 'client_secret')", {
      ...place,
      hint: "set token: \"{{ env_var('DATABRICKS_TOKEN') }}\", or client_id and client_secret for OAuth machine-to-machine",
    });
  }

  const caCertFile = text('ca_cert');
  let caCert: string | undefined;
  if (caCertFile) {
    try {
      caCert = readFileSync(caCertFile, 'utf8');
    } catch (error) {
      throw new SluiceError(`Could not read the Databricks target's ca_cert '${caCertFile}': ${(error as Error).message}`, place);
    }
  }

  return {
    host,
    port: number('port', 443, 1)!,
    httpPath: httpPath.startsWith('/') ? httpPath : `/${httpPath}`,
    auth,
    catalog: text('catalog') ?? text('database'),
    schema: required('schema', 'set the schema that models are built into'),
    threads: Math.floor(number('threads', 1, 1)!),
    connectRetries: Math.floor(number('connect_retries', 1, 0)!),
    connectTimeoutSeconds: number('connect_timeout', 10, 1)!,
    startTimeoutSeconds: number('warehouse_start_timeout', 600, 0)!,
    statementTimeoutSeconds: number('statement_timeout', undefined, 1),
    caCert,
  };
}

/** The values of the settings that must never be printed. */
export function settingsSecrets(settings: DatabricksSettings): string[] {
  return settings.auth.kind === 'token' ? [settings.auth.token] : [settings.auth.clientSecret];
}
