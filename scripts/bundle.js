// Bundles the command line into dist/bin/: briefkit.cjs (the CLI with its dependencies, one
// CommonJS script) and briefkit.js (the entry, which runs briefkit.cjs through V8's code cache;
// see src/bin.ts). Node loads one script from a code cache far faster than the thousands of
// small modules behind unified, Vega, pdf-lib and Puppeteer: about 0.8 s of a cold build
// otherwise. Modules the CLI imports dynamically still run only when first needed.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bin');
const stub = (name) => join(root, 'scripts', 'bundle-stubs', `${name}.js`);
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

await rm(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli.ts')],
  outfile: join(outdir, 'briefkit.cjs'),
  format: 'cjs',
  // Optional native add-ons some dependencies try to load; absent here, and never needed.
  external: ['canvas', 'bufferutil', 'utf-8-validate', 'fsevents'],
  alias: { 'proxy-agent': stub('proxy-agent'), 'vega-canvas': stub('vega-canvas') },
  // Code written as ES modules finds its files from import.meta.url: the bundle's own URL.
  define: { 'import.meta.url': '__briefkitBundleUrl' },
  banner: { js: "var __briefkitBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'linked',
});
await build({
  ...common,
  entryPoints: [join(root, 'src', 'bin.ts')],
  outfile: join(outdir, 'briefkit.js'),
  format: 'esm',
});

// One hash of the bundled code, read by the build planner instead of hashing megabytes on every
// (no-op) build: any change to how documents are made changes every cache key.
const digest = createHash('sha256');
for (const name of ['briefkit.cjs', 'briefkit.js'])
  digest.update(name).update(await readFile(join(outdir, name)));
await writeFile(join(outdir, 'code-id'), `${digest.digest('hex')}\n`);
