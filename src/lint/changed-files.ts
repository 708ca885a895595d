/**
 * `--changed-since REF`: the project's files that differ from a git ref — committed since, staged,
 * unstaged and new (untracked, not ignored) — as project-relative paths. Deleted files are left out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

export function changedFiles(root: string, ref: string): Set<string> {
  try {
    git(root, ['rev-parse', '--is-inside-work-tree']);
  } catch {
    throw new SluiceError(`--changed-since needs a git repository, and ${root} is not in one`, { hint: 'run sluice lint without --changed-since to lint every file' });
  }
  if (ref.startsWith('-')) throw new SluiceError(`--changed-since: '${ref}' is not a git ref`, { hint: 'pass a branch, tag or commit, e.g. --changed-since origin/main' });
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new SluiceError(`--changed-since: '${ref}' is not a commit in this repository`, {
      hint: 'check the name (git branch -a), or fetch it first (git fetch origin main); in GitHub Actions, check out with fetch-depth: 0',
    });
  }
  // --relative: paths relative to the project folder, and only files inside it.
  const changed = git(root, ['diff', '--name-only', '--relative', '-z', ref, '--']).split('\0');
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  return new Set([...changed, ...untracked].filter((path) => path && existsSync(join(root, path))));
}
