/**
 * A small fake of the dbt package hub on 127.0.0.1, for `sluice deps`'s tests: the index, each package's
 * JSON in the hub's shape, and release tarballs built in the test from small package folders (one
 * `<repo>-<version>/` folder inside, as GitHub's release tarballs are). Point DBT_PACKAGE_HUB_URL at `url`.
 * Releases can be published while it runs (a new version between two `sluice deps`).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create as createTar } from 'tar';

export interface FakeRelease {
  version: string;
  /** The package's files (path → text); a dbt_project.yml with `name: <projectName>` is added unless given. */
  files?: Record<string, string>;
  /** What this release depends on, as its packages.yml lists it. */
  packages?: Array<Record<string, unknown>>;
  requireDbtVersion?: string[];
}

export interface FakeHubPackage {
  /** `org/name` */
  id: string;
  /** The dbt project name (its folder in dbt_packages/). */
  projectName: string;
  releases: FakeRelease[];
}

export interface FakePackageHub {
  /** The hub's address, with a trailing slash, as DBT_PACKAGE_HUB_URL takes it. */
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  publish(id: string, release: FakeRelease): void;
  close(): Promise<void>;
}

function tarballOf(pkg: FakeHubPackage, release: FakeRelease, scratch: string): Buffer {
  const top = `${pkg.id.split('/')[1]}-${release.version}`;
  const dir = mkdtempSync(join(scratch, 'release-'));
  const files = { 'dbt_project.yml': `name: '${pkg.projectName}'\nversion: '${release.version}'\nconfig-version: 2\n`, ...release.files };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, top, path)), { recursive: true });
    writeFileSync(join(dir, top, path), text);
  }
  const archive = join(dir, 'release.tar.gz');
  createTar({ gzip: true, cwd: dir, file: archive, sync: true, portable: true }, [top]);
  return readFileSync(archive);
}

export async function startPackageHub(packages: FakeHubPackage[]): Promise<FakePackageHub> {
  const scratch = mkdtempSync(join(tmpdir(), 'sluice-hub-'));
  const hub = new Map(packages.map((pkg) => [pkg.id, { ...pkg, releases: [...pkg.releases] }]));
  const tarballs = new Map<string, Buffer>();
  const requests: string[] = [];
  let url = '';
  const tarballPath = (id: string, version: string) => `/tarballs/${id}/${version}.tar.gz`;
  const publish = (id: string, release: FakeRelease) => {
    const pkg = hub.get(id);
    if (!pkg) throw new Error(`no package ${id} on the fake hub`);
    if (!pkg.releases.includes(release)) pkg.releases.push(release);
    tarballs.set(tarballPath(id, release.version), tarballOf(pkg, release, scratch));
  };
  for (const pkg of hub.values()) for (const release of pkg.releases) publish(pkg.id, release);

  const packageJson = (id: string) => {
    const pkg = hub.get(id)!;
    const [namespace, name] = id.split('/');
    const versions = Object.fromEntries(
      pkg.releases.map((release) => [
        release.version,
        {
          id: `${id}/${release.version}`,
          name: pkg.projectName,
          version: release.version,
          published_at: '1970-01-01T00:00:00.000000+00:00',
          packages: release.packages ?? [],
          require_dbt_version: release.requireDbtVersion ?? [],
          works_with: [],
          downloads: { tarball: `${url}${tarballPath(id, release.version).slice(1)}`, format: 'tgz', sha1: '' },
        },
      ]),
    );
    return { name, namespace, description: `dbt models for ${name}`, latest: pkg.releases[pkg.releases.length - 1].version, assets: {}, versions };
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    requests.push(path);
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (path === '/api/v1/index.json') return json([...hub.keys()]);
    const packageMatch = /^\/api\/v1\/([^/]+\/[^/]+)\.json$/.exec(path);
    if (packageMatch && hub.has(packageMatch[1])) return json(packageJson(packageMatch[1]));
    const tarball = tarballs.get(path);
    if (tarball) {
      response.writeHead(200, { 'content-type': 'application/x-gzip' });
      return response.end(tarball);
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests,
    publish,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
