/** The entry's `import()`, handed over by bin.ts (see there). */
const hostImport = Symbol.for('briefkit.import');

/**
 * Imports an ES module (a user's config file) by URL. The bundled CLI runs as a vm script
 * (bin.ts), where `import()` has no module loader once its code comes from V8's code cache, so
 * the entry, a real module, lends its own; unbundled, this is plain `import()`.
 */
export function importUrl(url: string): Promise<unknown> {
  const lent = (globalThis as Record<symbol, unknown>)[hostImport];
  return typeof lent === 'function'
    ? (lent as (url: string) => Promise<unknown>)(url)
    : import(url);
}
