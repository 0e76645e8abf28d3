/**
 * The layers, written down and checked by `npm run lint` (dependency-cruiser). The stages run
 * load → parse → model → render → print → finish; the build (src/build/) runs them; the
 * commands (preview, release, scaffold) and the config sit on top. A stage imports only stages
 * before it and the shared modules at the top of src/ (paper, labels, format, errors, …), which
 * import no stage but load's types. See ARCHITECTURE.md.
 *
 * One allowance: src/config/define.ts is the package's public config types (`defineConfig`) and
 * imports nothing, so any module may use its types (Paper, Palette) without reaching the config
 * reader.
 */
const define = '^src/config/define[.]ts$';
const stages = ['load', 'parse', 'model', 'render', 'print', 'finish'];
const above = ['build', 'config', 'fetch-images', 'ledger', 'preview', 'release', 'scaffold'];

/** `layer` imports none of `forbidden` (folders under src/). */
const rule = (name, comment, layer, forbidden) => ({
  name,
  severity: 'error',
  comment,
  from: { path: `^src/(${layer})/` },
  to: { path: `^src/(${forbidden.join('|')})/`, pathNot: define },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other in a circle cannot be read, tested or loaded alone.',
      from: {},
      to: { circular: true },
    },
    rule(
      'load-parse-stay-below',
      'load and parse read the source; they never reach model, render, print or the build.',
      'load|parse',
      ['model', 'render', 'print', 'finish', ...above],
    ),
    rule('load-not-parse', 'load reads files; parse comes after it.', 'load', ['parse']),
    rule(
      'model-not-parse',
      'The model is built from what parse hands over (src/chart-request.ts, the tree); it never imports parse.',
      'model',
      ['parse', 'render', 'print', 'finish', ...above],
    ),
    rule(
      'render-not-config-or-build',
      'render takes resolved options and the model; it never reads the config or calls the build.',
      'render',
      ['print', 'finish', ...above],
    ),
    rule('print-below-build', 'print owns the browser; it neither renders nor finishes.', 'print', [
      'render',
      'finish',
      ...above,
    ]),
    rule('finish-below-build', 'finish works on printed bytes only.', 'finish', [
      'render',
      'print',
      ...above,
    ]),
    rule('build-below-commands', 'The build serves the commands; it never calls them.', 'build', [
      'fetch-images',
      'ledger',
      'preview',
      'release',
      'scaffold',
    ]),
    {
      name: 'shared-modules-below-stages',
      severity: 'error',
      comment:
        'The shared modules at the top of src/ are used by every stage, so they import none.',
      from: { path: '^src/[^/]+[.]ts$', pathNot: '^src/(cli|index)[.]ts$' },
      to: { path: `^src/(${[...stages.slice(1), ...above].join('|')})/`, pathNot: define },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    // Type-only imports count: a type from another layer ties the layers as much as a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
