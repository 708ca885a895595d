/**
 * Crash points for the tests that prove a promote killed mid-publish leaves production consistent.
 * `SLUICE_FAULT=publish:N` kills the process (SIGKILL, no cleanup) inside the publish transaction, after
 * its N-th statement; `SLUICE_FAULT=publish-step:N` after the N-th model published step by step (warehouses
 * without transactions); `SLUICE_FAULT=rollback:N` inside a rollback. Unset in real use.
 */
export function checkFault(point: string, index: number): void {
  const fault = process.env.SLUICE_FAULT;
  if (!fault) return;
  const [wantedPoint, wantedIndex] = fault.split(':');
  if (wantedPoint !== point) return;
  if (wantedIndex !== undefined && Number(wantedIndex) !== index) return;
  process.kill(process.pid, 'SIGKILL');
}
