/**
 * Lints files on worker threads, one per core, in batches (tokenizing, parsing and formatting are CPU
 * work; rendering stays on the main thread, which owns the project). Few files, or no compiled worker
 * script (tests run the TypeScript sources), lint inline: the same function either way.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lintFile, loadFormatterFor, type FileLintInput, type FileLintResult } from './lint-file.js';

/** Below this many files, starting workers (each loads the parser and formatter) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 48;
const BATCH_SIZE = 24;

function workerScript(): string | null {
  const url = new URL('./lint-worker.js', import.meta.url);
  if (url.protocol !== 'file:') return null;
  const path = fileURLToPath(url);
  return existsSync(path) ? path : null;
}

export interface PoolOptions {
  /** Force a number of workers (0 = inline); default: one per core when there are enough files. */
  workers?: number;
}

export async function lintFiles(inputs: FileLintInput[], options: PoolOptions = {}): Promise<{ results: FileLintResult[]; workers: number }> {
  const script = workerScript();
  const wanted = options.workers ?? (inputs.length >= MIN_FILES_FOR_WORKERS ? Math.min(availableParallelism(), 8) : 0);
  const count = script ? Math.min(wanted, Math.ceil(inputs.length / BATCH_SIZE)) : 0;
  if (count <= 0) {
    await loadFormatterFor(inputs);
    return { results: inputs.map(lintFile), workers: 0 };
  }
  const results: FileLintResult[] = new Array(inputs.length);
  const batches: Array<{ start: number; inputs: FileLintInput[] }> = [];
  for (let start = 0; start < inputs.length; start += BATCH_SIZE) batches.push({ start, inputs: inputs.slice(start, start + BATCH_SIZE) });
  let next = 0;
  const workers = Array.from({ length: count }, () => new Worker(script!));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              const id = next++;
              worker.postMessage({ id, inputs: batches[id].inputs });
            };
            worker.on('message', (message: { id: number; results?: FileLintResult[]; error?: string }) => {
              if (message.error) return reject(new Error(`lint worker failed: ${message.error}`));
              message.results!.forEach((result, i) => (results[batches[message.id].start + i] = result));
              send();
            });
            worker.once('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { results, workers: count };
}
