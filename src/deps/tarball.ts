/**
 * A package from a .tar.gz release: downloaded, unpacked (the `tar` library refuses entries that would
 * land outside the folder), and found inside: a release tarball holds one folder (GitHub names it
 * `<repo>-<tag>/`), which is the package.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
import { httpGet, HttpUnreachable } from './http-get.js';
import type { SpecOrigin } from './package-spec.js';

const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

export interface TarballRequest {
  url: string;
  /** The URL as packages.yml or the hub writes it, for messages. */
  displayUrl: string;
  /** A folder that does not exist yet: the archive and what it holds go there. */
  into: string;
  origin: SpecOrigin;
  /**
   * dbt's rule for `tarball:` packages: the archive holds exactly one entry, the package's folder. Hub
   * releases may also hold the package's files at their top.
   */
  singleFolder: boolean;
}

/** Downloads and unpacks the tarball; returns the package's folder. */
export async function fetchTarballPackage(request: TarballRequest): Promise<string> {
  const place = { file: request.origin.file, line: request.origin.line };
  let response;
  try {
    response = await httpGet(request.url, { timeoutMs: DOWNLOAD_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof HttpUnreachable)) throw error;
    throw new SluiceError(`Could not download ${request.displayUrl}: ${error.reason}`, { ...place, hint: 'check the network connection and the URL' });
  }
  if (response.status !== 200) {
    throw new SluiceError(`Downloading ${request.displayUrl} failed: the server answered ${response.status}`, { ...place, hint: 'check the URL' });
  }
  mkdirSync(request.into, { recursive: true });
  const archive = join(request.into, 'package.tar.gz');
  const unpacked = join(request.into, 'unpacked');
  mkdirSync(unpacked);
  writeFileSync(archive, response.body);
  const tar = await import('tar');
  try {
    await tar.x({ file: archive, cwd: unpacked, strict: true });
  } catch (error) {
    throw new SluiceError(`${request.displayUrl} is not a .tar.gz archive that can be unpacked: ${error instanceof Error ? error.message : String(error)}`, {
      ...place,
      hint: 'the URL must point at the package release itself (a .tar.gz file)',
    });
  }
  const entries = readdirSync(unpacked);
  if (entries.length === 1 && statSync(join(unpacked, entries[0])).isDirectory()) return join(unpacked, entries[0]);
  if (!request.singleFolder && existsSync(join(unpacked, 'dbt_project.yml'))) return unpacked;
  throw new SluiceError(`The package unpacked from ${request.displayUrl} has ${entries.length === 0 ? 'no files' : `${entries.length} entries at its top`}`, {
    ...place,
    hint: 'a package tarball holds one folder, <name>/, with the package (its dbt_project.yml) inside',
  });
}
