/** A lint worker thread: lints the batches of files it is sent (lint-pool.ts starts it). */
import { parentPort } from 'node:worker_threads';
import { lintFile, type FileLintInput } from './lint-file.js';

parentPort?.on('message', (message: { id: number; inputs: FileLintInput[] }) => {
  try {
    parentPort!.postMessage({ id: message.id, results: message.inputs.map(lintFile) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
