/**
 * `<picture>` as READMEs write it: each becomes the one `<img>` it prints, in every output. A
 * source meant for paper that is a file of the brief is used (its largest candidate); sources on
 * the web or outside the folder are reported as images are, at their line and column; when only
 * the `<img>` can print, an info line says so.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, parseReport, png, removeDir, runCli, type CliResult } from './helpers.js';

const brief = [
  '---', // 1
  'title: Reservoir levels',
  'date: 2026-03-02',
  '---',
  '',
  '## Levels', // 6
  '',
  'The gauge chart, as the project README shows it:',
  '',
  '<picture>', // 10
  '  <source media="(prefers-color-scheme: dark)" srcset="https://example.org/gauge-dark.png">',
  '  <source srcset="https://example.org/gauge.png 1x">', // 12
  '  <source srcset="assets/gauge.png 1x, assets/gauge@2x.png 2x">', // 13
  '  <img src="https://example.org/gauge-fallback.png" alt="Gauge readings by month">',
  '</picture>',
  '',
  'A logo for light and dark pages:', // 17
  '',
  '<picture><source media="(prefers-color-scheme: dark)" srcset="assets/logo-dark.png"><img src="assets/logo.png" alt="Water board"></picture>', // 19
  '',
].join('\n');

const outside = [
  '---',
  'title: Outside',
  'date: 2026-03-02',
  '---',
  '',
  '## One',
  '',
  '<picture>', // 8
  '  <source srcset="../elsewhere.png">', // 9
  '  <img src="assets/logo.png" alt="Logo">',
  '</picture>',
  '',
].join('\n');

let dir: string;
let built: CliResult;
let html: string;

beforeAll(async () => {
  dir = await makeTempDir('picture');
  await mkdir(join(dir, 'levels', 'assets'), { recursive: true });
  await writeFile(join(dir, 'levels', 'brief.md'), brief);
  // Sizes tell the files apart in the output.
  await writeFile(join(dir, 'levels', 'assets', 'gauge.png'), png(30, 10, [200, 200, 200]));
  await writeFile(join(dir, 'levels', 'assets', 'gauge@2x.png'), png(60, 20, [200, 200, 200]));
  await writeFile(join(dir, 'levels', 'assets', 'logo.png'), png(12, 12, [250, 250, 250]));
  await writeFile(join(dir, 'levels', 'assets', 'logo-dark.png'), png(14, 14, [10, 10, 10]));
  await mkdir(join(dir, 'outside', 'assets'), { recursive: true });
  await writeFile(join(dir, 'outside', 'brief.md'), outside);
  await writeFile(join(dir, 'outside', 'assets', 'logo.png'), png(12, 12, [250, 250, 250]));
  await writeFile(join(dir, 'elsewhere.png'), png(8, 8, [0, 0, 0]));
  built = await runCli(['build', 'levels/brief.md', '--format', 'web', '-o', 'out'], { cwd: dir });
  html = await readFile(join(dir, 'out', 'brief', 'brief.html'), 'utf8');
});

afterAll(async () => {
  await removeDir(dir);
});

const dataUri = async (name: string) =>
  `data:image/png;base64,${(await readFile(join(dir, 'levels', 'assets', name))).toString('base64')}`;

describe('<picture>', () => {
  it('prints the largest candidate of the first source for paper that is a file of the brief', async () => {
    expect(built.code).toBe(0);
    const images = [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)"/g)].map(([, src, alt]) => [
      src,
      alt,
    ]);
    expect(images).toEqual([
      [await dataUri('gauge@2x.png'), 'Gauge readings by month'],
      [await dataUri('logo.png'), 'Water board'],
    ]);
    // No picture, source or file URL is left for a reader's browser to pick from.
    expect(html).not.toMatch(/<picture|<source|file:\/\//);
  });

  it('warns about a web source for paper at its line, passes over dark-mode sources, says when the <img> prints', () => {
    const messages = parseReport(built.stderr).map((message) => [
      message.line,
      message.column,
      message.text.replace(/\s+/g, ' '),
    ]);
    expect(messages).toEqual([
      [
        12,
        3,
        expect.stringMatching(
          /^warning Image `https:\/\/example.org\/gauge.png` \(a `<source>` of a `<picture>`\) is on the web: left out .* image-remote/,
        ),
      ],
      [
        19,
        1,
        expect.stringMatching(
          /^info `<picture>`: .* its `<img>` \(`assets\/logo.png`\) prints picture-source/,
        ),
      ],
    ]);
  });

  it('refuses a source outside the brief’s folder, at its line and column', async () => {
    const checked = await runCli(['check', 'outside/brief.md'], { cwd: dir });
    expect(checked.code).toBe(1);
    const errors = parseReport(checked.stderr).filter((message) =>
      message.text.startsWith('error'),
    );
    expect(errors.map((message) => [message.line, message.column])).toEqual([[9, 3]]);
    expect(errors[0]?.text).toMatch(
      /`\.\.\/elsewhere\.png` is outside the brief's folder {2}image-outside/,
    );
  });
});
