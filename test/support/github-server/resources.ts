/**
 * Builds the JSON objects the fake GitHub server answers with (comments, check runs, pull requests,
 * repositories, users, changed files). The fields Sluice reads carry the fake's real state; every
 * other field GitHub's schema requires gets the plainest value the schema allows (null where it may
 * be null), so each answer has GitHub's full documented shape. The server validates every answer.
 */
import { createHash } from 'node:crypto';
import type { FakePull } from './state.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** GitHub's timestamps: ISO 8601 in UTC, whole seconds. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stable fake object id (or SHA) derived from a name, so the same login always gets the same id. */
function stableId(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0) % 100_000_000;
}

export function fakeSha(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The smallest value that satisfies a (JSON Schema form) GitHub schema. */
function plainest(schema: JsonObject, schemas: Record<string, JsonObject>): Json {
  if (typeof schema.$ref === 'string') return plainest(schemas[schema.$ref.split('/').pop()!]!, schemas);
  const type = schema.type;
  if (Array.isArray(type) && type.includes('null')) return null;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key] as JsonObject[] | undefined;
    if (branches) return branches.some((branch) => branch.type === 'null') ? null : plainest(branches[0]!, schemas);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as JsonObject[]).map((part) => plainest(part, schemas)));
  }
  if (Array.isArray(schema.enum)) return schema.enum[0]!;
  if (type === 'object' || schema.properties) {
    const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
    const required = (schema.required ?? []) as string[];
    return Object.fromEntries(required.map((name) => [name, properties[name] ? plainest(properties[name], schemas) : null]));
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  if (schema.format === 'date-time') return '2011-01-26T19:01:12Z';
  if (schema.format === 'uri') return 'https://github.com';
  if (schema.format === 'email') return 'noreply@github.com';
  return '';
}

function overlay(base: Json, values: Json): Json {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return values;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return values;
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(values)) merged[key] = key in base ? overlay(base[key]!, value) : value;
  return merged;
}

/** Builds GitHub objects for one fake server: `api` is its URL, `web` the github.com-like site. */
export class GitHubResources {
  constructor(
    private readonly schemas: Record<string, JsonObject>,
    private readonly api: string,
    private readonly web = 'https://github.com',
  ) {}

  /** Fills the schema named `schemaName`, then lays `values` over it. */
  shaped(schemaName: string, values: JsonObject): JsonObject {
    const schema = this.schemas[schemaName];
    if (!schema) throw new Error(`fake GitHub: no schema ${schemaName} in the OpenAPI subset`);
    return overlay(plainest(schema, this.schemas), values) as JsonObject;
  }

  user(login: string, type = login.endsWith('[bot]') ? 'Bot' : 'User', schemaName = 'simple-user'): JsonObject {
    const id = stableId(login);
    const url = `${this.api}/users/${encodeURIComponent(login)}`;
    return this.shaped(schemaName, {
      login,
      id,
      node_id: `U_${id}`,
      type,
      site_admin: false,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      url,
      html_url: `${this.web}/${encodeURIComponent(login)}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      ...(schemaName === 'public-user' ? { user_view_type: 'public', created_at: '2011-01-26T19:01:12Z', updated_at: '2011-01-26T19:01:12Z' } : {}),
    });
  }

  repository(fullName: string, extra: { fork: boolean; defaultBranch: string }, schemaName = 'repository'): JsonObject {
    const [owner = '', name = ''] = fullName.split('/');
    const api = `${this.api}/repos/${fullName}`;
    const html = `${this.web}/${fullName}`;
    const urls: JsonObject = {};
    // GitHub lists every sub-resource of a repository as a URL (template); the names say which.
    for (const resource of ['forks', 'teams', 'hooks', 'events', 'tags', 'languages', 'stargazers', 'contributors', 'subscribers', 'subscription', 'merges', 'downloads', 'deployments']) {
      urls[`${resource}_url`] = `${api}/${resource}`;
    }
    return this.shaped(schemaName, {
      id: stableId(fullName),
      node_id: `R_${stableId(fullName)}`,
      name,
      full_name: fullName,
      owner: this.user(owner, 'Organization'),
      private: false,
      fork: extra.fork,
      default_branch: extra.defaultBranch,
      url: api,
      html_url: html,
      clone_url: `${html}.git`,
      git_url: `git://github.com/${fullName}.git`,
      ssh_url: `git@github.com:${fullName}.git`,
      svn_url: html,
      ...urls,
      keys_url: `${api}/keys{/key_id}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      issue_events_url: `${api}/issues/events{/number}`,
      assignees_url: `${api}/assignees{/user}`,
      branches_url: `${api}/branches{/branch}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      trees_url: `${api}/git/trees{/sha}`,
      statuses_url: `${api}/statuses/{sha}`,
      commits_url: `${api}/commits{/sha}`,
      git_commits_url: `${api}/git/commits{/sha}`,
      comments_url: `${api}/comments{/number}`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      contents_url: `${api}/contents/{+path}`,
      compare_url: `${api}/compare/{base}...{head}`,
      archive_url: `${api}/{archive_format}{/ref}`,
      issues_url: `${api}/issues{/number}`,
      pulls_url: `${api}/pulls{/number}`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      labels_url: `${api}/labels{/name}`,
      releases_url: `${api}/releases{/id}`,
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_downloads: true,
      created_at: '2011-01-26T19:01:12Z',
      updated_at: '2011-01-26T19:14:43Z',
      pushed_at: '2011-01-26T19:06:43Z',
    });
  }

