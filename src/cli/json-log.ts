/**
 * `--log-format json` (or DBT_LOG_FORMAT=json): one JSON object per line on stdout instead of the human
 * lines — CommandStarted, the command's lines as Notes, node events, CommandCompleted with the counts.
 * Every string of every event is masked like the human lines (the profile's secrets, and the
 * environment's secret-looking values), before it is serialized.
 */
import { randomUUID } from 'node:crypto';
import { countNode, emptyStats, formatLogLine, noteEvent, withEventSink, type LogEvent } from '../report/log-events.js';
import { SLUICE_VERSION } from './version.js';

/** The values of environment variables whose names say they are secret. */
export function environmentSecrets(): string[] {
  return Object.entries(process.env)
    .filter(([key, value]) => value && /(TOKEN|SECRET|PASSWORD)/i.test(key))
    .map(([, value]) => value as string);
}

export class JsonLog {
  readonly invocationId = randomUUID();
  private readonly secrets = new Set<string>();
  private readonly started = Date.now();
  private readonly stats = emptyStats();
  private done = false;

  constructor(
    readonly command: string,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {
    this.addSecrets(environmentSecrets());
    this.emit({ name: 'CommandStarted', level: 'info', msg: `Running sluice ${command}`, data: { command, sluice_version: SLUICE_VERSION } });
  }

  /** An `out` for the command's lines (each a Note) that takes node events too; `secrets` are masked from now on. */
  printer(secrets: string[] = []): (line: string) => void {
    this.addSecrets(secrets);
    return withEventSink((line: string) => this.emit(noteEvent(line)), (event) => this.emit(event));
  }

  /** What the templates' `log()` prints. */
  readonly note = (line: string): void => this.emit(noteEvent(line));

  /** The error that stopped the command (its message as stderr shows it). */
  failed(message: string): void {
    this.emit({ name: 'MainEncounteredError', level: 'error', msg: `Encountered an error:\n${message}`, data: { exc: message } });
  }

  completed(exitCode: number): void {
    if (this.done) return;
    this.done = true;
    const elapsed = (Date.now() - this.started) / 1000;
    const success = exitCode === 0;
    const completedAt = new Date().toISOString();
    this.emit({
      name: 'CommandCompleted',
      level: success ? 'info' : 'error',
      msg: `Command \`sluice ${this.command}\` ${success ? 'succeeded' : 'failed'} at ${completedAt} after ${elapsed.toFixed(2)} seconds`,
      data: { command: this.command, success, exit_code: exitCode, completed_at: completedAt, elapsed, stats: { ...this.stats } },
    });
  }

  private addSecrets(secrets: string[]): void {
    for (const secret of secrets) if (secret.length >= 4) this.secrets.add(secret);
  }

  private emit(event: LogEvent): void {
    if (event.name === 'NodeFinished') countNode(this.stats, event.data.node_info.node_status);
    this.write(`${formatLogLine(this.masked(event), { invocationId: this.invocationId, pid: process.pid })}\n`);
  }

  /** The event with every secret in any of its strings replaced, as the human lines show them. */
  private masked<T>(value: T): T {
    if (typeof value === 'string') {
      let text: string = value;
      for (const secret of this.secrets) text = text.split(secret).join('*****');
      return text as T;
    }
    if (Array.isArray(value)) return value.map((item) => this.masked(item)) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.masked(item)])) as T;
    return value;
  }
}
