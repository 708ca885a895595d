/**
 * What `sluice lint` reads as SQL: the root project's models, singular tests, analyses and snapshot
 * blocks (a snapshot defined in YAML has no SQL file) — and, for paths given on the command line as
 * pre-commit passes them, SQL files that are no node of the project, linted as they are. Any other path
 * is named as skipped, with the reason; a path that does not exist is bad input.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { SluiceError } from '../errors.js';
import { blankNode } from '../project/blank-node.js';
import { toPosix } from '../project/files.js';
import type { Node, Project } from '../project/types.js';

export type TargetKind = 'model' | 'test' | 'analysis' | 'snapshot' | 'sql';

export interface LintTarget {
  kind: TargetKind;
  /** The project's node (a stand-in for a plain SQL file): its name, config and what its refs resolve from. */
  node: Node;
  /** Project-relative, posix (`../…` for a file outside the project). */
  path: string;
  absolutePath: string;
  /** The file's text, newlines normalized to \n: what --fix edits. */
  text: string;
  /**
   * The text the rules read, with the file's offsets: the file's text, or for a snapshot the file's with
   * everything outside its block blanked (noqa comments kept).
   */
  source: string;
  /** The template that renders to the SQL the rules read: `source` as a template, under the node's identity. */
  template: Node;
  /** The template for the file's text after --fix edited it; null when a fix broke the snapshot's block. */
  templateFor(text: string): string | null;
}

export interface SkippedPath {
  file: string;
  reason: string;
}

/** The paths given on the command line, sorted out. */
export interface GivenPaths {
  /** Project-relative files of the project's nodes (and YAML files, which bring their project findings). */
  files: Set<string>;
  /** SQL files that are no node of the project: linted as plain SQL (their Jinja rendered with the project's macros). */
  plain: LintTarget[];
  skipped: SkippedPath[];
}

const LINTED_TYPES = new Set(['model', 'test', 'analysis', 'snapshot']);

const normalizeNewlines = (text: string) => text.replace(/\r\n?/g, '\n');

/** The root project's nodes that have a SQL file of their own: models, singular tests, analyses, snapshot blocks. */
export function lintableNodes(project: Project): Node[] {
  return [...project.nodes.values()].filter(
    (node) => node.packageName === project.name && LINTED_TYPES.has(node.resourceType) && node.originalFilePath.endsWith('.sql') && !node.testMetadata,
  );
}

export function targetOf(node: Node): LintTarget {
  const kind = node.resourceType as TargetKind;
  if (kind !== 'snapshot') {
    const text = normalizeNewlines(node.rawCode);
    return { kind, node, path: node.originalFilePath, absolutePath: node.absolutePath, text, source: text, template: node, templateFor: (fixed) => fixed };
  }
  // The loader keeps only the block's body; the rules read the file, so that lines, columns and --fix are the file's.
  let text: string;
  try {
    text = normalizeNewlines(readFileSync(node.absolutePath, 'utf8'));
  } catch {
    text = normalizeNewlines(node.rawCode);
  }
  const source = snapshotBlockOnly(text, node.name) ?? normalizeNewlines(node.rawCode);
  return {
    kind,
    node,
    path: node.originalFilePath,
    absolutePath: node.absolutePath,
    text,
    source,
    template: { ...node, uniqueId: `${node.uniqueId}#lint`, rawCode: source },
    templateFor: (fixed) => snapshotBlockOnly(fixed, node.name),
  };
}

const SNAPSHOT_BLOCK = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/dg;
/** Outside the block: a noqa comment stays (it may open a range), every other character but a newline becomes a space. */
const OUTSIDE = /--[ \t]*noqa\b[^\n]*|\/\*\s*noqa\b[\s\S]*?\*\/|[^\n]/gi;

/** The file's text with everything but the body of snapshot `name` blanked (same length, same lines); null without that block. */
export function snapshotBlockOnly(text: string, name: string): string | null {
  for (const match of text.matchAll(SNAPSHOT_BLOCK)) {
    if (match[1] !== name) continue;
    const [start, end] = match.indices![2];
    const blank = (part: string) => part.replace(OUTSIDE, (kept) => (kept.length > 1 ? kept : ' '));
    return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
  }
  return null;
}

