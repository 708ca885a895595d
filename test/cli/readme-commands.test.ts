/**
 * Every `npx sluice …` line in the README runs as written from the clone's root: its command and
 * options are ones the CLI has, and it names the project it runs on (the example) unless the command
 * needs none. Parsed by the real CLI definition, stopped before any command runs.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/main.js';
import { REPO_ROOT } from '../support/project.js';

/** The `npx sluice` lines of the README's shell blocks, without their trailing comments. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.startsWith('npx sluice ') && !line.includes('&&'))
    .map((line) => line.replace(/\s+#.*$/, '').replace(/\s*\[[^\]]*\]/g, ''));
}

class Parsed extends Error {}

/** What the CLI makes of the arguments: the command's name, or the error it reports. */
async function parse(args: string[]): Promise<string> {
  const program = buildProgram(() => undefined);
  let command = '';
  program.hook('preAction', (_root, action) => {
    command = action.name();
    throw new Parsed();
  });
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  try {
    await program.parseAsync(['node', 'sluice', ...args]);
  } catch (error) {
    // --help prints the command's help and stops: a line that asks for it runs as written.
    if ((error as { code?: string }).code === 'commander.helpDisplayed') return args.find((arg) => !arg.startsWith('-')) ?? 'help';
    if (!(error instanceof Parsed)) return `error: ${(error as Error).message}`;
  }
  return command;
}

// Commands that need no project, or that the README shows on the user's own project.
const WITHOUT_PROJECT = new Set(['demo']);

describe('the README', () => {
  it('shows only commands that run as written from the clone root', async () => {
    const lines = readmeCommands();
    expect(lines.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const line of lines) {
      const args = line.slice('npx sluice '.length).split(/\s+/).map((arg) => arg.replace(/^['"]|['"]$/g, ''));
      const command = await parse(args);
      if (command.startsWith('error:')) problems.push(`${line} → ${command}`);
      else if (!WITHOUT_PROJECT.has(command) && !args.includes('--project-dir')) problems.push(`${line} → no --project-dir`);
    }
    expect(problems).toEqual([]);
  });
});
