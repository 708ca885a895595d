#!/usr/bin/env node
/**
 * Bundles the GitHub Action into dist/ (`npm run bundle`): dist/index.js from src/action/index.ts, the
 * lint worker beside it, and chunks loaded on demand (each warehouse's code, with its driver, is its own
 * chunk, so a DuckDB project never loads the Databricks driver and the other way round).
 *
 * What stays out of the bundle:
 * - `@duckdb/node-api` (native, large): loaded only for a DuckDB target, from the Action's own folder or
 *   else from the workspace (a workflow may `npm install @duckdb/node-api` before the step); when it is
 *   in neither, Sluice says the driver is not installed.
 * - `lz4-napi` (native): the Databricks driver's optional LZ4 support; without it results come
 *   uncompressed.
 * - the Databricks driver's "kernel" backend (native, opt-in, unused by Sluice): replaced by a stub that
 *   reports it missing, which the driver handles.
 *
 * The output is deterministic (same sources and node_modules → byte-identical files), so CI can check
 * that the committed dist/ is current (.github/workflows/check-dist.yml).
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` bundles elsewhere (the Action's tests run a bundle of the current sources this way).
const outdirArgument = process.argv.indexOf('--outdir');
const outdir = outdirArgument > 0 ? resolve(process.argv[outdirArgument + 1]) : join(root, 'dist');
const quiet = process.argv.includes('--quiet');

/** The Databricks driver's native kernel router: never used by Sluice (Thrift backend). */
const kernelStub = {
  name: 'databricks-kernel-stub',
  setup(builder) {
    builder.onResolve({ filter: /native[\\/]kernel$/ }, (args) =>
      args.importer.includes(`${join('@databricks', 'sql')}`) ? { path: 'databricks-kernel', namespace: 'sluice-stub' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'sluice-stub' }, () => ({
      contents: "const error = new Error('The Databricks kernel backend is not part of the Sluice Action bundle'); error.code = 'MODULE_NOT_FOUND'; throw error;",
      loader: 'js',
    }));
  },
};

/**
 * `@duckdb/node-api`, resolved at run time: next to the Action first, then from the workspace. Its
 * named exports are listed here from the installed package, so the chunk that imports it is plain ESM.
 */
const duckdbLoader = {
  name: 'duckdb-loader',
  setup(builder) {
    builder.onResolve({ filter: /^@duckdb\/node-api$/ }, (args) =>
      args.namespace === 'sluice-duckdb' ? { path: '@duckdb/node-api', external: true } : { path: 'duckdb', namespace: 'sluice-duckdb' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'sluice-duckdb' }, async () => {
      const names = Object.keys(await import('@duckdb/node-api')).filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name)).sort();
      return {
        loader: 'js',
        resolveDir: root,
        contents: [
          "import { createRequire } from 'node:module';",
          "import { join } from 'node:path';",
          "import { pathToFileURL } from 'node:url';",
          'async function load() {',
          "  try { return await import('@duckdb/node-api'); } catch (error) { if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error; }",
          "  const workspace = createRequire(join(process.env.GITHUB_WORKSPACE || process.cwd(), 'package.json'));",
          "  return import(pathToFileURL(workspace.resolve('@duckdb/node-api')).href);",
          '}',
          'const driver = await load();',
          ...names.map((name) => `export const ${name} = driver.${name};`),
        ].join('\n'),
      };
    });
  },
};

/**
 * A module that loads packages through `createRequire(import.meta.url)` with a computed name (node-sql-parser's
 * grammars, one of which is picked at run time) hides them from the bundler. Its `require` is replaced by
 * one that serves, from the bundle, every package path written as a string literal in that file (each
 * loaded on first use, as before).
 */
const bundledRequire = {
  name: 'bundled-require',
  setup(builder) {
    const resolver = createRequire(join(root, 'package.json'));
    const served = new Map();
    builder.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('createRequire(import.meta.url)')) return undefined;
      const literals = [...new Set([...source.matchAll(/'((?:@[\w.-]+\/)?[\w.-]+\/[\w./-]+\.js)'/g)].map((match) => match[1]))].filter((name) => {
        try {
          resolver.resolve(name);
          return true;
        } catch {
          return false;
        }
      }).sort();
      if (!literals.length) return undefined;
      const key = relative(root, args.path).split('\\').join('/');
      served.set(key, literals);
      const contents = `import { bundledRequire as __sluiceBundledRequire } from 'sluice-bundled-require:${key}';\n${source.replace(/createRequire\(import\.meta\.url\)/g, '__sluiceBundledRequire')}`;
      return { contents, loader: 'ts' };
    });
    builder.onResolve({ filter: /^sluice-bundled-require:/ }, (args) => ({ path: args.path.slice('sluice-bundled-require:'.length), namespace: 'sluice-bundled-require' }));
    builder.onLoad({ filter: /.*/, namespace: 'sluice-bundled-require' }, (args) => {
      const cases = served.get(args.path).map((name) => `    case ${JSON.stringify(name)}: return require(${JSON.stringify(name)});`).join('\n');
      return {
        loader: 'js',
        resolveDir: root,
        contents: `export function bundledRequire(name) {\n  switch (name) {\n${cases}\n    default: throw new Error('not in the Action bundle: ' + name);\n  }\n}\n`,
      };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/action/index.ts', 'lint-worker': 'src/lint/lint-worker.ts' },
  outdir,
  // Chunks sit beside index.js: the lint pool finds its worker as ./lint-worker.js next to its own file.
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['lz4-napi', '@databricks/databricks-sql-kernel-*'],
  plugins: [kernelStub, duckdbLoader, bundledRequire],
  // CommonJS packages in an ES module bundle still call require() (for Node's own modules and the
  // externals) and read __dirname/__filename: give each output file its own, as Node gives a module.
  banner: {
    js: [
      "import { createRequire as __sluiceCreateRequire } from 'node:module';",
      "import { dirname as __sluiceDirname } from 'node:path';",
      "import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';",
      'const require = __sluiceCreateRequire(import.meta.url);',
      'const __filename = __sluiceFileURLToPath(import.meta.url);',
      'const __dirname = __sluiceDirname(__filename);',
      // Node warns about `new Buffer()` (DEP0005) only for code outside node_modules: in the bundle, that is
      // the Databricks driver's Thrift code. In a workflow log it is noise; every other warning still shows.
      'if (!globalThis.__sluiceQuietBuffer) {',
      '  globalThis.__sluiceQuietBuffer = true;',
      '  const emitWarning = process.emitWarning;',
      "  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };",
      '}',
    ].join('\n'),
  },
  legalComments: 'eof',
  charset: 'utf8',
  metafile: true,
  logLevel: quiet ? 'error' : 'warning',
});

// Sluice's global project (dbt's macros as Jinja files) travels as one JSON file beside the bundle.
const globalMacros = join(root, 'global_project', 'macros');
const macroFiles = readdirSync(globalMacros, { recursive: true })
  .map((path) => String(path).split('\\').join('/'))
  .filter((path) => path.endsWith('.sql'))
  .sort();
writeFileSync(join(outdir, 'global-project.json'), `${JSON.stringify(Object.fromEntries(macroFiles.map((path) => [`macros/${path}`, readFileSync(join(globalMacros, path), 'utf8')])), null, 1)}\n`);

if (!quiet) {
  const outputs = Object.entries(result.metafile.outputs).map(([file, output]) => `${relative(root, join(root, file))} ${(output.bytes / 1024).toFixed(0)} KiB`);
  console.log(`Bundled the Action into ${relative(root, outdir) || '.'}/: ${outputs.length} files\n  ${outputs.sort().join('\n  ')}`);
}
