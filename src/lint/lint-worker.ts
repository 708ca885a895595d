/** A lint worker thread: lints the batches of files it is sent (lint-pool.ts starts it). */
import { parentPort } from 'node:worker_threads';
import { lintFile, loadFormatterFor, type FileLintInput } from './lint-file.js';

parentPort?.on('message', async (message: { id: number; inputs: FileLintInput[] }) => {
  try {
    await loadFormatterFor(message.inputs);
    parentPort!.postMessage({ id: message.id, results: message.inputs.map(lintFile) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
