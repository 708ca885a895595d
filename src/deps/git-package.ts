/**
 * A git package's files, through the `git` command as dbt gets them: a shallow clone at the revision (a
 * tag or a branch; a full 40-character SHA is fetched by itself), and the commit it landed on, which the
 * lock file records. git never asks for a password (it would wait for ever in CI), every command has a
 * time limit, and what git prints is masked before it goes into an error.
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { SluiceError } from '../errors.js';
import type { SpecOrigin } from './package-spec.js';
import type { SecretMask } from './secret-mask.js';

const GIT_TIMEOUT_MS = 10 * 60_000;
const COMMIT_SHA = /^[0-9a-f]{40}$/;

export interface GitCheckoutRequest {
  /** The rendered URL (it may hold a token). */
  url: string;
  /** The URL as packages.yml writes it, for messages. */
  displayUrl: string;
  revision?: string;
  subdirectory?: string;
  /** A folder that does not exist yet: the clone goes there. */
  into: string;
  env: NodeJS.ProcessEnv;
  mask: SecretMask;
  origin: SpecOrigin;
}

export interface GitCheckout {
  /** The clone. */
  repositoryDir: string;
  /** The package: the clone, or its subdirectory. */
  packageDir: string;
  /** The commit checked out. */
  sha: string;
}

function isWithin(parent: string, path: string): boolean {
  const inside = relative(parent, path);
  return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

export function isCommitSha(revision: string): boolean {
  return COMMIT_SHA.test(revision);
}

class GitFailed extends Error {
  constructor(
    readonly output: string,
    readonly missing: boolean,
  ) {
    super(output);
  }
}

function runGit(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const gitEnv: NodeJS.ProcessEnv = { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  // ssh would otherwise ask about an unknown host key, or for a passphrase, and wait.
  gitEnv.GIT_SSH_COMMAND ??= 'ssh -o BatchMode=yes';
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: gitEnv, timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const timedOut = error.killed === true;
      reject(new GitFailed(timedOut ? `git took longer than ${GIT_TIMEOUT_MS / 60_000} minutes` : (stderr || error.message).trim(), missing));
    });
  });
}

export async function checkoutGitPackage(request: GitCheckoutRequest): Promise<GitCheckout> {
  const { url, revision, into, env } = request;
  const parent = join(into, '..');
  if (url.startsWith('-') || revision?.startsWith('-')) {
    // git would read it as an option.
    throw new SluiceError(`'${url.startsWith('-') ? request.displayUrl : revision}' is not a git ${url.startsWith('-') ? 'URL' : 'revision'}`, { file: request.origin.file, line: request.origin.line });
  }
  try {
    if (revision !== undefined && isCommitSha(revision)) {
      await runGit(['init', '--quiet', into], parent, env);
      try {
        await runGit(['fetch', '--quiet', '--depth', '1', url, revision], into, env);
      } catch (error) {
        if (!(error instanceof GitFailed) || error.missing) throw error;
        // A server that refuses to send one commit by its SHA: fetch its branches and tags instead.
        await runGit(['fetch', '--quiet', url, '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'], into, env);
      }
      await runGit(['checkout', '--quiet', '--detach', revision], into, env);
    } else {
      const branch = revision !== undefined && revision !== 'HEAD' ? ['--branch', revision] : [];
      await runGit(['clone', '--quiet', '--depth', '1', ...branch, '--', url, into], parent, env);
    }
  } catch (error) {
    if (!(error instanceof GitFailed)) throw error;
    if (error.missing) {
      throw new SluiceError(`git packages need the git command, and it was not found (${request.displayUrl})`, {
        file: request.origin.file,
        line: request.origin.line,
        hint: 'install git and make sure it is on PATH',
      });
    }
    const output = request.mask.mask(error.output).split('\n').filter(Boolean).slice(-6).join('\n');
    throw new SluiceError(`git could not check out ${request.displayUrl} at ${revision === undefined ? 'its default branch' : `revision '${revision}'`}:\n${output}`, {
      file: request.origin.file,
      line: request.origin.line,
      hint: 'check the URL and the revision (a tag, a branch or a full 40-character commit SHA); for a private repository, put a token in the URL with env_var()',
    });
  }
  const sha = (await runGit(['rev-parse', 'HEAD'], into, env)).trim();
  const packageDir = request.subdirectory ? join(into, request.subdirectory) : into;
  if (existsSync(packageDir) && !isWithin(realpathSync(into), realpathSync(packageDir))) {
    // The folder is moved into dbt_packages/: it must be the repository's own.
    throw new SluiceError(`subdirectory '${request.subdirectory}' of ${request.displayUrl} leads outside the repository`, {
      file: request.origin.file,
      line: request.origin.line,
      hint: 'subdirectory: is a folder inside the repository, relative to its root',
    });
  }
  if (!existsSync(packageDir) || !statSync(packageDir).isDirectory()) {
    throw new SluiceError(`${request.displayUrl} has no subdirectory '${request.subdirectory}' at ${revision ?? 'its default branch'}`, {
      file: request.origin.file,
      line: request.origin.line,
      hint: 'subdirectory: is the folder of the package (the one with dbt_project.yml), relative to the repository root',
    });
  }
  // The real folder: a subdirectory that is a link inside the repository is moved as the folder it names.
  return { repositoryDir: into, packageDir: realpathSync(packageDir), sha };
}
