/**
 * The deploy lock: one promote or rollback at a time. The lock row names its holder's pid and host and
 * carries a heartbeat; a holder whose heartbeat is older than the expiry, or whose process on this host
 * is gone, has lost it. Waiting is bounded by promote.lock_timeout.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SluiceError } from '../errors.js';
import type { LockHolder, StateStore } from './state-store.js';

export const DEPLOY_LOCK = 'deploy';

export interface DeployLock {
  holder: string;
  release(): Promise<void>;
}

function processIsGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface LockOptions {
  timeoutSeconds: number;
  expirySeconds: number;
  out: (line: string) => void;
  /** Poll interval while waiting. */
  pollMilliseconds?: number;
}

export async function acquireDeployLock(state: StateStore, options: LockOptions): Promise<DeployLock> {
  const holder = randomUUID();
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const poll = options.pollMilliseconds ?? 1000;
  let announced = false;
  for (;;) {
    const current = await state.tryLock(DEPLOY_LOCK, holder, options.expirySeconds);
    if (!current) break;
    if (processIsGone(current)) {
      options.out(`The deploy lock was held by process ${current.pid} on ${current.host}, which has ended: taking it over.`);
      await state.unlock(DEPLOY_LOCK, current.holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SluiceError(`Another deploy holds the lock (process ${current.pid} on ${current.host}, since ${current.acquiredAt})`, {
        hint: `waited ${options.timeoutSeconds}s; if that deploy is dead, run again after its lock expires (${options.expirySeconds}s without a heartbeat) or use --force-unlock`,
      });
    }
    if (!announced) {
      options.out(`Waiting for the deploy lock held by process ${current.pid} on ${current.host} (up to ${options.timeoutSeconds}s)…`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(poll, Math.max(1, deadline - Date.now()))));
  }
  const beat = setInterval(() => void state.heartbeat(DEPLOY_LOCK, holder).catch(() => undefined), Math.max(1000, (options.expirySeconds * 1000) / 4));
  beat.unref();
  let released = false;
  return {
    holder,
    async release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      await state.unlock(DEPLOY_LOCK, holder);
    },
  };
}
