// npm's `prepare`: runs after `npm install` in this repository (never where briefkit is installed
// as a package), compiles briefkit and makes sure a browser exists, installing one where that is
// possible, so that `npm run build` works on a fresh clone. Packing compiles through `prepack`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const say = (line) => process.stdout.write(`briefkit setup: ${line}\n`);

// `npm pack` and `npm publish` run `prepare` too: `prepack` compiles, and no browser is wanted.
if (['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);

// 1. Compile (the CLI runs as plain JavaScript). Skipped when installed without dev tools.
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  tsc = undefined;
}
if (tsc && existsSync(join(root, 'src'))) {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], {
    stdio: 'inherit',
    cwd: root,
  });
  say('compiled to dist/');
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.js')], {
    stdio: 'inherit',
    cwd: root,
  });
  say('bundled the command line into dist/bin/');
}

// 2. A browser to print with.
if (process.env.BRIEFKIT_SKIP_BROWSER) {
  say('BRIEFKIT_SKIP_BROWSER is set: not looking for a browser (building PDFs will need one)');
  process.exit(0);
}
const { browserHelp } = await import('../dist/print/find-browser.js');
const { installBrowser } = await import('../dist/print/install-browser.js');
const found = await installBrowser(say);
if (!found) {
  process.stderr.write(
    `\n${browserHelp}\n(or set BRIEFKIT_SKIP_BROWSER=1 to install without one)\n\n`,
  );
  process.exit(1);
}
say(`printing with ${found.executablePath} (${found.origin})`);
