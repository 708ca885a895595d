/**
 * `npm run emulator`: the test suite's Databricks SQL warehouse emulator (test/support/databricks-emulator/)
 * as a process of its own, for trying Sluice or the driver by hand. It prints one JSON line —
 * `{"host","port","http_path","token","ca_cert"}`, ca_cert being a PEM file in a temporary folder — and
 * serves until SIGINT or SIGTERM, then removes that folder. SLUICE_EMULATOR_PORT, SLUICE_EMULATOR_TOKEN
 * and SLUICE_EMULATOR_CATALOGS (comma-separated, e.g. `main,hive_metastore`) change the defaults.
 *
 * The emulator is TypeScript: esbuild bundles it (its packages left as imports) into a file inside
 * node_modules/.cache, where those imports resolve; the file is removed once loaded.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const bundleDir = mkdtempSync(join(cache, 'sluice-emulator-'));
let emulatorModule;
try {
  const outfile = join(bundleDir, 'emulator.mjs');
  await build({
    entryPoints: [join(root, 'test', 'support', 'databricks-emulator', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  emulatorModule = await import(pathToFileURL(outfile).href);
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
}

const catalogs = process.env.SLUICE_EMULATOR_CATALOGS?.split(',').map((name) => name.trim()).filter(Boolean);
const emulator = await emulatorModule.startDatabricksEmulator({
  port: process.env.SLUICE_EMULATOR_PORT ? Number(process.env.SLUICE_EMULATOR_PORT) : undefined,
  token: process.env.SLUICE_EMULATOR_TOKEN || undefined,
  catalogs: catalogs?.length ? catalogs : undefined,
});
process.stdout.write(
  `${JSON.stringify({ host: emulator.host, port: emulator.port, http_path: emulator.path, token: emulator.token, ca_cert: emulator.caCertFile })}\n`,
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await emulator.stop();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`The emulator did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
