/**
 * Sources: `:cite[source-id]` puts a numbered source marker after any claim, the same numbers as
 * the stats' markers, listed under "Sources"; an unknown id is an error at its place, and a
 * source only `:cite` uses is not reported as unused.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeMessage,
  makeTempDir,
  normalizeSpace,
  parseReport,
  pdfText,
  removeDir,
  repoRoot,
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

describe('untracked-number', () => {
  const prose = `${front('Untracked figures')}## Harbour in 2024

The port moved $12 million of cargo, 40% more ships than in 2019, 1,954 miles of quay and 300 people. Fees rose 3 percent; 2.5 billion tonnes; a 7.5 ratio.

Minute 323 and Article 10 of the 1944 treaty, signed on 31 December 2026 and September 9, the 21st century, the 1990s, Brief No. 1, Title 42, 1846–1848 and 1846–48; in 2021 the ports. Under § 4.2 apply, §7.5 sets, sections 12 ports and 3.2.1 governs; 1.234.567 Einwohner.

1. A list item with \`42 tons\` in code and a [link to 12 ports](https://example.org).
2. Berths: :stat[berths], and :cite[almanac].

:::notes
Speaker notes say 15 ships.
:::
`;

  beforeAll(async () => {
    await writeBrief('untracked', prose, stats);
  });

  it('warns at each figure’s line and column, and leaves years, dates, names, code and links alone', async () => {
    const result = await runCli(['check', 'untracked', '--content', 'content'], { cwd: dir });
    expect(result.code).toBe(0);
    const reported = parseReport(result.stderr)
      .filter((message) => message.text.includes('untracked-number'))
      .map(describeMessage);
    const figure = (place: string, text: string) =>
      `content/untracked/brief.md:${place} warning  Figure \`${text}\` comes from no stat: add it to stats.yaml and write \`:stat[id]\`  untracked-number`;
    expect(reported).toEqual([
      figure('8:16', '$12 million'),
      figure('8:38', '40%'),
      figure('8:67', '1,954 miles'),
      figure('8:91', '300 people'),
      figure('8:113', '3 percent'),
      figure('8:124', '2.5 billion tonnes'),
      figure('8:146', '7.5 ratio'),
      // German thousands (1.234.567) are a figure; section numbers (§ 4.2, 3.2.1) are not.
      figure('10:252', '1.234.567'),
      figure('16:19', '15 ships'),
    ]);
  });

  it('reads names with numbers, ratios, times, ranks and deadlines as names, and a range as one figure', async () => {
    const names =
      'The F-16 jets, the I-35 corridor and COVID-19 cases; a 24/7 service, a 50/50 split, 4×4 ' +
      'trucks, John 3:16 read at 10:59:59 sharp; the #1 port, Level 3 berths, Route 66 runs. ' +
      'EO 14028 required plans, Memorandum M-21-31 focuses on logs, (BOD) 18-01 currently ' +
      'applies, within 60 days of the memo and over the past 10 years, 007 agents.';
    const ranges =
      'Trips take 10–15 km or 1-2 days at −3.5°C over 12 km², cost $5–10 million; pages 10-15 list them.';
    await writeBrief(
      'untracked-names',
      `${front('Names and ranges')}## Fleet\n\n${names}\n\n${ranges}\n`,
      stats,
    );
    const result = await runCli(['check', 'untracked-names', '--content', 'content'], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    const reported = parseReport(result.stderr)
      .filter((message) => message.text.includes('untracked-number'))
      .map(describeMessage);
    // Each range from its first number; the page range is a numbered thing, not a figure.
    const figure = (text: string) =>
      `content/untracked-names/brief.md:10:${ranges.indexOf(text) + 1} warning  Figure \`${text}\` comes from no stat: add it to stats.yaml and write \`:stat[id]\`  untracked-number`;
    expect(reported).toEqual([
      figure('10–15 km'),
      figure('1-2 days'),
      figure('−3.5°C'),
      figure('12 km²'),
      figure('$5–10 million'),
    ]);
  });

  it('--strict makes them errors, exit code 1', async () => {
    const result = await runCli(['check', 'untracked', '--content', 'content', '--strict'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    const errors = parseReport(result.stderr).filter((message) =>
      message.text.startsWith('error  Figure'),
    );
    expect(errors).toHaveLength(9);
  });

  it('so does `strict: true` in the config', async () => {
    await writeFile(join(dir, 'briefkit.config.json'), '{ "strict": true }\n');
    try {
      const result = await runCli(['check', 'untracked', '--content', 'content'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('8:16  error  Figure `$12 million`');
    } finally {
      await rm(join(dir, 'briefkit.config.json'));
    }
  });

  it('build --strict stops the same way, before anything is written', async () => {
    const result = await runCli(
      ['build', 'untracked', '--content', 'content', '--out', 'strict-out', '--strict'],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'content/untracked/brief.md:8:16  error  Figure `$12 million` comes from no stat',
    );
    expect(result.stderr).toContain('nothing was built');
    expect(existsSync(join(dir, 'strict-out', 'untracked'))).toBe(false);
  });

  it('finds none in the default content', async () => {
    const result = await runCli(['check', '--strict'], { cwd: repoRoot });
    expect(result.stderr).not.toContain('untracked-number');
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('stale_after', () => {
  const staleStats = `sources:
  almanac: { publisher: Harbour Almanac Office, title: Tide tables, url: https://example.org/tides }
stats:
  berths: { label: Berths, value: 42, as_of: 2019, source: almanac }
  cranes: { label: Cranes, value: 9, as_of: 2024-03, source: almanac }
  quays: { label: Quays, value: 5, as_of: 2015, source: almanac }
  allotment: { label: Water allotment, value: 9, as_of: 1944, source: almanac, stale_after: false }
  census: { label: Residents, value: 800, as_of: 2020, source: almanac, stale_after: 10 }
`;
  const body =
    '## Port\n\nThere are :stat[berths] berths and :stat[cranes] cranes. The treaty grants ' +
    ':stat[allotment]; the last count found :stat[census].\n';

  it('is off by default', async () => {
    await writeBrief('fresh', `${front('Fresh')}${body}`, staleStats);
    const result = await runCli(['check', 'fresh', '--content', 'content'], { cwd: dir });
    expect(result.stderr).not.toContain('stale-stat');
  });

  it('warns, from the front matter, about each used stat older than N years at the brief’s date', async () => {
    await writeBrief(
      'stale',
      `---\ntitle: "Stale"\ndate: 2026-06-01\nstale_after: 5\n---\n\n${body}`,
      staleStats,
    );
    const result = await runCli(['check', 'stale', '--content', 'content'], { cwd: dir });
    expect(result.code).toBe(0);
    // berths (2019: end of 2019 + 5 years < 2026-06-01) is stale; cranes (2024-03) is not;
    // quays is older still but unused (reported as unused, not as stale); allotment (1944)
    // does not age (its own `stale_after: false`) and census (2020) is good for its own 10.
    expect(
      parseReport(result.stderr)
        .filter((message) => message.text.includes('stale-stat'))
        .map(describeMessage),
    ).toEqual([
      "content/stale/stats.yaml:4:3 warning  Stat `berths` is as of 2019, more than 5 year(s) before the brief's date (2026-06-01): look for a newer figure, or raise stale_after  stale-stat",
    ]);
  });

  it('build warns as check does, with `staleAfter` from the config', async () => {
    await writeFile(join(dir, 'briefkit.config.json'), '{ "staleAfter": 2 }\n');
    try {
      // The PowerPoint deck alone: no browser needed to see the build's messages.
      const result = await runCli(
        ['build', 'stale', '--content', 'content', '--out', 'stale-out', '--format', 'pptx'],
        { cwd: dir, env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } },
      );
      expect(result.code, result.stderr).toBe(0);
      const stale = parseReport(result.stderr).filter((message) =>
        message.text.includes('stale-stat'),
      );
      expect(stale.map((message) => message.line)).toEqual([4, 5]);
      expect(existsSync(join(dir, 'stale-out', 'stale', 'deck.pptx'))).toBe(true);
    } finally {
      await rm(join(dir, 'briefkit.config.json'));
    }
  });

  it('warns about a charted series the same way, and about the series beside a shown stat', async () => {
    const seriesStats = `sources:
  almanac: { publisher: Harbour Almanac Office, title: Tide tables, url: https://example.org/tides }
stats:
  ferries: { label: Ferries, value: 6, as_of: 2025, source: almanac, featured: true, series: ferry-trend }
series:
  tonnage: { label: Tonnage, as_of: 2018, source: almanac, data: { Bulk: 4, Containers: 6 } }
  ferry-trend: { label: Ferries by year, as_of: 2017, source: almanac, data: { '2016': 5, '2017': 6 } }
  treaty-shares: { label: Treaty shares, as_of: 1944, source: almanac, stale_after: false, data: { A: 1, B: 2 } }
  spare: { label: Spare, as_of: 2001, source: almanac, data: { A: 1 } }
`;
    await writeBrief(
      'stale-series',
      '---\ntitle: "Stale series"\ndate: 2026-06-01\nstale_after: 5\n---\n\n## Port\n\n' +
        '::chart{series=tonnage type=bar}\n\n::chart{series=treaty-shares type=bar}\n',
      seriesStats,
    );
    const result = await runCli(['check', 'stale-series', '--content', 'content'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    // tonnage (charted, 2018) and ferry-trend (beside the featured ferries, 2017) are stale;
    // ferries (2025) is not, treaty-shares does not age, and spare is charted nowhere.
    expect(
      parseReport(result.stderr)
        .filter((message) => message.text.includes('stale-stat'))
        .map(describeMessage),
    ).toEqual([
      "content/stale-series/stats.yaml:6:3 warning  Series `tonnage` is as of 2018, more than 5 year(s) before the brief's date (2026-06-01): look for a newer figure, or raise stale_after  stale-stat",
      "content/stale-series/stats.yaml:7:3 warning  Series `ferry-trend` is as of 2017, more than 5 year(s) before the brief's date (2026-06-01): look for a newer figure, or raise stale_after  stale-stat",
    ]);
  });

  it('takes `staleAfter` from the config over the front matter', async () => {
    await writeFile(join(dir, 'briefkit.config.json'), '{ "staleAfter": 2 }\n');
    try {
      const result = await runCli(['check', 'stale', '--content', 'content'], { cwd: dir });
      const stale = parseReport(result.stderr).filter((message) =>
        message.text.includes('stale-stat'),
      );
      expect(stale.map((message) => message.line)).toEqual([4, 5]);
      expect(stale[1]?.text).toContain('Stat `cranes` is as of 2024-03, more than 2 year(s)');
      // The stats' own `stale_after` wins over the config's too.
      expect(result.stderr).not.toContain('`allotment`');
      expect(result.stderr).not.toContain('`census`');
    } finally {
      await rm(join(dir, 'briefkit.config.json'));
    }
  });
});
