/**
 * What dbt templates reach through the `modules` context member — Python's datetime, pytz, re and
 * itertools, each with the names dbt exports from it — and dbt's `run_started_at`.
 */
import { datetimeAtInstant, datetimeModule, type PyDatetime } from './python-datetime.js';
import { itertoolsModule } from './python-itertools.js';
import { PYTZ_UTC, pytzModule } from './python-pytz.js';
import { reModule } from './python-re.js';

/** The `modules` context member; `now` is the clock `datetime.now()` and `date.today()` read. */
export function pythonModules(now: () => Date): Record<string, Record<string, unknown>> {
  return { datetime: datetimeModule(now), pytz: pytzModule(), re: reModule(), itertools: itertoolsModule() };
}

/** dbt's `run_started_at`: the instant the run started, as an aware datetime in pytz's UTC. */
export function runStartedAt(instant: Date): PyDatetime {
  return datetimeAtInstant(instant, PYTZ_UTC);
}
