import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, join } from 'node:path';

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found, for `DEBUG=briefkit:*` and error messages. */
  origin: string;
}

// Headless shells first: they start far faster and print the same pages.
const shellNames = ['chromium-headless-shell', 'chrome-headless-shell'];
const systemNames = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
  'microsoft-edge-stable',
  'microsoft-edge',
];
/** Fallbacks after @puppeteer/browsers' lookup, which knows Chrome's places but not these. */
const systemPaths = (env: NodeJS.ProcessEnv): Record<string, string[]> => ({
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    env.LOCALAPPDATA && join(env.LOCALAPPDATA, 'Chromium\\Application\\chrome.exe'),
    join(
      env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ),
    join(env.PROGRAMFILES ?? 'C:\\Program Files', 'Microsoft\\Edge\\Application\\msedge.exe'),
  ].filter((path): path is string => Boolean(path)),
});

/**
 * Finds a Chrome or Chromium to print with, in the documented order: `--browser-path`,
 * PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, Puppeteer's browser cache, a headless shell on PATH,
 * Chrome where @puppeteer/browsers knows it is installed (per-user Windows installs included),
 * then other browsers on PATH and in the usual places (Chromium, Edge).
 */
export async function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  // A parameter so that the Windows and macOS places are tested on any machine.
  platform: NodeJS.Platform = process.platform,
): Promise<FoundBrowser | undefined> {
  if (env.BRIEFKIT_BROWSER_PATH)
    return { executablePath: env.BRIEFKIT_BROWSER_PATH, origin: '--browser-path' };
  for (const variable of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH']) {
    const value = env[variable];
    if (value) return { executablePath: value, origin: variable };
  }
  const cached = await fromPuppeteerCache(env);
  if (cached) return cached;
  for (const name of shellNames) {
    const found = onPath(name, env.PATH ?? '');
    if (found) return { executablePath: found, origin: `system (${name})` };
  }
  const chrome = await installedChrome();
  if (chrome) return chrome;
  for (const name of systemNames) {
    const found = onPath(name, env.PATH ?? '');
    if (found) return { executablePath: found, origin: `system (${name})` };
  }
  for (const candidate of systemPaths(env)[platform] ?? []) {
    if (isExecutable(candidate)) return { executablePath: candidate, origin: 'system' };
  }
  return undefined;
}

/** Chrome's own install places, every channel, as @puppeteer/browsers knows them. */
async function installedChrome(): Promise<FoundBrowser | undefined> {
  const { Browser, ChromeReleaseChannel, computeSystemExecutablePath, detectBrowserPlatform } =
    await import('@puppeteer/browsers');
  const platform = detectBrowserPlatform();
  // On Linux the lookup spawns `wslinfo` for each channel; outside WSL, Chrome's own launcher
  // (`google-chrome` on PATH) finds the same install without that cost on every build.
  if (!platform || (process.platform === 'linux' && !process.env.WSL_DISTRO_NAME)) return undefined;
  for (const channel of Object.values(ChromeReleaseChannel)) {
    try {
      const executablePath = computeSystemExecutablePath({
        browser: Browser.CHROME,
        platform,
        channel,
      });
      if (isExecutable(executablePath))
        return { executablePath, origin: `system (Chrome ${channel})` };
    } catch {
      // not installed on this channel
    }
  }
  return undefined;
}

/** Chrome's headless shell (the "old" headless mode, kept as its own binary). */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(basename(executablePath));
}

export function puppeteerCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer');
}

async function fromPuppeteerCache(env: NodeJS.ProcessEnv): Promise<FoundBrowser | undefined> {
  const cacheDir = puppeteerCacheDir(env);
  if (!existsSync(cacheDir)) return undefined;
  const { getInstalledBrowsers } = await import('@puppeteer/browsers');
  const installed = await getInstalledBrowsers({ cacheDir }).catch(() => []);
  const usable = installed
    .filter(
      (browser) => browser.browser === 'chrome' || browser.browser === 'chrome-headless-shell',
    )
    .filter((browser) => isExecutable(browser.executablePath))
    .sort(
      (a, b) =>
        Number(b.browser === 'chrome-headless-shell') -
          Number(a.browser === 'chrome-headless-shell') ||
        b.buildId.localeCompare(a.buildId, 'en', { numeric: true }),
    );
  const best = usable[0];
  return (
    best && {
      executablePath: best.executablePath,
      origin: `Puppeteer cache (${best.browser} ${best.buildId})`,
    }
  );
}

/** The executable `name` in the folders of `path` (a PATH value), if any. */
export function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What to do when no browser is found: said once, exactly. */
export const browserHelp = [
  'briefkit needs Chrome or Chromium to print PDFs, and found none.',
  'Do one of these, then run the command again:',
  "  - install Chrome's headless shell: npx briefkit browser install",
  '  - Debian/Ubuntu (as root): apt-get update && apt-get install -y chromium-headless-shell',
  '  - point briefkit at an installed browser: --browser-path /path/to/chrome',
  '    (or export PUPPETEER_EXECUTABLE_PATH=/path/to/chrome)',
].join('\n');
