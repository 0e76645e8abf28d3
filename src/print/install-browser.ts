import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findBrowser, puppeteerCacheDir, type FoundBrowser } from './find-browser.js';

/**
 * `briefkit browser install`, and the repository's `npm install`: a browser to print with, where
 * none is found. Debian or Ubuntu as root get the distribution's package with apt-get; anywhere
 * else with network access, Chrome's headless shell goes into Puppeteer's cache with
 * @puppeteer/browsers. Never run at a package's install: installing briefkit runs no scripts.
 */
export async function installBrowser(
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<FoundBrowser | undefined> {
  return (await findBrowser()) ?? (await installWithApt(say)) ?? (await installWithPuppeteer(say));
}

/** The apt line, for Debian and Ubuntu: the headless shell where it is packaged. */
export const aptLine = 'apt-get update && apt-get install -y chromium-headless-shell';

function isDebianRoot(): boolean {
  let release = '';
  try {
    release = readFileSync('/etc/os-release', 'utf8');
  } catch {
    release = '';
  }
  const debianLike =
    existsSync('/etc/debian_version') || /ID(_LIKE)?=.*(debian|ubuntu)/.test(release);
  return (
    process.platform === 'linux' &&
    debianLike &&
    process.getuid?.() === 0 &&
    existsSync('/usr/bin/apt-get')
  );
}

async function installWithApt(say: (line: string) => void): Promise<FoundBrowser | undefined> {
  if (!isDebianRoot()) return undefined;
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

async function installWithPuppeteer(
  say: (line: string) => void,
): Promise<FoundBrowser | undefined> {
  const browsers = await import('@puppeteer/browsers');
  const platform = browsers.detectBrowserPlatform();
  if (!platform) return undefined;
  const cacheDir = puppeteerCacheDir();
  say(`downloading Chrome's headless shell into ${cacheDir} (@puppeteer/browsers)`);
  try {
    const browser = browsers.Browser.CHROMEHEADLESSSHELL;
    const buildId = await withTimeout(browsers.resolveBuildId(browser, platform, 'stable'), 30_000);
    await withTimeout(browsers.install({ browser, buildId, cacheDir }), 600_000);
    return await findBrowser();
  } catch (cause) {
    say(`the download failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    if (process.platform === 'linux') say(`on Debian or Ubuntu, as root: ${aptLine}`);
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
