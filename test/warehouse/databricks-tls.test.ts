/** The driver verifies the server's certificate: without the emulator's CA in `ca_cert`, no connection (and no token sent). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

let emulator: DatabricksEmulator;
beforeAll(async () => {
  emulator = await startDatabricksEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

describe('TLS', () => {
  it('connects when the certificate authority is trusted', async () => {
    const warehouse = await connectWarehouse(emulator.target());
    await warehouse.ping();
    await warehouse.close();
  });

  it('refuses a server whose certificate it cannot verify', async () => {
    const { ca_cert: _trusted, ...untrusted } = emulator.target({ connect_retries: 0, connect_timeout: 5 });
    const before = emulator.requests.length;
    await expect(connectWarehouse(untrusted as typeof _trusted & ReturnType<DatabricksEmulator['target']>).then((warehouse) => warehouse.ping())).rejects.toThrow();
    // Nothing reached the server: the token was never sent.
    expect(emulator.requests.length).toBe(before);
  });
});
