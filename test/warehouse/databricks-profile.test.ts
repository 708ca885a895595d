import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { connectionOptions } from '../../src/warehouse/databricks/databricks-connection.js';
import { describeFailure } from '../../src/warehouse/databricks/databricks-errors.js';
import { readDatabricksProfile } from '../../src/warehouse/databricks/databricks-profile.js';

const base = {
  type: 'databricks',
  host: 'adb-1234567890.12.azuredatabricks.net',
  http_path: '/sql/1.0/warehouses/abc123',
  token: 'dapi-secret',
  catalog: 'main',
  schema: 'analytics',
  threads: 4,
};

describe('Databricks profile target', () => {
  it("reads dbt-databricks' keys, with defaults", () => {
    expect(readDatabricksProfile(base)).toEqual({
      host: 'adb-1234567890.12.azuredatabricks.net',
      port: 443,
      httpPath: '/sql/1.0/warehouses/abc123',
      auth: { kind: 'token', token: 'dapi-secret' },
      catalog: 'main',
      schema: 'analytics',
      threads: 4,
      connectRetries: 1,
      connectTimeoutSeconds: 10,
      startTimeoutSeconds: 600,
      statementTimeoutSeconds: undefined,
      caCert: undefined,
    });
  });

  it('forgives a pasted URL and a path without its slash; takes `database` for the catalog', () => {
    const settings = readDatabricksProfile({ ...base, host: 'https://dbc-a1b2.cloud.databricks.com/', http_path: 'sql/1.0/warehouses/x', catalog: undefined, database: 'prod' });
    expect(settings.host).toBe('dbc-a1b2.cloud.databricks.com');
    expect(settings.httpPath).toBe('/sql/1.0/warehouses/x');
    expect(settings.catalog).toBe('prod');
  });

  it("trades a service principal's client_id/secret with the workspace's own OAuth server, on Azure too (not with Entra ID)", async () => {
    const { DBSQLClient } = await import('@databricks/sql');
    const endpoints: string[] = [];
    for (const host of ['adb-1234567890123456.7.azuredatabricks.net', 'dbc-a1b2.cloud.databricks.com']) {
      const settings = readDatabricksProfile({ ...base, host, token: undefined, client_id: 'app-id', client_secret: 'dose-secret' });
      const client = new DBSQLClient({ logger: { log: () => undefined } });
      // The real driver, given Sluice's options, picks its OAuth flow; connect() sends nothing yet.
      await client.connect(connectionOptions(settings));
      const provider = (client as unknown as { authProvider: { getManager(): { getOIDCConfigUrl(): string } } }).authProvider;
      endpoints.push(provider.getManager().getOIDCConfigUrl());
      await client.close();
    }
    expect(endpoints).toEqual([
      'https://adb-1234567890123456.7.azuredatabricks.net/oidc/.well-known/oauth-authorization-server',
      'https://dbc-a1b2.cloud.databricks.com/oidc/.well-known/oauth-authorization-server',
    ]);
  });

  it('uses OAuth machine-to-machine with client_id and client_secret', () => {
    const settings = readDatabricksProfile({ ...base, token: undefined, client_id: 'app-id', client_secret: 'dose-secret' });
    expect(settings.auth).toEqual({ kind: 'oauth-m2m', clientId: 'app-id', clientSecret: 'dose-secret' });
  });

  it('names what is missing or wrong, and the profile file', () => {
    const failure = (target: Record<string, unknown>) => {
      try {
        readDatabricksProfile(target, '/home/me/.dbt/profiles.yml');
      } catch (error) {
        expect(error).toBeInstanceOf(SluiceError);
        expect((error as SluiceError).file).toBe('/home/me/.dbt/profiles.yml');
        return (error as SluiceError).message;
      }
      throw new Error('expected an error');
    };
    expect(failure({ ...base, host: undefined })).toBe("The Databricks target is missing 'host'");
    expect(failure({ ...base, http_path: '' })).toBe("The Databricks target is missing 'http_path'");
    expect(failure({ ...base, token: undefined })).toBe("The Databricks target is missing 'token' (or 'client_id' and 'client_secret')");
    expect(failure({ ...base, token: undefined, client_id: 'app' })).toBe("The Databricks target has 'client_id' but is missing 'client_secret'");
    expect(failure({ ...base, host: 'token:dapi-secret@adb-1.azuredatabricks.net' })).toBe("The Databricks target's 'host' must be a host name, got 'adb-1.azuredatabricks.net'");
    expect(failure({ ...base, connect_retries: -1 })).toMatch(/'connect_retries' must be a number of at least 0/);
    expect(failure({ ...base, ca_cert: '/no/such/ca.pem' })).toMatch(/Could not read the Databricks target's ca_cert '\/no\/such\/ca.pem'/);
  });
});

describe('Databricks failures', () => {
  const context = { host: 'adb-1.azuredatabricks.net', port: 443, httpPath: '/sql/1.0/warehouses/x', oauth: false, secrets: ['dapi-secret'] };

  it('reads the driver\'s HTTP errors, also after its own retries ran out', () => {
    expect(describeFailure({ statusCode: 403, message: 'Received a response with a bad HTTP status code: 403' }, context)).toEqual({
      kind: 'fatal',
      setting: 'credentials',
      message: 'The Databricks workspace at adb-1.azuredatabricks.net rejected the token (HTTP 403): check the token, and that it may use the SQL warehouse',
    });
    expect(describeFailure({ statusCode: 401 }, { ...context, oauth: true }).message).toMatch(/rejected the OAuth credentials \(HTTP 401\): check client_id and client_secret/);
    expect(describeFailure(new Error('Hive driver: 503 when connecting to resource. Max retry count exceeded.'), context)).toEqual({
      kind: 'transient',
      httpStatus: 503,
      unavailable: true,
      message: 'The SQL warehouse at adb-1.azuredatabricks.net is not available (starting or stopped?): HTTP 503',
    });
    // The driver's RetryError after its own tries: the last answer, with the wait it asked for.
    const retryError = { name: 'RetryError', message: 'Retry attempts exceeded', payload: { response: { status: 429, headers: new Headers({ 'Retry-After': '7' }) } } };
    expect(describeFailure(retryError, context)).toMatchObject({ kind: 'transient', httpStatus: 429, unavailable: true, retryAfterSeconds: 7 });
  });

  it('reads network errors and the warehouse\'s own messages', () => {
    expect(describeFailure({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND adb-1' }, context).message).toBe("Could not find the Databricks host 'adb-1.azuredatabricks.net': check host");
    expect(describeFailure({ code: 'ECONNRESET', message: 'socket hang up' }, context).kind).toBe('transient');
    const status = { name: 'Status Error', message: '[TEMPORARILY_UNAVAILABLE] The service is starting. SQLSTATE: XX000', code: 3 };
    expect(describeFailure(status, context).kind).toBe('transient');
    const operation = { errorCode: 'ERROR', message: 'x', response: { displayMessage: '[DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012', sqlState: '22012' } };
    expect(describeFailure(operation, context)).toEqual({ kind: 'fatal', message: '[DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012', errorClass: 'DIVIDE_BY_ZERO', sqlState: '22012' });
  });

  it('never repeats a secret', () => {
    const failure = describeFailure(new Error('Bearer dapi-secret was refused'), context);
    expect(failure.message).toBe('Bearer **** was refused');
  });
});