  comment(repoFullName: string, comment: { id: number; issue_number: number; body: string; user: { login: string; type: string }; created_at: string; updated_at: string }): JsonObject {
    const api = `${this.api}/repos/${repoFullName}`;
    return this.shaped('issue-comment', {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `${this.web}/${repoFullName}/pull/${comment.issue_number}#issuecomment-${comment.id}`,
      issue_url: `${api}/issues/${comment.issue_number}`,
      body: comment.body,
      user: this.user(comment.user.login, comment.user.type),
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    });
  }

  checkRun(
    repoFullName: string,
    run: { id: number; name: string; head_sha: string; status: string; conclusion: string | null; output: { title?: string; summary?: string; text?: string; annotations: unknown[] } },
    times: { started_at: string; completed_at: string | null },
  ): JsonObject {
    const api = `${this.api}/repos/${repoFullName}/check-runs/${run.id}`;
    return this.shaped('check-run', {
      id: run.id,
      node_id: `CR_${run.id}`,
      name: run.name,
      head_sha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion,
      url: api,
      html_url: `${this.web}/${repoFullName}/runs/${run.id}`,
      details_url: `${this.web}/${repoFullName}/runs/${run.id}`,
      external_id: '',
      started_at: times.started_at,
      completed_at: times.completed_at,
      check_suite: { id: run.id },
      output: {
        title: run.output.title ?? null,
        summary: run.output.summary ?? null,
        text: run.output.text ?? null,
        annotations_count: run.output.annotations.length,
        annotations_url: `${api}/annotations`,
      },
      pull_requests: [],
    });
  }

  diffEntry(repoFullName: string, headSha: string, file: { filename: string; status: string; additions?: number; deletions?: number; changes?: number; patch?: string }): JsonObject {
    const additions = file.additions ?? 0;
    const deletions = file.deletions ?? 0;
    const path = file.filename.split('/').map(encodeURIComponent).join('/');
    return this.shaped('diff-entry', {
      sha: file.status === 'removed' ? null : fakeSha(`${headSha}:${file.filename}`),
      filename: file.filename,
      status: file.status,
      additions,
      deletions,
      changes: file.changes ?? additions + deletions,
      blob_url: `${this.web}/${repoFullName}/blob/${headSha}/${path}`,
      raw_url: `${this.web}/${repoFullName}/raw/${headSha}/${path}`,
      contents_url: `${this.api}/repos/${repoFullName}/contents/${path}?ref=${headSha}`,
      ...(file.patch !== undefined ? { patch: file.patch } : {}),
    });
  }

  /** A pull request as `pull-request` (GET one) or `pull-request-simple` (the list). */
  pull(repoFullName: string, defaultBranch: string, pull: FakePull, schemaName: 'pull-request' | 'pull-request-simple'): JsonObject {
    const api = `${this.api}/repos/${repoFullName}`;
    const html = `${this.web}/${repoFullName}/pull/${pull.number}`;
    const author = this.user('Codertocat', 'User');
    const headOwner = pull.head.repo.full_name.split('/')[0]!;
    const closedAt = pull.state === 'closed' ? '2019-05-15T15:21:18Z' : null;
    const link = (href: string): JsonObject => ({ href });
    const values: JsonObject = {
      id: stableId(`${repoFullName}#${pull.number}`),
      node_id: `PR_${pull.number}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: `Pull request ${pull.number}`,
      body: null,
      user: author,
      labels: [],
      created_at: '2019-05-15T15:20:33Z',
      updated_at: '2019-05-15T15:20:33Z',
      closed_at: closedAt,
      merged_at: pull.merged ? closedAt : null,
      merge_commit_sha: fakeSha(`merge:${pull.head.sha}:${pull.base.sha}`),
      url: `${api}/pulls/${pull.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${pull.number}`,
      commits_url: `${api}/pulls/${pull.number}/commits`,
      review_comments_url: `${api}/pulls/${pull.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${pull.number}/comments`,
      statuses_url: `${api}/statuses/${pull.head.sha}`,
      head: {
        label: `${headOwner}:${pull.head.ref}`,
        ref: pull.head.ref,
        sha: pull.head.sha,
        user: this.user(headOwner, headOwner === author.login ? 'User' : 'Organization'),
        repo: this.repository(pull.head.repo.full_name, { fork: pull.head.repo.fork, defaultBranch }),
      },
      base: {
        label: `${repoFullName.split('/')[0]}:${pull.base.ref}`,
        ref: pull.base.ref,
        sha: pull.base.sha,
        user: this.user(repoFullName.split('/')[0]!, 'Organization'),
        repo: this.repository(repoFullName, { fork: false, defaultBranch }),
      },
      _links: {
        self: link(`${api}/pulls/${pull.number}`),
        html: link(html),
        issue: link(`${api}/issues/${pull.number}`),
        comments: link(`${api}/issues/${pull.number}/comments`),
        review_comments: link(`${api}/pulls/${pull.number}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`),
        commits: link(`${api}/pulls/${pull.number}/commits`),
        statuses: link(`${api}/statuses/${pull.head.sha}`),
      },
      author_association: 'CONTRIBUTOR',
    };
    if (schemaName === 'pull-request') {
      Object.assign(values, {
        merged: pull.merged,
        mergeable: pull.state === 'open' ? true : null,
        mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
        merged_by: pull.merged ? author : null,
        maintainer_can_modify: false,
        comments: 0,
        review_comments: 0,
        commits: 1,
        additions: pull.files.reduce((sum, file) => sum + (file.additions ?? 0), 0),
        deletions: pull.files.reduce((sum, file) => sum + (file.deletions ?? 0), 0),
        changed_files: pull.files.length,
      });
    }
    return this.shaped(schemaName, values);
  }
}
