/** The files a pull request changes, from git: what it changed since it branched off, deletions left out, mapped into the project. */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { changedFilesBetween } from '../../src/git.js';
import { filesInProject } from '../../src/github/changed-files.js';

function repository(): { dir: string; git: (...args: string[]) => string; write: (path: string, text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  git('init', '-q', '-b', 'main');
  return { dir, git, write };
}

describe('changed files from git', () => {
  it("lists what the pull request changed since its merge base, not what the base branch did since, without deleted files", async () => {
    const { dir, git, write } = repository();
    try {
      write('project/models/a.sql', 'select 1');
      write('project/models/gone.sql', 'select 2');
      write('README.md', 'hi');
      git('add', '.');
      git('commit', '-q', '-m', 'start');
      git('checkout', '-q', '-b', 'feature');
      write('project/models/a.sql', 'select 10');
      write('project/models/new model.sql', 'select 3');
      git('rm', '-q', 'project/models/gone.sql');
      git('add', '.');
      git('commit', '-q', '-m', 'feature');
      const head = git('rev-parse', 'HEAD');
      git('checkout', '-q', 'main');
      write('project/models/base_only.sql', 'select 4');
      git('add', '.');
      git('commit', '-q', '-m', 'main moves on');
      const base = git('rev-parse', 'HEAD');

      const files = changedFilesBetween(dir, base, head);
      expect(files?.sort()).toEqual(['project/models/a.sql', 'project/models/new model.sql']);
      expect(filesInProject([...files!, 'README.md'], dir, join(dir, 'project'))).toEqual(['models/a.sql', 'models/new model.sql']);
      // A checkout without the base commit (a shallow clone) cannot tell: the caller asks the API.
      expect(changedFilesBetween(dir, '0'.repeat(40), head)).toBeNull();
      expect(changedFilesBetween(join(tmpdir()), base, head)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
