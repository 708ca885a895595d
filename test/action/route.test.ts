/** Which library call each event leads to (route.ts), from GitHub's own webhook payloads. */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { mergeGroupOf, pullRequestOf, readGitHubContext } from '../../src/github/event-context.js';
import { chooseRoute } from '../../src/action/route.js';
import type { CommandName } from '../../src/action/inputs.js';
import { EVENTS_DIR } from './run-action.js';

function route(event: string, fixture: string, options: { ref?: string; command?: CommandName } = {}) {
  const context = readGitHubContext({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: join(EVENTS_DIR, `${fixture}.json`), GITHUB_REPOSITORY: 'octo-org/warehouse', GITHUB_REF: options.ref ?? 'refs/heads/master' });
  const result = chooseRoute(context, pullRequestOf(context), options.command);
  if ('mergeGroup' in result) return { kind: result.kind, headSha: result.mergeGroup.headSha };
  return 'pullRequest' in result && result.pullRequest ? { kind: result.kind, number: result.pullRequest.number } : { kind: result.kind };
}

describe('events to library calls', () => {
  it.each([
    ['pull_request', 'pull_request.opened', { kind: 'ci', number: 2 }],
    ['pull_request', 'pull_request.synchronize', { kind: 'ci', number: 2 }],
    ['pull_request', 'pull_request.reopened', { kind: 'ci', number: 2 }],
    ['pull_request', 'pull_request.closed', { kind: 'drop', number: 2 }],
    ['pull_request', 'pull_request.closed.merged', { kind: 'drop', number: 2 }],
    ['pull_request', 'pull_request.opened.fork', { kind: 'lint', number: 2 }],
    ['push', 'push.default-branch', { kind: 'promote' }],
    ['merge_group', 'merge_group.checks_requested', { kind: 'merge-group', headSha: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d' }],
    ['schedule', 'schedule', { kind: 'janitor' }],
    ['workflow_dispatch', 'workflow_dispatch', { kind: 'janitor' }],
    ['issues', 'issues.opened', { kind: 'skip' }],
    ['pull_request_target', 'pull_request.opened', { kind: 'skip' }],
  ])('%s (%s) → %o', (event, fixture, expected) => {
    expect(route(event, fixture)).toEqual(expected);
  });

  it('promotes only pushes to the default branch', () => {
    expect(route('push', 'push.default-branch', { ref: 'refs/heads/feature' })).toEqual({ kind: 'skip' });
    expect(route('push', 'push.default-branch', { ref: 'refs/tags/v1' })).toEqual({ kind: 'skip' });
  });

  it('lets the command input choose, except that a fork is only ever linted', () => {
    expect(route('pull_request', 'pull_request.opened', { command: 'plan' })).toEqual({ kind: 'plan', number: 2 });
    expect(route('workflow_dispatch', 'workflow_dispatch', { command: 'promote' })).toEqual({ kind: 'promote' });
    expect(route('pull_request', 'pull_request.opened.fork', { command: 'ci' })).toEqual({ kind: 'lint', number: 2 });
    expect(route('pull_request', 'pull_request.opened.fork', { command: 'promote' })).toEqual({ kind: 'lint', number: 2 });
    expect(() => route('schedule', 'schedule', { command: 'drop' })).toThrow("The 'drop' command works on a pull request's environment");
  });

  it('checks a merge group only when the queue requests checks, and ci on one is its check', () => {
    expect(route('merge_group', 'merge_group.checks_requested', { command: 'ci' })).toEqual({ kind: 'merge-group', headSha: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d' });
    expect(route('merge_group', 'merge_group.checks_requested', { command: 'lint' })).toEqual({ kind: 'lint' });
    expect(() => route('merge_group', 'merge_group.checks_requested', { command: 'drop' })).toThrow("The 'drop' command works on a pull request's environment, and a 'merge_group' event has no pull request");
    const destroyed = readGitHubContext({ GITHUB_EVENT_NAME: 'merge_group', GITHUB_EVENT_PATH: join(EVENTS_DIR, 'merge_group.checks_requested.json'), GITHUB_REPOSITORY: 'octo-org/warehouse' });
    destroyed.action = 'destroyed';
    expect(chooseRoute(destroyed, null, undefined)).toMatchObject({ kind: 'skip', why: expect.stringContaining('merge group that was destroyed') });
  });

  it("takes a merge group's SHAs, never its refs (which hold branch names)", () => {
    const context = readGitHubContext({ GITHUB_EVENT_NAME: 'merge_group', GITHUB_EVENT_PATH: join(EVENTS_DIR, 'merge_group.checks_requested.json'), GITHUB_REPOSITORY: 'octo-org/warehouse' });
    expect(context.payload.merge_group).toMatchObject({ head_ref: expect.stringMatching(/^refs\/heads\/gh-readonly-queue\/main\/pr-104-/) });
    expect(mergeGroupOf(context)).toEqual({ headSha: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d', baseSha: '380387fbc80638b734a49e1be1c4dfec1c01b33c' });
    expect(pullRequestOf(context)).toBeNull();
    context.payload = { ...context.payload, merge_group: { ...(context.payload.merge_group as object), head_sha: "main'; drop schema prod --" } };
    expect(() => mergeGroupOf(context)).toThrow('merge_group.head_sha is not a commit SHA');
  });

  it("takes a pull request's number and head SHA, never its title or branch", () => {
    const context = readGitHubContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(EVENTS_DIR, 'pull_request.opened.json'), GITHUB_REPOSITORY: 'octo-org/warehouse' });
    expect(pullRequestOf(context)).toEqual({ number: 2, headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821', baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', fromFork: false, merged: false, url: 'https://github.com/octo-org/warehouse/pull/2' });
  });
});
