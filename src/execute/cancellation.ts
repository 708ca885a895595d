/**
 * A cancelled job (SIGINT/SIGTERM, or the Action's runner stopping it): running statements are
 * interrupted by the warehouse, nothing new starts, and what holds a lock releases it on the way out.
 */
let requested = false;

export function requestCancellation(): void {
  requested = true;
}

export function cancellationRequested(): boolean {
  return requested;
}

/** For tests that cancel and then go on in the same process. */
export function resetCancellation(): void {
  requested = false;
}
