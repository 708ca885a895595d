/**
 * One comment per pull request, updated in place on every push: found by the hidden marker the report
 * opens with *and* by its author being the token's own login — someone quoting the marker in a comment of
 * their own does not get their comment overwritten, and we never post a second one.
 */
import { COMMENT_MARKER } from '../report/markdown.js';
import type { GitHubClient } from './client.js';

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The login our comments are posted under (see token-login.ts). */
  login: string;
}

export interface StickyCommentResult {
  id: number;
  action: 'created' | 'updated';
  url: string;
}

/** The oldest comment on the pull request that carries the marker and was written by `login`. */
export async function findStickyComment(client: GitHubClient, target: StickyCommentTarget): Promise<{ id: number; body: string } | null> {
  const pages = client.paginate.iterator(client.rest.issues.listComments, { owner: target.owner, repo: target.repo, issue_number: target.issueNumber, per_page: 100 });
  const login = target.login.toLowerCase();
  for await (const page of pages) {
    for (const comment of page.data) {
      if (comment.user?.login.toLowerCase() === login && (comment.body ?? '').includes(COMMENT_MARKER)) return { id: comment.id, body: comment.body ?? '' };
    }
  }
  return null;
}

/** Updates our comment if there is one, else creates it. `body` must already fit GitHub's limit (renderComment does). */
export async function upsertStickyComment(client: GitHubClient, target: StickyCommentTarget, body: string): Promise<StickyCommentResult> {
  const existing = await findStickyComment(client, target);
  if (existing) {
    const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body });
    return { id: data.id, action: 'updated', url: data.html_url };
  }
  const { data } = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body });
  return { id: data.id, action: 'created', url: data.html_url };
}
