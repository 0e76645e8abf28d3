// Bundles briefkit for running, into dist/bin/:
//  - briefkit.js and chunks/: the command line as ES modules, split at its dynamic imports, so a
//    no-op build loads only the planner;
//  - pipeline.cjs: what makes documents (src/build/pipeline-bundle.ts) as one CommonJS script, which the
//    build runs through V8's code cache (src/build/load-pipeline.ts);
//  - code-id: one hash of all of it, for the build cache's keys.
// Node loads a few large files far faster than the thousands of small modules behind unified,
// Vega, pdf-lib and Puppeteer (about 0.8 s of a cold build otherwise), and a code-cached script
// faster still. Then, where a browser and the default content exist, one build of it writes the
// code cache, so that the first build a user runs is as fast as every later one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
  external: ['canvas', 'bufferutil', 'utf-8-validate', 'fsevents'],
  legalComments: 'linked',
  logLevel: 'warning',
};

// The code cache of an unchanged bundle is kept (esbuild's output is the same for the same input).
const kept = join(root, 'dist', '.code-cache-kept');
const previousId = await readFile(join(outdir, 'code-id'), 'utf8').catch(() => undefined);
await rm(kept, { recursive: true, force: true });
await rename(join(outdir, 'code-cache'), kept).catch(() => undefined);
await rm(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { briefkit: join(root, 'src', 'cli.ts') },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  format: 'esm',
  alias: { 'proxy-agent': stub('proxy-agent') },
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
const codeId = `${digest.digest('hex')}\n`;
await writeFile(join(outdir, 'code-id'), codeId);
if (codeId === previousId && existsSync(kept)) {
  await rename(kept, join(outdir, 'code-cache'));
  process.exit(0);
}
await rm(kept, { recursive: true, force: true });

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
