#!/usr/bin/env node
/**
 * The command line's entry (bundled to dist/bin/briefkit.js): runs the bundled CLI,
 * dist/bin/briefkit.cjs, through V8's code cache. Parsing and compiling the CLI's megabytes of
 * JavaScript (unified, Vega, pdf-lib, Puppeteer) costs about 0.3 s of every cold build; with the
 * cache, Node reads the compiled code instead. Node 20 has no `module.enableCompileCache()`, so
 * this does by hand what Node 22 does for every module.
 *
 * The cache is written by the first run that lacks one: a run that loaded the whole pipeline
 * writes a "full" cache that later runs prefer; any other run writes a "light" one if none exists.
 * V8 rejects a cache made by another Node version or for other source, and a rejected cache is
 * replaced. A folder that cannot be written (a read-only install) only means no cache.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'briefkit.cjs');
const cacheDir = join(here, 'code-cache');
const cacheFile = (level: 'full' | 'light') =>
  join(cacheDir, `${process.version}-${process.arch}-${level}.bin`);
/** Set by the bundle when it loads the document pipeline (see produce-all.ts). */
const pipelineLoaded = Symbol.for('briefkit.pipelineLoaded');

let loaded: 'full' | 'light' | undefined;
let cachedData: Buffer | undefined;
for (const level of ['full', 'light'] as const) {
  try {
    cachedData = readFileSync(cacheFile(level));
    loaded = level;
    break;
  } catch {
    // no cache of this level
  }
}

// The bundle keeps cli.ts's `#!` line, which is valid only at the very start of a script.
const source = readFileSync(bundle, 'utf8').replace(/^#!/, '//');
const script = new vm.Script(Module.wrap(source), {
  filename: bundle,
  ...(cachedData ? { cachedData } : {}),
});
if (loaded && script.cachedDataRejected) {
  rmSync(cacheFile(loaded), { force: true });
  loaded = undefined;
}

process.once('exit', (code) => {
  if (code !== 0) return;
  const level = (globalThis as Record<symbol, unknown>)[pipelineLoaded] ? 'full' : 'light';
  if (loaded === 'full' || (loaded === 'light' && level === 'light')) return;
  const temporary = `${cacheFile(level)}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile(level));
  } catch {
    // A read-only install: every run compiles, as without a cache.
    rmSync(temporary, { force: true });
  }
});

// Code from a vm script cannot `import()` (Node 20 gives cached code no module loader): the
// bundle imports users' config files through this module's `import()` (load/import-url.ts).
(globalThis as Record<symbol, unknown>)[Symbol.for('briefkit.import')] = (url: string) =>
  import(url);

const module = { exports: {} };
const run = script.runInThisContext() as (
  exports: object,
  require: NodeJS.Require,
  module: object,
  filename: string,
  dirname: string,
) => void;
run(module.exports, createRequire(bundle), module, bundle, here);
