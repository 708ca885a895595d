/**
 * Lints files on worker threads, one per core, in batches (tokenizing, parsing and formatting are CPU
 * work; rendering stays on the main thread, which owns the project). Files are handed over one by one
 * as they are rendered, and a batch goes to a worker as soon as it is full, so the workers lint while the
 * main thread is still rendering. Few files, or no compiled worker script (tests run the TypeScript
 * sources), lint inline: the same function either way.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lintFile, loadFormatterFor, type FileLintInput, type FileLintResult } from './lint-file.js';

/** Below this many files, starting workers (each loads the parser and formatter) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 48;
const BATCH_SIZE = 24;
/** Batches a worker holds at once: enough that it never waits for the main thread to send the next. */
const BATCHES_IN_FLIGHT = 3;

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

interface Batch {
  start: number;
  inputs: FileLintInput[];
}

interface PoolWorker {
  thread: Worker;
  inFlight: number;
}

/**
 * Takes files with `add` and lints them; `finish` gives the results in the order they were added. The
 * number of workers depends only on how many files there are (as many as the files fill batches, up to
 * one per core, none below MIN_FILES_FOR_WORKERS unless forced): workers start as the files arrive.
 */
export class LintPool {
  private readonly script = workerScript();
  private readonly inputs: FileLintInput[] = [];
  private readonly results: FileLintResult[] = [];
  private readonly workers: PoolWorker[] = [];
  /** Inputs from here on are not yet in a batch. */
  private batched = 0;
  private readonly queue: Batch[] = [];
  private readonly sent = new Map<number, Batch>();
  private nextId = 0;
  private inFlightLimit = BATCHES_IN_FLIGHT;
  private failure: Error | null = null;
  private settle: (() => void) | null = null;

  constructor(private readonly options: PoolOptions = {}) {}

  /** How many workers this many files get. */
  private workersFor(files: number): number {
    if (!this.script) return 0;
    const wanted = this.options.workers ?? (files >= MIN_FILES_FOR_WORKERS ? Math.min(availableParallelism(), 8) : 0);
    return Math.min(wanted, Math.ceil(files / BATCH_SIZE));
  }

  /** Hands over a file; resolves once the main thread may go on (after letting finished batches in). */
  async add(input: FileLintInput): Promise<void> {
    this.inputs.push(input);
    while (this.workers.length < this.workersFor(this.inputs.length)) this.startWorker();
    if (this.workers.length && this.inputs.length - this.batched >= BATCH_SIZE) {
      this.cutBatches(false);
      // Let the workers' answers in, so that every worker is kept supplied while rendering goes on.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async finish(): Promise<{ results: FileLintResult[]; workers: number }> {
    if (!this.workers.length) {
      await loadFormatterFor(this.inputs);
      return { results: this.inputs.map(lintFile), workers: 0 };
    }
    try {
      // Every file is in: the main thread goes on to other work, so the workers get all that is left.
      this.inFlightLimit = Infinity;
      this.cutBatches(true);
      await new Promise<void>((resolve) => {
        this.settle = resolve;
        this.check();
      });
      if (this.failure) throw this.failure;
      return { results: this.results, workers: this.workers.length };
    } finally {
      await this.terminate();
    }
  }

  /** Stops the workers (finish does; call it when the files will not be finished). */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }

  private startWorker(): void {
    const worker: PoolWorker = { thread: new Worker(this.script!), inFlight: 0 };
    worker.thread.on('message', (message: { id: number; results?: FileLintResult[]; error?: string }) => {
      worker.inFlight--;
      const batch = this.sent.get(message.id)!;
      this.sent.delete(message.id);
      if (message.error) this.fail(new Error(`lint worker failed: ${message.error}`));
      else message.results!.forEach((result, i) => (this.results[batch.start + i] = result));
      this.dispatch();
      this.check();
    });
    worker.thread.once('error', (error) => this.fail(error));
    worker.thread.once('exit', (code) => {
      if (worker.inFlight > 0) this.fail(new Error(`lint worker stopped (exit code ${code})`));
    });
    this.workers.push(worker);
  }

  private cutBatches(all: boolean): void {
    while (this.inputs.length - this.batched >= BATCH_SIZE || (all && this.inputs.length > this.batched)) {
      const start = this.batched;
      this.batched = Math.min(start + BATCH_SIZE, this.inputs.length);
      this.queue.push({ start, inputs: this.inputs.slice(start, this.batched) });
    }
    this.dispatch();
  }

  /** Sends queued batches to the least busy workers. */
  private dispatch(): void {
    while (this.queue.length && !this.failure) {
      const worker = this.workers.reduce((least, candidate) => (candidate.inFlight < least.inFlight ? candidate : least));
      if (worker.inFlight >= this.inFlightLimit) return;
      const batch = this.queue.shift()!;
      const id = this.nextId++;
      this.sent.set(id, batch);
      worker.inFlight++;
      worker.thread.postMessage({ id, inputs: batch.inputs });
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.check();
  }

  /** Resolves finish once every batch is back (or one failed). */
  private check(): void {
    if (!this.settle) return;
    if (this.failure || (this.batched === this.inputs.length && !this.queue.length && !this.sent.size)) {
      this.settle();
      this.settle = null;
    }
  }
}