/** A SQL file that is no node: linted under a stand-in node, so that its Jinja renders with the project's macros and refs. */
function plainSqlTarget(project: Project, path: string, absolutePath: string): LintTarget {
  const text = normalizeNewlines(readFileSync(absolutePath, 'utf8'));
  const name = basename(absolutePath).replace(/\.sql$/i, '');
  const node: Node = {
    ...blankNode({ uniqueId: `sql.${project.name}.${path}`, resourceType: 'analysis', name, packageName: project.name, path, originalFilePath: path, absolutePath, fqn: [project.name, name] }),
    rawCode: text,
  };
  return { kind: 'sql', node, path, absolutePath, text, source: text, template: node, templateFor: (fixed) => fixed };
}

/**
 * Sorts out the paths given on the command line (relative to `cwd`, or absolute): files of the project's
 * nodes, YAML files, folders (the nodes in them), SQL files that are no node (linted as plain SQL), and
 * the rest, skipped with the reason. A path that does not exist is bad input (exit 2).
 */
export function resolveGivenPaths(project: Project, paths: string[], cwd = process.cwd()): GivenPaths {
  const given: GivenPaths = { files: new Set(), plain: [], skipped: [] };
  const nodeFiles = new Set(lintableNodes(project).map((node) => node.originalFilePath));
  const allNodes = [...project.nodes.values()];
  const root = project.packages.find((pkg) => pkg.name === project.name && !pkg.internal);
  const macroFolders = root?.macroPaths ?? ['macros'];
  const seen = new Set<string>();
  for (const written of paths) {
    const absolute = resolve(cwd, written);
    if (!existsSync(absolute)) {
      throw new SluiceError(`no such file or folder: ${written}`, {
        hint: `paths are read from the current folder (${cwd}) or are absolute; --project-dir names the project, not where the paths start`,
      });
    }
    const path = projectPath(project.root, absolute);
    if (seen.has(path)) continue;
    seen.add(path);
    const inside = !path.startsWith('../') && path !== '..' && !isAbsolute(path);
    if (statSync(absolute).isDirectory()) {
      const prefix = path === '' ? '' : `${path}/`;
      const under = inside ? [...nodeFiles].filter((file) => file.startsWith(prefix)) : [];
      if (under.length) for (const file of under) given.files.add(file);
      else given.skipped.push({ file: path || '.', reason: inside ? 'a folder with no models, tests, snapshots or analyses of the project in it' : 'a folder outside the project' });
      continue;
    }
    const skip = (reason: string) => given.skipped.push({ file: path, reason });
    if (nodeFiles.has(path)) given.files.add(path);
    else if (/\.ya?ml$/i.test(path) && inside) given.files.add(path); // its project findings (a model's documented columns…)
    else if (!/\.sql$/i.test(path)) skip('not a SQL file');
    else if (project.disabled.some((node) => node.originalFilePath === path)) skip('disabled (enabled: false in its config)');
    else if (allNodes.some((node) => node.originalFilePath === path && node.packageName !== project.name)) {
      skip(`a file of the installed package '${allNodes.find((node) => node.originalFilePath === path)!.packageName}': sluice lints the project's own files`);
    } else if ([...project.macros.values()].some((macro) => macro.originalFilePath === path) || (inside && macroFolders.some((folder) => path.startsWith(`${folder.replace(/\/+$/, '')}/`)))) {
      skip('a macro file: its SQL is linted where the models, tests and snapshots that call it use it');
    } else if (allNodes.some((node) => node.originalFilePath === path)) skip('its node has no SQL of its own to lint (a Python model, or defined in YAML)');
    else given.plain.push(plainSqlTarget(project, path, absolute));
  }
  return given;
}

/** Project-relative, posix; through symbolic links (a temp folder, a checkout behind a link) when that puts it inside. */
function projectPath(projectRoot: string, absolute: string): string {
  const plain = toPosix(relative(projectRoot, absolute));
  if (!plain.startsWith('..')) return plain;
  try {
    const real = toPosix(relative(realpathSync(projectRoot), realpathSync(absolute)));
    return real.startsWith('..') ? plain : real;
  } catch {
    return plain;
  }
}
