/**
 * A package pinned to one version of itself — what gets installed and written to package-lock.yml: a
 * hub release, a git commit (asked for by revision), a local folder or a tarball URL.
 */
import type { HubVersion } from './hub-client.js';
import type { SpecOrigin } from './package-spec.js';

export interface PinnedHub {
  kind: 'hub';
  package: string;
  version: string;
  /** The newest version that could be installed, for "update available". */
  latest: string;
  release: HubVersion;
  origin: SpecOrigin;
}

export interface PinnedGit {
  kind: 'git';
  git: string;
  gitUnrendered: string;
  /** As asked for (`HEAD` when packages.yml gives none). */
  revision: string;
  subdirectory?: string;
  warnUnpinned: boolean;
  origin: SpecOrigin;
}

export interface PinnedLocal {
  kind: 'local';
  local: string;
  /** Absolute. */
  path: string;
  origin: SpecOrigin;
}

export interface PinnedTarball {
  kind: 'tarball';
  tarball: string;
  tarballUnrendered: string;
  name: string;
  origin: SpecOrigin;
}

export type PinnedPackage = PinnedHub | PinnedGit | PinnedLocal | PinnedTarball;

/** One package as messages name it: "dbt-labs/dbt_utils 1.3.0 (hub)", "git https://…/kit.git at v1.0.0". */
export function describePinned(pinned: PinnedPackage): string {
  switch (pinned.kind) {
    case 'hub':
      return `${pinned.package} ${pinned.version} (hub)`;
    case 'git':
      return `git ${pinned.gitUnrendered}${pinned.subdirectory ? ` (subdirectory ${pinned.subdirectory})` : ''} at ${pinned.revision}`;
    case 'local':
      return `local ${pinned.local}`;
    case 'tarball':
      return `tarball ${pinned.tarballUnrendered}`;
  }
}

/** The same package at the same version: fetched once. */
export function pinnedIdentity(pinned: PinnedPackage): string {
  switch (pinned.kind) {
    case 'hub':
      return `hub:${pinned.package}@${pinned.version}`;
    case 'git':
      return `git:${pinned.git}#${pinned.subdirectory ?? ''}@${pinned.revision}`;
    case 'local':
      return `local:${pinned.path}`;
    case 'tarball':
      return `tarball:${pinned.tarball}`;
  }
}
