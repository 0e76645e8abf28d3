/**
 * Sources: `:cite[source-id]` puts a numbered source marker after any claim, the same numbers as
 * the stats' markers, listed under "Sources"; an unknown id is an error at its place, and a
 * source only `:cite` uses is not reported as unused.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeMessage,
  makeTempDir,
  normalizeSpace,
  parseReport,
  pdfText,
  removeDir,
  runCli,
  sourceDateEpoch,
} from './helpers.js';

let dir: string;

/** Writes `content/<id>/brief.md` and `stats.yaml` under the test folder. */
async function writeBrief(id: string, markdown: string, stats: string): Promise<void> {
  const folder = join(dir, 'content', id);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'brief.md'), markdown);
  await writeFile(join(folder, 'stats.yaml'), stats);
}

const front = (title: string) => `---\ntitle: "${title}"\ndate: 2026-06-01\n---\n\n`;

const stats = `sources:
  almanac:
    publisher: Harbour Almanac Office
    title: Tide tables, 2025
    url: https://example.org/tides-2025
    accessed: 2026-05-02
  charter:
    publisher: Port Authority
    title: The harbour charter of 1911
    url: https://example.org/charter
  minutes:
    publisher: Port Authority
    title: Board minutes, March 2024
    url: https://example.org/minutes-2024-03
stats:
  berths:
    label: Berths in the harbour
    value: 42
    format: number
    source: almanac
`;

beforeAll(async () => {
  dir = await makeTempDir('sources');
  await writeBrief(
    'cited',
    `${front('Harbour brief')}## Port\n\nThe harbour has :stat[berths] berths. Its charter dates from 1911.:cite[charter] The board met in March 2024.:cite[minutes, almanac]\n`,
    stats,
  );
  await writeBrief(
    'miscited',
    `${front('Miscited brief')}## Port\n\nThe harbour has :stat[berths] berths.:cite[chartr] And :cite[] here.\n`,
    stats,
  );
});

afterAll(async () => {
  await removeDir(dir);
});

describe(':cite', () => {
  it('numbers cited sources with the stats, in reading order, and lists them', async () => {
    const result = await runCli(
      ['build', 'cited', '--content', 'content', '--out', 'out', '--format', 'brief'],
      { cwd: dir, env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } },
    );
    expect(result.code, result.stderr).toBe(0);
    // A source cited only by :cite is used: no unused-source warning.
    expect(result.stderr).not.toContain('unused-source');
    const text = normalizeSpace(
      (await pdfText(await readFile(join(dir, 'out', 'cited', 'brief.pdf')))).join(' '),
    );
    // berths → 1 (almanac), charter → 2, minutes → 3, almanac again → 1.
    expect(text).toContain(
      'The harbour has 421 berths. Its charter dates from 1911.2 The board met in March 2024.3,1 Sources',
    );
    expect(text).toContain(
      'Sources 1. Harbour Almanac Office. Tide tables, 2025. https://example.org/tides-2025 (accessed May 2, 2026) 2. Port Authority. The harbour charter of 1911. https://example.org/charter 3. Port Authority. Board minutes, March 2024.',
    );
  });

  it('reports an unknown or missing source id at its place, with the nearest id', async () => {
    const result = await runCli(['check', 'miscited', '--content', 'content'], { cwd: dir });
    expect(result.code).toBe(1);
    const errors = parseReport(result.stderr).filter((message) => message.text.startsWith('error'));
    expect(errors.map(describeMessage)).toEqual([
      'content/miscited/brief.md:8:38 error  Unknown source `chartr`; did you mean `charter`?  unknown-source',
      'content/miscited/brief.md:8:56 error  Missing source id: write `:cite[source-id]`  unknown-source',
    ]);
  });

  it('warns about a source that no stat, series or :cite uses', async () => {
    await writeBrief(
      'uncited',
      `${front('Uncited brief')}## Port\n\nThe harbour has :stat[berths] berths.\n`,
      stats,
    );
    const result = await runCli(['check', 'uncited', '--content', 'content'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(parseReport(result.stderr).map(describeMessage)).toEqual([
      'content/uncited/stats.yaml:7:3 warning  Source `charter` is not cited by any stat, series or :cite  unused-source',
      'content/uncited/stats.yaml:11:3 warning  Source `minutes` is not cited by any stat, series or :cite  unused-source',
    ]);
  });
});
