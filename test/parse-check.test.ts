/**
 * `briefkit check` validates without a browser: links to sections that do not exist (warnings,
 * with a suggestion; errors with --strict), images without alt text and unused stats (warnings), each at its line and
 * column, with exit code 1 on any error. A stand-in browser proves no browser was started.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  describeMessage,
  fakeBrowser,
  fixturesDir,
  makeTempDir,
  parseReport,
  removeDir,
  repoRoot,
  runCli,
  type CliResult,
} from './helpers.js';

let dir: string;
let marker: string;
let env: Record<string, string>;
let all: CliResult;
let strict: CliResult;

beforeAll(async () => {
  dir = await makeTempDir('check');
  await copyFixture(join(fixturesDir, 'check', 'content'), join(dir, 'content'));
  await copyFixture(join(repoRoot, 'content', 'mexico-us'), join(dir, 'content', 'mexico-us'));
  const browser = await fakeBrowser(dir);
  marker = browser.marker;
  env = { PUPPETEER_EXECUTABLE_PATH: browser.path, CHROME_PATH: browser.path };
  all = await runCli(['check', '--content', 'content'], { cwd: dir, env });
  strict = await runCli(['check', '--strict', '--content', 'content', 'links'], { cwd: dir, env });
});

afterAll(async () => {
  await removeDir(dir);
});

describe('check', () => {
  it('reports broken section links, images without alt text and unused stats, in place', () => {
    expect(parseReport(all.stderr).map(describeMessage)).toEqual([
      'content/links/brief.md:10:6 warning  Link to `#backgrund` goes nowhere: no section or anchor has that id; did you mean `#background`?  link-target',
      'content/links/brief.md:10:46 warning  Link to `#outlook` goes nowhere: no section or anchor has that id (sections: #background, #trade-and-investment)  link-target',
      'content/links/brief.md:12:1 warning  Image `assets/map.png` has no alt text: describe it for screen readers  image-alt',
      'content/links/brief.md:18:47 warning  Link to `#nowhere` goes nowhere: no section or anchor has that id (sections: #background, #trade-and-investment)  link-target',
      'content/links/brief.md:22:49 warning  Link to `#trade-and-invest` goes nowhere: no section or anchor has that id; did you mean `#trade-and-investment`?  link-target',
      'content/links/stats.yaml:11:3 warning  Stat `spare` is not used in brief.md  unused-stat',
    ]);
    expect(all.stderr).toContain('⚠ 0 errors, 6 warnings');
  });

  it('makes a link that goes nowhere an error with --strict, exit 1', () => {
    expect(strict.code).toBe(1);
    const links = parseReport(strict.stderr)
      .map(describeMessage)
      .filter((line) => line.endsWith('link-target'));
    expect(links).toHaveLength(4);
    for (const line of links) expect(line).toMatch(/^content\/links\/brief\.md:\d+:\d+ error /);
    expect(strict.stderr).toContain('✖ 4 errors, 2 warnings');
  });

  it('accepts links to sections, footnotes and the template’s own anchors', () => {
    // links/brief.md also links #background (twice), #sources-heading and a footnote: none is reported.
    const reported = parseReport(all.stderr).map((message) => message.text);
    expect(reported.join('\n')).not.toMatch(/Link to `#(background|sources-heading|fn-1)`/);
  });

  it('exits 0 on warnings and when the selected briefs are clean', async () => {
    expect(all.code).toBe(0);
    const clean = await runCli(['check', '--content', 'content', 'clean', 'mexico-us'], {
      cwd: dir,
      env,
    });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr.trim()).toBe('2 brief(s) checked');
  });

  it('never starts a browser', () => {
    expect(existsSync(marker)).toBe(false);
  });

  it('names an unknown brief id with the nearest one', async () => {
    const unknown = await runCli(['check', '--content', 'content', 'mexico'], { cwd: dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No brief `mexico`');
    expect(unknown.stderr).toContain('did you mean `mexico-us`?');
  });
});
