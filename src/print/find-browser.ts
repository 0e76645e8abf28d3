import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, join } from 'node:path';

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found, for `DEBUG=briefkit:*` and error messages. */
  origin: string;
}

// Headless shells first: they start far faster and print the same pages.
const systemNames = [
  'chromium-headless-shell',
  'chrome-headless-shell',
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
];
const systemPaths: Record<string, string[]> = {
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    join(
      process.env.PROGRAMFILES ?? 'C:\\Program Files',
      'Google\\Chrome\\Application\\chrome.exe',
    ),
    join(
      process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
      'Google\\Chrome\\Application\\chrome.exe',
    ),
  ],
};

/**
 * Finds a Chrome or Chromium to print with, in the documented order: PUPPETEER_EXECUTABLE_PATH,
 * CHROME_PATH, Puppeteer's browser cache, then a system installation.
 */
export async function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
): Promise<FoundBrowser | undefined> {
  for (const variable of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH']) {
    const value = env[variable];
    if (value) return { executablePath: value, origin: variable };
  }
  const cached = await fromPuppeteerCache(env);
  if (cached) return cached;
  for (const name of systemNames) {
    const found = onPath(name, env.PATH ?? '');
    if (found) return { executablePath: found, origin: `system (${name})` };
  }
  for (const candidate of systemPaths[process.platform] ?? []) {
    if (isExecutable(candidate)) return { executablePath: candidate, origin: 'system' };
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
  '  - Debian/Ubuntu (as root): apt-get update && apt-get install -y chromium-headless-shell',
  '  - any system with network access: npx @puppeteer/browsers install chrome-headless-shell@stable --path ~/.cache/puppeteer',
  '  - point briefkit at an installed browser: export PUPPETEER_EXECUTABLE_PATH=/path/to/chrome',
].join('\n');
