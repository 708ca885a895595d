/**
 * What the fake GitHub server holds in memory: the one repository's comments, check runs and pull
 * requests. Tests seed it before a run and inspect it after.
 */
export interface FakeUser {
  login: string;
  type: string;
}

export interface FakeComment {
  id: number;
  issue_number: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  /** `annotations` accumulates across the create and every update, as GitHub does. */
  output: { title?: string; summary?: string; text?: string; annotations: unknown[] };
}

export interface FakePullFile {
  filename: string;
  status: string;
  additions?: number;
  deletions?: number;
  changes?: number;
  patch?: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  head: { sha: string; ref: string; repo: { full_name: string; fork: boolean } };
  base: { sha: string; ref: string };
  files: FakePullFile[];
}

export interface GitHubState {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** The token's own login, answered by GET /user and used as the author of created comments. */
  login: string;
  comments: FakeComment[];
  checkRuns: FakeCheckRun[];
  pulls: Map<number, FakePull>;
}

/** A pull request of the fake repository, from its own branch, with fields a test may override. */
export function makePull(state: GitHubState, number: number, overrides: Partial<FakePull> = {}): FakePull {
  return {
    number,
    state: 'open',
    merged: false,
    head: { sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821', ref: 'changes', repo: { full_name: `${state.owner}/${state.repo}`, fork: false } },
    base: { sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', ref: state.defaultBranch },
    files: [],
    ...overrides,
  };
}
