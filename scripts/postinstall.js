// Runs after `npm install` in this repository: compiles briefkit and makes sure a browser exists,
// installing one where that is possible, so that `npm run build` works on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const say = (line) => process.stdout.write(`briefkit setup: ${line}\n`);

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
const { findBrowser, browserHelp, puppeteerCacheDir } =
  await import('../dist/print/find-browser.js');
let found = await findBrowser();
if (!found) found = (await installWithApt()) ?? (await installWithPuppeteer());
if (!found) {
  process.stderr.write(
    `\n${browserHelp}\n(or set BRIEFKIT_SKIP_BROWSER=1 to install without one)\n\n`,
  );
  process.exit(1);
}
say(`printing with ${found.executablePath} (${found.origin})`);

/** Debian and Ubuntu, as root: the distribution's chromium package. */
async function installWithApt() {
  const debianLike =
    existsSync('/etc/debian_version') || /ID(_LIKE)?=.*(debian|ubuntu)/.test(readOsRelease());
  if (
    process.platform !== 'linux' ||
    !debianLike ||
    process.getuid?.() !== 0 ||
    !existsSync('/usr/bin/apt-get')
  ) {
    return undefined;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) {
    say('apt-get update failed');
    return undefined;
  }
  // The headless shell starts several times faster; older releases only package full Chromium.
  for (const name of ['chromium-headless-shell', 'chromium']) {
    say(`installing Debian's ${name} with apt-get`);
    const install = spawnSync('apt-get', ['install', '-y', '-qq', name], { stdio: 'inherit', env });
    if (install.status === 0) return findBrowser();
    say(`apt-get could not install ${name}`);
  }
  return undefined;
}

/** Anywhere with network access to Chrome's downloads: Puppeteer's own browser, in its cache. */
async function installWithPuppeteer() {
  const browsers = await import('@puppeteer/browsers');
  const platform = browsers.detectBrowserPlatform();
  if (!platform) return undefined;
  say("no browser found; downloading chrome-headless-shell into Puppeteer's cache");
  try {
    const browser = browsers.Browser.CHROMEHEADLESSSHELL;
    const buildId = await withTimeout(browsers.resolveBuildId(browser, platform, 'stable'), 30_000);
    await withTimeout(
      browsers.install({ browser, buildId, cacheDir: puppeteerCacheDir() }),
      600_000,
    );
    return findBrowser();
  } catch (cause) {
    say(`download failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    return undefined;
  }
}

function readOsRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

function withTimeout(promise, ms) {
  return Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms).unref(),
    ),
  ]);
}
