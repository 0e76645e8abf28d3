import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { debug } from '../log.js';
import { bundleDir, codeCacheFile } from '../paths.js';
import type * as PipelineModule from './pipeline-bundle.js';

const log = debug('build');

export type Pipeline = typeof PipelineModule;

/**
 * The document pipeline (unified, Handlebars, Vega, pdf-lib, Puppeteer), loaded only when a build
 * has something to make. Installed, it is one bundled script run through V8's code cache: parsing
 * and compiling its megabytes of JavaScript would cost about 0.3 s of every cold build, and
 * Node 20 has no `module.enableCompileCache()`, so this does by hand what Node 22 does for every
 * module. Unbundled (tests, a TypeScript runner), it is plain imports.
 */
export async function loadPipeline(): Promise<Pipeline> {
  const dir = bundleDir();
  const script = dir && join(dir, 'pipeline.cjs');
  if (!script || !existsSync(script)) return import('./pipeline-bundle.js');
  return runCached(script, codeCacheFile(dir));
}

/**
 * Runs a CommonJS bundle with V8's code cache for this code and this Node version, kept in the
 * user's cache folder (never shipped: it fits one Node only). A rejected or missing cache is
 * written when this process ends well, from everything the run compiled. A folder that cannot be
 * written only means no cache.
 */
function runCached(file: string, cacheFile: string): Pipeline {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  log('pipeline: %s', cached ? 'from the code cache' : 'compiled (no usable code cache)');
  if (cached) markUsed(cacheFile);
  else process.once('exit', (code) => code === 0 && saveCache(script, cacheFile));

  const module = { exports: {} as Pipeline };
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: object,
    filename: string,
    dirname: string,
  ) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

function saveCache(script: vm.Script, cacheFile: string): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
    pruneCaches(dirname(cacheFile));
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** Caches kept: each install or Node version that ran lately has one; older ones go. */
export const keptCaches = 6;

/** A cache read is touched, so the caches pruned are those no install has used for longest. */
function markUsed(cacheFile: string): void {
  try {
    const now = new Date();
    utimesSync(cacheFile, now, now);
  } catch {
    // a read-only cache folder: nothing to keep fresh
  }
}

/** Every upgrade of briefkit or Node writes a new cache (5–7 MB): keep the newest few. */
function pruneCaches(dir: string): void {
  const caches = readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .map((name) => ({ path: join(dir, name), used: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { path } of caches.slice(keptCaches)) rmSync(path, { force: true });
}
