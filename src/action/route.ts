/**
 * Which library call an event leads to — the whole of the Action's behaviour in one table:
 *
 *   pull_request opened/synchronize/reopened  → ci into pr_<number> (lint of the changed files first)
 *   pull_request closed                        → drop pr_<number>
 *   push to the default branch                 → promote
 *   merge_group checks_requested               → ci of the group's head commit into mq_<its first 12 hex
 *                                                digits>, reported on its check run (no comment), then
 *                                                drop mq_<…>
 *   schedule, workflow_dispatch                → janitor
 *   a pull request from a fork                 → lint only: never a build, whatever `command` says
 *   anything else                              → a notice, nothing done
 *
 * The `command` input overrides the choice. A pure function of the event, so it is tested on its own.
 */
import { SluiceError } from '../errors.js';
import { mergeGroupOf, type GitHubContext, type MergeGroupInfo, type PullRequestInfo } from '../github/event-context.js';
import type { CommandName } from './inputs.js';

export type Route =
  | { kind: 'ci'; pullRequest: PullRequestInfo }
  | { kind: 'merge-group'; mergeGroup: MergeGroupInfo }
  | { kind: 'plan'; pullRequest: PullRequestInfo }
  | { kind: 'lint'; pullRequest: PullRequestInfo | null; why: string | null }
  | { kind: 'drop'; pullRequest: PullRequestInfo }
  | { kind: 'promote' }
  | { kind: 'janitor' }
  | { kind: 'skip'; why: string };

const CHECKED_ACTIONS = ['opened', 'synchronize', 'reopened'];

export const FORK_REASON =
  'This pull request comes from a fork: GitHub gives its workflow no secrets and a read-only token, so Sluice ran lint only: nothing was built, tested or diffed, and no comment or check run could be posted.';

export function chooseRoute(context: GitHubContext, pullRequest: PullRequestInfo | null, override: CommandName | undefined): Route {
  if (context.eventName === 'pull_request_target') {
    return { kind: 'skip', why: "Sluice does not run on pull_request_target, which would build a pull request's code with the base repository's secrets: trigger it on pull_request." };
  }
  if (pullRequest?.fromFork) {
    if (context.action === 'closed') return { kind: 'skip', why: `Pull request #${pullRequest.number} came from a fork and was never built: there is no environment to drop.` };
    return { kind: 'lint', pullRequest, why: FORK_REASON };
  }
  if (override) return overridden(context, pullRequest, override);
  switch (context.eventName) {
    case 'pull_request':
      if (!pullRequest) throw new SluiceError('The pull_request event payload has no pull_request');
      if (context.action === 'closed') return { kind: 'drop', pullRequest };
      if (context.action && CHECKED_ACTIONS.includes(context.action)) return { kind: 'ci', pullRequest };
      return { kind: 'skip', why: `Nothing to do for a pull request that was ${context.action ?? 'changed'}: Sluice checks pull requests when they are opened, pushed to or reopened.` };
    case 'push': {
      const branch = context.ref.startsWith('refs/heads/') ? context.ref.slice('refs/heads/'.length) : null;
      if (branch !== null && branch === context.defaultBranch) return { kind: 'promote' };
      return { kind: 'skip', why: `A push to ${branch ? `branch '${branch}'` : context.ref || 'an unknown ref'} is not a deploy: Sluice promotes pushes to the default branch${context.defaultBranch ? ` ('${context.defaultBranch}')` : ''}.` };
    }
    case 'merge_group': {
      const mergeGroup = mergeGroupOf(context)!;
      if (context.action === 'checks_requested') return { kind: 'merge-group', mergeGroup };
      return { kind: 'skip', why: `Nothing to do for a merge group that was ${context.action ?? 'changed'}: Sluice checks a merge group when the queue requests its checks.` };
    }
    case 'schedule':
    case 'workflow_dispatch':
      return { kind: 'janitor' };
    default:
      return { kind: 'skip', why: `Sluice does nothing on a '${context.eventName}' event: it handles pull_request, merge_group, push, schedule and workflow_dispatch (or set the 'command' input).` };
  }
}

function overridden(context: GitHubContext, pullRequest: PullRequestInfo | null, command: CommandName): Route {
  switch (command) {
    case 'lint':
      return { kind: 'lint', pullRequest, why: null };
    case 'promote':
      return { kind: 'promote' };
    case 'janitor':
      return { kind: 'janitor' };
    case 'ci':
    case 'plan':
    case 'drop': {
      // ci on a merge group is what the event asks for anyway.
      const mergeGroup = command === 'ci' && !pullRequest ? mergeGroupOf(context) : null;
      if (mergeGroup) return { kind: 'merge-group', mergeGroup };
      if (!pullRequest) {
        throw new SluiceError(`The '${command}' command works on a pull request's environment, and a '${context.eventName}' event has no pull request`, {
          hint: `run it on pull_request events, or leave the 'command' input empty to let the event decide`,
        });
      }
      return { kind: command, pullRequest };
    }
  }
}
