// Bundles the command line into dist/bin/: one entry file plus chunks, dependencies included.
// Node loads a few large files far faster than the thousands of small modules behind unified,
// Vega, pdf-lib and Puppeteer (about 0.8 s of a cold build otherwise). Dynamic imports stay
// chunk boundaries, so a no-op build still loads none of the pipeline.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bin');

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { briefkit: join(root, 'src', 'cli.ts') },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Optional native add-ons some dependencies try to load; absent here, and never needed.
  external: ['canvas', 'bufferutil', 'utf-8-validate', 'fsevents'],
  // CommonJS dependencies call require() for Node's built-ins; ES modules have none by default.
  banner: {
    js: "import { createRequire as __briefkitRequire } from 'node:module'; const require = __briefkitRequire(import.meta.url);",
  },
  legalComments: 'linked',
  logLevel: 'warning',
});

// One hash of all the bundled code, read by the build planner instead of hashing megabytes of
// chunks on every (no-op) build: any change to how documents are made changes every cache key.
const digest = createHash('sha256');
const files = (await readdir(outdir, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();
for (const file of files) digest.update(file.slice(outdir.length)).update(await readFile(file));
await writeFile(join(outdir, 'code-id'), `${digest.digest('hex')}\n`);
