/**
 * The dbt package hub's HTTP API, as dbt reads it:
 *   GET <hub>/api/v1/index.json         → ["dbt-labs/dbt_utils", …]: every package's name
 *   GET <hub>/api/v1/<org>/<name>.json  → { name, namespace, versions: { "1.3.0": { name, packages,
 *                                          require_dbt_version, downloads: { tarball } }, … } }
 * A version's `name` is the package's project name (its folder in dbt_packages/), its `packages` what it
 * depends on. The hub's address comes from DBT_PACKAGE_HUB_URL, as in dbt, so that a company mirror
 * works; answers are kept for the run.
 */
import { SluiceError } from '../errors.js';
import { httpGet, HttpUnreachable } from './http-get.js';
import type { SpecOrigin } from './package-spec.js';

export const DEFAULT_HUB_URL = 'https://hub.getdbt.com/';
const HUB_TIMEOUT_MS = 30_000;

export interface HubVersion {
  /** The project name: where the package is installed. */
  name: string;
  packages: unknown[];
  require_dbt_version?: unknown;
  downloads: { tarball: string };
}

export interface HubPackage {
  name: string;
  namespace: string;
  versions: Record<string, HubVersion>;
  /** Set when the hub says the package moved (redirectnamespace / redirectname). */
  movedTo?: string;
}

/** The hub's base address (with a trailing slash): DBT_PACKAGE_HUB_URL, else dbt's hub. */
export function hubBaseUrl(env: NodeJS.ProcessEnv): string {
  const base = env.DBT_PACKAGE_HUB_URL || DEFAULT_HUB_URL;
  return base.endsWith('/') ? base : `${base}/`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class PackageHub {
  private index?: Promise<string[]>;
  private readonly packages = new Map<string, Promise<HubPackage>>();

  constructor(readonly baseUrl: string) {}

  /** Every package name the hub lists. */
  packageNames(origin: SpecOrigin): Promise<string[]> {
    this.index ??= this.getJson('index', origin).then((value) => {
      if (!Array.isArray(value)) throw this.badAnswer('index', 'a list of package names', origin);
      return value.map(String);
    });
    return this.index;
  }

  /** A package's versions. */
  package(name: string, origin: SpecOrigin): Promise<HubPackage> {
    let found = this.packages.get(name);
    if (!found) {
      found = this.getJson(name, origin).then((value) => this.readPackage(name, value, origin));
      this.packages.set(name, found);
    }
    return found;
  }

  private readPackage(name: string, value: unknown, origin: SpecOrigin): HubPackage {
    if (!isObject(value) || !isObject(value.versions) || typeof value.name !== 'string') throw this.badAnswer(name, 'an object with name and versions', origin);
    const versions: Record<string, HubVersion> = {};
    for (const [version, info] of Object.entries(value.versions)) {
      if (!isObject(info) || typeof info.name !== 'string' || !Array.isArray(info.packages) || !isObject(info.downloads) || typeof info.downloads.tarball !== 'string') {
        throw this.badAnswer(name, `version ${version} with name, packages and downloads.tarball`, origin);
      }
      versions[version] = { name: info.name, packages: info.packages, require_dbt_version: info.require_dbt_version, downloads: { tarball: info.downloads.tarball } };
    }
    const namespace = typeof value.namespace === 'string' ? value.namespace : name.split('/')[0];
    const moved =
      typeof value.redirectnamespace === 'string' || typeof value.redirectname === 'string'
        ? `${typeof value.redirectnamespace === 'string' && value.redirectnamespace ? value.redirectnamespace : namespace}/${typeof value.redirectname === 'string' && value.redirectname ? value.redirectname : value.name}`
        : undefined;
    return { name: value.name, namespace, versions, ...(moved && moved !== name ? { movedTo: moved } : {}) };
  }

  private async getJson(path: string, origin: SpecOrigin): Promise<unknown> {
    const url = `${this.baseUrl}api/v1/${path}.json`;
    let response;
    try {
      response = await httpGet(url, { timeoutMs: HUB_TIMEOUT_MS });
    } catch (error) {
      if (!(error instanceof HttpUnreachable)) throw error;
      throw new SluiceError(`Could not reach the package hub at ${this.baseUrl}: ${error.reason} (GET ${url})`, {
        file: origin.file,
        line: origin.line,
        hint: 'check the network connection; to use a mirror of the hub, set DBT_PACKAGE_HUB_URL to its address',
      });
    }
    if (response.status !== 200) {
      throw new SluiceError(`The package hub at ${this.baseUrl} answered ${response.status} to GET ${url}`, {
        file: origin.file,
        line: origin.line,
        hint: response.status === 404 ? 'the hub does not know this package: check its name on hub.getdbt.com' : 'try again later, or set DBT_PACKAGE_HUB_URL to a mirror',
      });
    }
    try {
      return JSON.parse(response.body.toString('utf8')) as unknown;
    } catch {
      throw this.badAnswer(path, 'JSON', origin);
    }
  }

  private badAnswer(path: string, expected: string, origin: SpecOrigin): SluiceError {
    return new SluiceError(`The package hub at ${this.baseUrl} sent an unexpected answer for ${path}: expected ${expected}`, {
      file: origin.file,
      line: origin.line,
      hint: 'check DBT_PACKAGE_HUB_URL: it must point at a dbt package hub (its /api/v1/index.json lists package names)',
    });
  }
}
