#!/usr/bin/env node
/**
 * Writes test/fixtures/github/events/*.json: real webhook payloads from `@octokit/webhooks-examples`
 * for the events the Sluice Action handles (and one it does not), so the Action's tests read the
 * payloads GitHub really sends instead of hand-written stubs.
 *
 * Usage:
 *   npm i --prefix /tmp/octokit-webhooks @octokit/webhooks-examples
 *   node scripts/extract-webhook-examples.mjs /tmp/octokit-webhooks/node_modules/@octokit/webhooks-examples
 *
 * What is changed, and only this:
 * - Every repository is renamed to one test repository, octo-org/warehouse (its name, owner login and
 *   the URLs that contain them), so that all payloads agree with the fake GitHub server's repository.
 * - The package has no merged pull request: pull_request.closed.merged.json is the real `closed`
 *   example with the fields GitHub sets on a merge (merged, merged_at, merged_by) filled in.
 * - The package has no pull request from a fork: pull_request.opened.fork.json is the real `opened`
 *   example whose head.repo (and nothing else) is made a fork, Codertocat/warehouse: its names, URLs,
 *   `fork: true` and an id of its own. It is owned by the pull request's author, Codertocat in the
 *   example, so head.label and head.user stay true.
 * - `schedule` has no example in the package: GitHub Actions gives a scheduled run the payload
 *   `{"schedule": "<cron>"}`, which is written here as it is.
 * - `merge_group` (checks_requested) is the package's own example, moved onto the test repository like
 *   the others and otherwise as it is (its head_commit.id is not its head_sha there: the Action reads
 *   only head_sha and base_sha).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_OWNER = 'octo-org';
const TEST_NAME = 'warehouse';
const TEST_FULL_NAME = `${TEST_OWNER}/${TEST_NAME}`;
const FORK_OWNER = 'Codertocat';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'test', 'fixtures', 'github', 'events');

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: node scripts/extract-webhook-examples.mjs <path to node_modules/@octokit/webhooks-examples>');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(resolve(packageDir), 'package.json'), 'utf8'));
const catalogue = JSON.parse(readFileSync(join(resolve(packageDir), 'api.github.com', 'index.json'), 'utf8'));

/** The first example of an event (with an action, if given) that satisfies `accept`. */
function example(event, action, accept = () => true) {
  const entry = catalogue.find((candidate) => candidate.name === event);
  const found = entry?.examples.find((payload) => (action === undefined || payload.action === action) && accept(payload));
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ''} example`);
  return structuredClone(found);
}

/** Renames one repository object (and the URLs inside it) from `from` (owner/name) to `to`. */
function renameRepository(repository, to) {
  const from = repository.full_name;
  const [fromOwner] = from.split('/');
  const [toOwner, toName] = to.split('/');
  const renamed = replaceInStrings(repository, from, to);
  renamed.name = toName;
  renamed.full_name = to;
  renamed.owner = replaceInStrings(repository.owner, `/${fromOwner}`, `/${toOwner}`);
  renamed.owner.login = toOwner;
  if ('name' in repository.owner) renamed.owner.name = toOwner; // push payloads carry owner.name
  return renamed;
}

/** Deep copy with every string's occurrences of `from` replaced by `to`. */
function replaceInStrings(node, from, to) {
  if (typeof node === 'string') return node.split(from).join(to);
  if (Array.isArray(node)) return node.map((item) => replaceInStrings(item, from, to));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replaceInStrings(value, from, to)]));
}

/** Moves a whole payload onto the test repository: repository objects first, then URLs elsewhere. */
function toTestRepository(payload) {
  const original = payload.repository.full_name;
  payload.repository = renameRepository(payload.repository, TEST_FULL_NAME);
  const pull = payload.pull_request;
  if (pull) {
    for (const side of ['head', 'base']) {
      if (pull[side].repo?.full_name === original) pull[side].repo = renameRepository(pull[side].repo, TEST_FULL_NAME);
    }
  }
  // URLs outside the repository objects (pull request links, compare links, commit links).
  return replaceInStrings(payload, `/${original}`, `/${TEST_FULL_NAME}`);
}

const events = {};
const pullRequest = (action) => toTestRepository(example('pull_request', action));

events['pull_request.opened.json'] = pullRequest('opened');
events['pull_request.synchronize.json'] = pullRequest('synchronize');
events['pull_request.reopened.json'] = pullRequest('reopened');
events['pull_request.closed.json'] = pullRequest('closed');

// A merge: the real `closed` example plus what GitHub records when a pull request is merged.
const merged = pullRequest('closed');
merged.pull_request.merged = true;
merged.pull_request.merged_at = merged.pull_request.closed_at;
merged.pull_request.merged_by = merged.sender;
events['pull_request.closed.merged.json'] = merged;

// A fork: the real `opened` example whose head repository belongs to the author.
const fork = pullRequest('opened');
fork.pull_request.head.repo = renameRepository(fork.pull_request.head.repo, `${FORK_OWNER}/${TEST_NAME}`);
fork.pull_request.head.repo.fork = true;
fork.pull_request.head.repo.id += 1000; // a fork is a repository of its own
events['pull_request.opened.fork.json'] = fork;

events['push.default-branch.json'] = toTestRepository(
  example('push', undefined, (payload) => payload.ref === `refs/heads/${payload.repository.default_branch}`),
);
// The example whose repository's default branch agrees with the other payloads (master).
events['workflow_dispatch.json'] = toTestRepository(
  example('workflow_dispatch', undefined, (payload) => payload.repository.default_branch === 'master'),
);
events['schedule.json'] = { schedule: '17 3 * * *' };
events['issues.opened.json'] = toTestRepository(example('issues', 'opened'));
// A merge queue asking for checks on its group's head commit (the package's only merge_group example).
events['merge_group.checks_requested.json'] = toTestRepository(example('merge_group', 'checks_requested'));

mkdirSync(outDir, { recursive: true });
for (const [file, payload] of Object.entries(events)) {
  writeFileSync(join(outDir, file), `${JSON.stringify(payload, null, 2)}\n`);
}
writeFileSync(
  join(outDir, 'SOURCE.json'),
  `${JSON.stringify({ package: pkg.name, version: pkg.version, script: 'scripts/extract-webhook-examples.mjs' }, null, 2)}\n`,
);
console.log(`wrote ${Object.keys(events).length} payloads to ${outDir} from ${pkg.name}@${pkg.version}`);
