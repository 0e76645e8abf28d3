// Bundles briefkit for running, into dist/bin/:
//  - briefkit.js and chunks/: the command line as ES modules, split at its dynamic imports, so a
//    no-op build loads only the planner;
//  - pipeline.cjs: what makes documents (src/build/pipeline-bundle.ts) as one CommonJS script, which the
//    build runs through V8's code cache (src/build/load-pipeline.ts);
//  - code-id: one hash of all of it, for the build cache's keys.
// Node loads a few large files far faster than the thousands of small modules behind unified,
// Vega, pdf-lib and Puppeteer (about 0.8 s of a cold build otherwise), and a code-cached script
// faster still. Then, where a browser and the default content exist, one build of it writes the
// code cache (into the user's cache folder), so that the first build here is as fast as the next.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bin');
const stub = (name) => join(root, 'scripts', 'bundle-stubs', `${name}.js`);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Optional native add-ons some dependencies try to load; absent here, and never needed.
  // jiti (TypeScript and ES module configs) stays a dependency: it loads its own parts at run time;
  // so does subset-font (harfbuzz's WebAssembly file, read beside its package).
  external: ['canvas', 'bufferutil', 'utf-8-validate', 'fsevents', 'jiti', 'subset-font'],
  legalComments: 'linked',
  logLevel: 'warning',
  // Minified whole: the package packs to 2.4 MB instead of 2.8 (issue 14 wants under 3), and a
  // cold build parses less (about 0.2 s of CPU and 14 MB less). No code here reads a class's name.
  minify: true,
};

/** The CLI's `import('./pipeline-bundle.js')` (unbundled runs only) gets the stub, not a copy. */
const pipelineOnlyInItsScript = {
  name: 'pipeline-only-in-its-script',
  setup(build) {
    build.onResolve({ filter: /\/pipeline-bundle\.js$/ }, () => ({
      path: stub('pipeline-bundle'),
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { briefkit: join(root, 'src', 'cli.ts') },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  format: 'esm',
  alias: { 'proxy-agent': stub('proxy-agent') },
  plugins: [pipelineOnlyInItsScript],
  // CommonJS dependencies call require() for Node's built-ins; ES modules have none by default.
  banner: {
    js: "import { createRequire as __briefkitRequire } from 'node:module'; const require = __briefkitRequire(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: [join(root, 'src', 'build', 'pipeline-bundle.ts')],
  outfile: join(outdir, 'pipeline.cjs'),
  format: 'cjs',
  alias: { 'proxy-agent': stub('proxy-agent'), 'vega-canvas': stub('vega-canvas') },
  // Run through vm.Script (for the code cache), the bundle has no loader for import(): the few
  // dependencies that import Node's built-ins lazily (pptxgenjs) get require() instead.
  supported: { 'dynamic-import': false },
  // Code written as ES modules finds its files from import.meta.url: the bundle's own URL.
  define: { 'import.meta.url': '__briefkitBundleUrl' },
  banner: { js: "var __briefkitBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// One hash of all the bundled code, read by the build planner instead of hashing megabytes on
// every (no-op) build: any change to how documents are made changes every cache key.
const digest = createHash('sha256');
const files = (await readdir(outdir, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();
for (const file of files) digest.update(file.slice(outdir.length)).update(await readFile(file));
await writeFile(join(outdir, 'code-id'), `${digest.digest('hex')}\n`);

// The code cache lives in the user's cache folder, one file per bundle and Node version: an
// unchanged bundle keeps its cache, and a packed briefkit ships none.
const { codeCacheFile } = await import(join(root, 'dist', 'paths.js'));
if (existsSync(codeCacheFile(outdir))) process.exit(0);
const { findBrowser } = await import(join(root, 'dist', 'print', 'find-browser.js'));
if (existsSync(join(root, 'content', 'mexico-us')) && (await findBrowser())) {
  const out = await mkdtemp(join(tmpdir(), 'briefkit-code-cache-'));
  try {
    execFileSync(
      process.execPath,
      [
        join(outdir, 'briefkit.js'),
        'build',
        'mexico-us',
        '--content',
        join(root, 'content'),
        '--out',
        out,
      ],
      { stdio: 'ignore', cwd: root, timeout: 120_000, killSignal: 'SIGKILL' },
    );
  } catch {
    process.stderr.write('briefkit bundle: the code cache was not written (its build failed)\n');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
