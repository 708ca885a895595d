/**
 * What git says about the checkout a project is in: its top folder (annotations name files from there),
 * the files changed since a ref (`sluice lint --changed-since`), and the files a pull request changes
 * (the Action, when the checkout holds both commits). Paths come back relative to where git was asked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from './errors.js';

/** git's output, or null when git fails (not a checkout, an unknown commit, no git at all). */
function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  } catch {
    return null;
  }
}

/** The checkout's top folder, or null when `dir` is not in one. */
export function gitTopLevel(dir: string): string | null {
  return git(dir, ['rev-parse', '--show-toplevel'])?.trim() || null;
}

/**
 * The files under `root` that differ from `ref` — committed since, staged, unstaged and new (untracked,
 * not ignored) — relative to `root`; deleted files left out. A bad ref is bad input.
 */
export function changedFilesSince(root: string, ref: string): Set<string> {
  if (gitTopLevel(root) === null) {
    throw new SluiceError(`--changed-since needs a git repository, and ${root} is not in one`, { hint: 'run sluice lint without --changed-since to lint every file' });
  }
  if (ref.startsWith('-')) throw new SluiceError(`--changed-since: '${ref}' is not a git ref`, { hint: 'pass a branch, tag or commit, e.g. --changed-since origin/main' });
  if (git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === null) {
    throw new SluiceError(`--changed-since: '${ref}' is not a commit in this repository`, {
      hint: 'check the name (git branch -a), or fetch it first (git fetch origin main); in GitHub Actions, check out with fetch-depth: 0',
    });
  }
  // --relative: paths relative to the project folder, and only files inside it.
  const changed = (git(root, ['diff', '--name-only', '--relative', '-z', ref, '--']) ?? '').split('\0');
  const untracked = (git(root, ['ls-files', '--others', '--exclude-standard', '-z']) ?? '').split('\0');
  return new Set([...changed, ...untracked].filter((path) => path && existsSync(join(root, path))));
}

/**
 * What a pull request changes — `git diff base...head`, as its "Files changed" tab shows, deleted files
 * left out — relative to the checkout's top; null when the checkout lacks either commit.
 */
export function changedFilesBetween(repositoryRoot: string, baseSha: string, headSha: string): string[] | null {
  if (!baseSha || !headSha) return null;
  for (const sha of [baseSha, headSha]) if (git(repositoryRoot, ['cat-file', '-e', `${sha}^{commit}`]) === null) return null;
  // Three dots: what the pull request changes since it branched off, not what the base did since.
  const listed = git(repositoryRoot, ['diff', '--name-only', '--diff-filter=d', '-z', `${baseSha}...${headSha}`]);
  return listed === null ? null : listed.split('\0').filter(Boolean);
}
