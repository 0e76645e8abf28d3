/**
 * The build engine: what the cache rebuilds and what it keeps, shards, batches. Every step runs
 * the real CLI on a small content folder made here, and reads back what it wrote.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJobs } from '../src/build/plan.js';
import { selectShard } from '../src/build/shard.js';
import {
  makeTempDir,
  normalizeSpace,
  pdfText,
  png,
  removeDir,
  repoRoot,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

interface Manifest {
  files: { path: string; bytes: number; pages: number; sha256: string; key: string }[];
}

const statsYaml = (value: number) => `sources:
  harbor:
    publisher: Harbor Port Authority
    title: Annual Cargo Report
    url: https://example.org/cargo
stats:
  cargo:
    label: Cargo handled, 2025
    value: ${value}
    format: number-compact
    unit: tonnes
    source: harbor
    featured: true
`;

const briefMd = (title: string, extra = '') => `---
title: ${title}
date: 2026-01-05
---

:::summary
The port handled :stat[cargo] last year.
:::

## Cargo

Volumes grew again. ![The quay at dawn](assets/quay.png)

::key-figure{stat=cargo}

:::notes
Say that volumes grew.
:::
${extra}`;

async function writeBrief(
  content: string,
  id: string,
  title: string,
  value: number,
): Promise<void> {
  await mkdir(join(content, id, 'assets'), { recursive: true });
  await writeFile(join(content, id, 'brief.md'), briefMd(title));
  await writeFile(join(content, id, 'stats.yaml'), statsYaml(value));
  await writeFile(join(content, id, 'assets', 'quay.png'), png(8, 8, [20, 60, 110]));
}

/** `wrote`-style outcome of a build: which outputs it wrote, how many it kept. */
interface Outcome {
  result: CliResult;
  written: string[];
  unchanged: number;
  launched: boolean;
}

describe('cache: an output is rebuilt when, and only when, what shapes it changes', () => {
  let dir: string | undefined;
  let content: string;
  let out: string;
  let templates: string;

  const build = async (env: Record<string, string> = {}): Promise<Outcome> => {
    const before = await readManifest(out);
    const result = await runCli(['build', '--content', content, '--out', out], {
      cwd: dir ?? repoRoot,
      env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch), DEBUG: 'briefkit:print', ...env },
    });
    expect(result.code, result.stderr).toBe(0);
    const after = await readManifest(out);
    const written = after.files
      .filter((file) => before.files.find((old) => old.path === file.path)?.key !== file.key)
      .map((file) => file.path)
      .sort();
    const unchanged = Number(/(\d+) unchanged/.exec(result.stderr)?.[1] ?? Number.NaN);
    return { result, written, unchanged, launched: /launching /.test(result.stderr) };
  };

  const readManifest = async (folder: string): Promise<Manifest> =>
    existsSync(join(folder, 'manifest.json'))
      ? (JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Manifest)
      : { files: [] };

  const all = (id: string) => [
    `${id}/brief.html`,
    `${id}/brief.pdf`,
    `${id}/deck.pdf`,
    `${id}/deck.pptx`,
    `${id}/handout.pdf`,
  ];

  beforeAll(async () => {
    dir = await makeTempDir('engine-cache');
    content = join(dir, 'content');
    out = join(dir, 'out');
    templates = join(dir, 'templates');
    await writeBrief(content, 'alpha', 'Alpha harbor', 48.2e6);
    await writeBrief(content, 'beta', 'Beta harbor', 12.5e6);
    await cp(join(repoRoot, 'templates'), templates, { recursive: true });
  });
  afterAll(() => removeDir(dir));

  it('builds everything cold, then nothing when nothing changed, without a browser', async () => {
    const cold = await build();
    expect(cold.written).toEqual([...all('alpha'), ...all('beta')].sort());
    expect(cold.launched).toBe(true);

    const again = await build();
    expect(again.written).toEqual([]);
    expect(again.unchanged).toBe(10);
    expect(again.launched).toBe(false);
    expect(again.result.stderr).toContain('(nothing to print)');
  });

  it('rebuilds one brief’s outputs after its stat changes, and keeps the other brief’s', async () => {
    await writeFile(join(content, 'alpha', 'stats.yaml'), statsYaml(51.7e6));
    const edited = await build();
    expect(edited.written).toEqual(all('alpha'));
    expect(edited.unchanged).toBe(5);
    const text = normalizeSpace(
      (await pdfText(await readFile(join(out, 'alpha', 'brief.pdf')))).join(' '),
    );
    expect(text).toContain('51.7 million tonnes');
  });

  it('rebuilds a brief after one of its assets changes', async () => {
    await writeFile(join(content, 'beta', 'assets', 'quay.png'), png(8, 8, [200, 90, 40]));
    expect((await build()).written).toEqual(all('beta'));
  });

  it('rebuilds a brief whose output file was damaged, even though its inputs did not change', async () => {
    await writeFile(join(out, 'alpha', 'deck.pdf'), '%PDF-1.7 truncated');
    expect((await build()).written).toEqual([]);
    expect((await readFile(join(out, 'alpha', 'deck.pdf'))).subarray(0, 5).toString()).toBe(
      '%PDF-',
    );
    expect((await readFile(join(out, 'alpha', 'deck.pdf'))).length).toBeGreaterThan(1000);
  });

  it('treats an identical copy of the templates as the same templates', async () => {
    const copy = await build({ BRIEFKIT_TEMPLATES: templates });
    expect(copy.written).toEqual([]);
    expect(copy.launched).toBe(false);
  });

  it('rebuilds decks and handouts, not briefs, after the deck’s stylesheet changes', async () => {
    const css = join(templates, 'deck.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n.slide h1 { letter-spacing: 0.01em; }\n`);
    const edited = await build({ BRIEFKIT_TEMPLATES: templates });
    expect(edited.written).toEqual([
      'alpha/deck.pdf',
      'alpha/handout.pdf',
      'beta/deck.pdf',
      'beta/handout.pdf',
    ]);
    // The briefs, web editions and PowerPoint decks: deck.css does not shape them.
    expect(edited.unchanged).toBe(6);
  });

  it('rebuilds only briefs after the brief template changes', async () => {
    const hbs = join(templates, 'brief.hbs');
    await writeFile(hbs, (await readFile(hbs, 'utf8')).replace('<main>', '<main class="edited">'));
    const edited = await build({ BRIEFKIT_TEMPLATES: templates });
    expect(edited.written).toEqual([
      'alpha/brief.html',
      'alpha/brief.pdf',
      'beta/brief.html',
      'beta/brief.pdf',
    ]);
  });
});

