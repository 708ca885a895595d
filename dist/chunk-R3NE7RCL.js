import { createRequire as __sluiceCreateRequire } from 'node:module';
import { dirname as __sluiceDirname } from 'node:path';
import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';
const require = __sluiceCreateRequire(import.meta.url);
const __filename = __sluiceFileURLToPath(import.meta.url);
const __dirname = __sluiceDirname(__filename);
if (!globalThis.__sluiceQuietBuffer) {
  globalThis.__sluiceQuietBuffer = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };
}
import {
  SluiceError
} from "./chunk-5FWABYZE.js";

// src/git.ts
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
function git(cwd, args) {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024, timeout: 6e4 });
  } catch {
    return null;
  }
}
function gitTopLevel(dir) {
  return git(dir, ["rev-parse", "--show-toplevel"])?.trim() || null;
}
function changedFilesSince(root, ref) {
  if (gitTopLevel(root) === null) {
    throw new SluiceError(`--changed-since needs a git repository, and ${root} is not in one`, { hint: "run sluice lint without --changed-since to lint every file" });
  }
  if (ref.startsWith("-")) throw new SluiceError(`--changed-since: '${ref}' is not a git ref`, { hint: "pass a branch, tag or commit, e.g. --changed-since origin/main" });
  if (git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]) === null) {
    throw new SluiceError(`--changed-since: '${ref}' is not a commit in this repository`, {
      hint: "check the name (git branch -a), or fetch it first (git fetch origin main); in GitHub Actions, check out with fetch-depth: 0"
    });
  }
  const changed = (git(root, ["diff", "--name-only", "--relative", "-z", ref, "--"]) ?? "").split("\0");
  const untracked = (git(root, ["ls-files", "--others", "--exclude-standard", "-z"]) ?? "").split("\0");
  return new Set([...changed, ...untracked].filter((path) => path && existsSync(join(root, path))));
}
function changedFilesBetween(repositoryRoot, baseSha, headSha) {
  if (!baseSha || !headSha) return null;
  for (const sha of [baseSha, headSha]) if (git(repositoryRoot, ["cat-file", "-e", `${sha}^{commit}`]) === null) return null;
  const listed = git(repositoryRoot, ["diff", "--name-only", "--diff-filter=d", "-z", `${baseSha}...${headSha}`]);
  return listed === null ? null : listed.split("\0").filter(Boolean);
}

export {
  gitTopLevel,
  changedFilesSince,
  changedFilesBetween
};
