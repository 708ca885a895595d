#!/usr/bin/env node
// The CLI entry point: the TypeScript sources are compiled to lib/ by `npm ci` (the `prepare` script).
// DuckDB runs statements on libuv's thread pool (4 threads by default): size it before any I/O uses it,
// so that --threads above 4 really runs that many statements at once.
import os from 'node:os';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Asked on every CI step: answered without loading the command line's modules.
  const { SLUICE_VERSION } = await import('../lib/cli/version.js');
  process.stdout.write(`${SLUICE_VERSION}\n`);
} else {
  process.env.UV_THREADPOOL_SIZE ??= String(Math.max(8, os.availableParallelism() * 2 + 4));
  const { main } = await import('../lib/cli/main.js');
  process.exitCode = await main(process.argv);
}