describe('cache keys and links', () => {
  it('change when a link in the brief\u2019s folder is pointed at another file', async () => {
    const dir = await makeTempDir('cache-links');
    try {
      const content = join(dir, 'content');
      await writeBrief(content, 'linked', 'Linked', 1);
      const assets = join(content, 'linked', 'assets');
      await writeFile(join(assets, 'dawn.png'), png(8, 8, [200, 60, 10]));
      await writeFile(join(assets, 'dusk.png'), png(8, 8, [10, 60, 200]));
      await rm(join(assets, 'quay.png'));
      await symlink('dawn.png', join(assets, 'quay.png'));
      const keyOf = async () =>
        (await planJobs({ contentDir: content, formats: ['brief'] }))[0]?.keys.get('brief');
      const before = await keyOf();
      expect(await keyOf()).toBe(before);
      await rm(join(assets, 'quay.png'));
      await symlink('dusk.png', join(assets, 'quay.png'));
      expect(await keyOf()).not.toBe(before);
    } finally {
      await removeDir(dir);
    }
  });
});

describe('batches and shards', () => {
  let dir: string | undefined;
  let content: string;
  const rows = [
    ['harbor-board', 'Harbor Board', 'Valparaíso', '2027-01-14'],
    ['city-council', 'City Council', 'Antofagasta', '2027-01-21'],
    ['port-workers', 'Port Workers’ Union', 'San Antonio', '2027-02-04'],
    ['shipping-lines', 'Shipping Lines Forum', 'Iquique', '2027-02-18'],
    ['customs-office', 'Customs Office', 'Arica', '2027-03-04'],
  ];

  beforeAll(async () => {
    dir = await makeTempDir('engine-batch');
    content = join(dir, 'content');
    await writeBrief(content, 'solo', 'Solo harbor', 9.1e6);
    await mkdir(join(content, 'packs', 'assets'), { recursive: true });
    await writeFile(join(content, 'packs', 'stats.yaml'), statsYaml(48.2e6));
    await writeFile(join(content, 'packs', 'assets', 'quay.png'), png(8, 8, [20, 60, 110]));
    await writeFile(
      join(content, 'packs', 'people.csv'),
      ['id,name,city,meeting', ...rows.map((row) => row.join(','))].join('\n'),
    );
    await writeFile(
      join(content, 'packs', 'brief.md'),
      briefMd(
        'Harbor pack',
        '\nPrepared for :field[name], meeting in :field[city] on :field[meeting].\n',
      ).replace(
        'date: 2026-01-05',
        'date: 2026-01-05\noutputs: [brief]\nbatch: { data: people.csv, key: id, label: name }',
      ),
    );
  });
  afterAll(() => removeDir(dir));

  it('plans one job per row, and shards that are disjoint and cover every job', async () => {
    const jobs = await planJobs({ contentDir: content });
    const ids = jobs.map((job) => job.id);
    expect(ids).toEqual([...rows.map((row) => `packs/${row[0]}`), 'solo'].sort());
    for (const count of [1, 2, 3, 4, 7]) {
      const shards = Array.from({ length: count }, (_, index) =>
        selectShard(ids, { index: index + 1, count }),
      );
      expect(shards.flat().sort()).toEqual([...ids].sort());
      expect(new Set(shards.flat()).size).toBe(ids.length);
      // Shares differ by at most one job.
      const sizes = shards.map((shard) => shard.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('builds one set of outputs per row, each with its row’s fields', async () => {
    const out = join(dir ?? '', 'out-batch');
    const result = await runCli(['build', 'packs', '--content', content, '--out', out], {
      env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
    });
    expect(result.code, result.stderr).toBe(0);
    for (const [key, name, city] of rows) {
      const text = normalizeSpace(
        (await pdfText(await readFile(join(out, 'packs', key ?? '', 'brief.pdf')))).join(' '),
      );
      expect(text).toContain(`Prepared for ${name}`);
      expect(text).toContain(`meeting in ${city}`);
    }
    // ISO dates in a row are written out in the brief's language.
    const first = normalizeSpace(
      (await pdfText(await readFile(join(out, 'packs', 'harbor-board', 'brief.pdf')))).join(' '),
    );
    expect(first).toContain('on January 14, 2027');
  });

  it('splits a build across shards whose manifests merge into one', async () => {
    const out = join(dir ?? '', 'out-shards');
    const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
    for (const shard of ['1/2', '2/2']) {
      const result = await runCli(
        ['build', '--content', content, '--out', out, '--format', 'brief', '--shard', shard],
        { env },
      );
      expect(result.code, result.stderr).toBe(0);
    }
    const first = JSON.parse(
      await readFile(join(out, 'manifest.shard-1-of-2.json'), 'utf8'),
    ) as Manifest;
    const second = JSON.parse(
      await readFile(join(out, 'manifest.shard-2-of-2.json'), 'utf8'),
    ) as Manifest;
    const paths = (manifest: Manifest) => manifest.files.map((file) => file.path);
    expect(paths(first).filter((path) => paths(second).includes(path))).toEqual([]);
    expect(paths(first).length + paths(second).length).toBe(rows.length + 1);

    const merged = await runCli(['merge-manifests', '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(paths(manifest).sort()).toEqual([...paths(first), ...paths(second)].sort());
  });

  it('gives the same bytes for a row printed on its own as for one printed after another row', async () => {
    // One job per shard: every row is printed in a fresh page, never swapped into a loaded one.
    const out = join(dir ?? '', 'out-alone');
    const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
    const count = rows.length + 1;
    for (let index = 1; index <= count; index++) {
      const result = await runCli(
        ['build', '--content', content, '--out', out, '--shard', `${index}/${count}`],
        { env },
      );
      expect(result.code, result.stderr).toBe(0);
    }
    for (const [key] of rows) {
      const alone = await readFile(join(out, 'packs', key ?? '', 'brief.pdf'));
      const inBatch = await readFile(join(dir ?? '', 'out-batch', 'packs', key ?? '', 'brief.pdf'));
      expect(Buffer.compare(alone, inBatch), key).toBe(0);
    }
  });

  it('rejects a malformed shard and an unknown batch column with clear messages', async () => {
    const badShard = await runCli([
      'build',
      '--content',
      content,
      '--out',
      join(dir ?? '', 'x'),
      '--shard',
      '3/2',
    ]);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toContain('--shard takes i/n with 1 ≤ i ≤ n');

    const brief = join(content, 'packs', 'brief.md');
    const text = await readFile(brief, 'utf8');
    await writeFile(brief, text.replace(':field[city]', ':field[town]'));
    const unknown = await runCli(['check', 'packs', '--content', content]);
    await writeFile(brief, text);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /packs\/brief\.md:\d+:\d+ {2}error {2}Unknown batch column `town`/,
    );
  });
});
