#!/usr/bin/env node
/**
 * Writes test/fixtures/github/openapi-subset.json: the part of GitHub's official OpenAPI description
 * (`api.github.com.json` from the `@octokit/openapi` package) that covers the REST operations Sluice
 * calls, with every component those operations reach, so the fake GitHub server in the tests can
 * validate requests and its own responses without the package (hundreds of MB) being installed.
 *
 * Usage:
 *   npm i --prefix /tmp/octokit-openapi @octokit/openapi
 *   node scripts/extract-github-openapi.mjs /tmp/octokit-openapi/node_modules/@octokit/openapi
 *
 * Examples, headers and prose (descriptions, summaries, vendor `x-` keys) are dropped to keep the
 * fixture small; nothing that constrains a value (types, enums, formats, limits, required) is changed.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operations Sluice's GitHub Action and CLI call. Add one here when Sluice starts calling it. */
const OPERATIONS = [
  ['get', '/user'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['get', '/repos/{owner}/{repo}'],
];

const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '..', 'test', 'fixtures', 'github', 'openapi-subset.json');

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: node scripts/extract-github-openapi.mjs <path to node_modules/@octokit/openapi>');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(resolve(packageDir), 'package.json'), 'utf8'));
const specFile = join(resolve(packageDir), 'generated', 'api.github.com.json');
const spec = JSON.parse(readFileSync(specFile, 'utf8'));

/** Keys that only document; dropped wherever they are keywords (not property names). */
const PROSE_KEYS = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'title', 'tags']);

/**
 * Copies a piece of the spec without prose, examples and `x-` keys, and collects the `$ref`s it holds.
 * `inNameMap` is true for objects whose keys are names chosen by GitHub (schema `properties`,
 * response status codes, media types): there a key called `description` is a real property.
 */
function strip(node, refs, inNameMap = false) {
  if (Array.isArray(node)) return node.map((item) => strip(item, refs));
  if (node === null || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inNameMap && (PROSE_KEYS.has(key) || key.startsWith('x-') || key === 'headers')) continue;
    if (key === '$ref' && typeof value === 'string') refs.add(value);
    const childIsNameMap = !inNameMap && ['properties', 'patternProperties', 'responses', 'content'].includes(key);
    copy[key] = strip(value, refs, childIsNameMap);
  }
  return copy;
}

const refs = new Set();
const paths = {};
for (const [method, path] of OPERATIONS) {
  const operation = spec.paths[path]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in ${specFile}`);
  const kept = strip(operation, refs);
  // Keep the operationId: the fake server reports it in its errors, and it names Octokit's method.
  kept.operationId = operation.operationId;
  paths[path] = { ...(paths[path] ?? {}), [method]: kept };
}

// Follow $refs to a fixed point: a component may reference further components.
const components = {};
const seen = new Set();
const queue = [...refs];
while (queue.length > 0) {
  const ref = queue.shift();
  if (seen.has(ref)) continue;
  seen.add(ref);
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match) throw new Error(`unexpected $ref ${ref}`);
  const [, section, name] = match;
  const target = spec.components[section]?.[name];
  if (target === undefined) throw new Error(`dangling $ref ${ref}`);
  const found = new Set();
  components[section] ??= {};
  components[section][name] = strip(target, found);
  for (const next of found) if (!seen.has(next)) queue.push(next);
}
// Stable order so that regenerating from the same version gives the same file.
for (const section of Object.keys(components)) {
  components[section] = Object.fromEntries(Object.entries(components[section]).sort(([a], [b]) => a.localeCompare(b)));
}

const subset = {
  openapi: spec.openapi,
  info: { title: spec.info.title, version: spec.info.version },
  'x-source': {
    package: pkg.name,
    version: pkg.version,
    file: 'generated/api.github.com.json',
    note: 'Extracted by scripts/extract-github-openapi.mjs; prose, examples and headers removed.',
  },
  paths,
  components,
};

mkdirSync(dirname(outFile), { recursive: true });
const text = `${JSON.stringify(subset, null, 1)}\n`;
writeFileSync(outFile, text);
const counts = Object.entries(components).map(([section, items]) => `${Object.keys(items).length} ${section}`);
console.log(`wrote ${outFile}: ${OPERATIONS.length} operations, ${counts.join(', ')}, ${text.length} bytes`);
