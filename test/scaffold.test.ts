/**
 * `briefkit new <id>`: a brief with every directive and one sourced stat that checks clean and
 * builds at once (real browser), and refusals for ids that exist or are unsafe.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { unsafeIdReason } from '../src/scaffold/new-brief.js';
import {
  listFiles,
  makeTempDir,
  normalizeSpace,
  pdfText,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

describe('new → check → build', () => {
  let dir: string;
  let created: CliResult;
  let checked: CliResult;
  let built: CliResult;
  let markdown: string;

  beforeAll(async () => {
    dir = await makeTempDir('new');
    created = await runCli(
      ['new', 'water-security', '--title', 'Water Security in the Rio Grande Basin'],
      { cwd: dir },
    );
    markdown = await readFile(join(dir, 'content', 'water-security', 'brief.md'), 'utf8');
    checked = await runCli(['check'], { cwd: dir });
    built = await runCli(['build'], {
      cwd: dir,
      env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
    });
  });

  afterAll(async () => {
    await removeDir(dir);
  });

  it('creates brief.md and stats.yaml under content/<id>/ and says what to do next', async () => {
    expect(created.code, created.stderr).toBe(0);
    expect(await listFiles(join(dir, 'content'))).toEqual([
      'water-security/brief.md',
      'water-security/stats.yaml',
    ]);
    expect(created.stderr).toContain('created content/water-security/brief.md');
    expect(created.stderr).toContain('briefkit preview water-security');
  });

  it('writes front matter and every directive', () => {
    const front = parseYaml(/^---\n([\s\S]*?)\n---/.exec(markdown)?.[1] ?? '') as Record<
      string,
      unknown
    >;
    expect(front.title).toBe('Water Security in the Rio Grande Basin');
    expect(front.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const directive of [
      ':::summary',
      ':::slide',
      ':::notes',
      ':::recommendations',
      '::key-figure{stat=example-figure}',
      ':stat[example-figure]',
    ])
      expect(markdown).toContain(directive);
    expect(markdown).toMatch(/^## /m);
  });

  it('writes a stats file with one sourced stat', async () => {
    const stats = parseYaml(
      await readFile(join(dir, 'content', 'water-security', 'stats.yaml'), 'utf8'),
    ) as {
      sources: Record<string, { url: string }>;
      stats: Record<string, { source: string }>;
    };
    const entries = Object.entries(stats.stats);
    expect(entries).toHaveLength(1);
    const [, stat] = entries[0]!;
    expect(stats.sources[stat.source]?.url).toMatch(/^https:\/\//);
  });

  it('checks clean: no errors, no warnings', () => {
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr.trim()).toBe('1 brief(s) checked');
  });

  it('builds at once: brief, deck and handout, titled as asked', async () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).not.toMatch(/warning|error/i);
    for (const kind of ['brief', 'deck', 'handout']) {
      const bytes = new Uint8Array(
        await readFile(join(dir, 'output', 'water-security', `${kind}.pdf`)),
      );
      const text = normalizeSpace((await pdfText(bytes)).join('\n'));
      if (kind !== 'handout')
        expect(text, kind).toContain('Water Security in the Rio Grande Basin');
    }
    const deck = await pdfText(
      new Uint8Array(await readFile(join(dir, 'output', 'water-security', 'deck.pdf'))),
    );
    // Title, agenda, section slide, key figure, recommendations, sources.
    expect(deck.length).toBeGreaterThanOrEqual(5);
  });
});

describe('new: refusals', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('new-refusals');
  });

  afterAll(async () => {
    await removeDir(dir);
  });

  it('refuses an id that exists, and leaves its files alone', async () => {
    expect((await runCli(['new', 'harbor'], { cwd: dir })).code).toBe(0);
    const file = join(dir, 'content', 'harbor', 'brief.md');
    await writeFile(file, 'my own words\n');
    const again = await runCli(['new', 'harbor'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      'briefkit: content/harbor already exists: choose another id, or edit the brief that is there',
    );
    expect(await readFile(file, 'utf8')).toBe('my own words\n');
  });

  it.each([
    ['Water Security', 'water-security'],
    ['../escape', 'escape'],
    ['a/b', 'a-b'],
    ['-leading', 'leading'],
    ['trailing-', 'trailing'],
    ['Ünïcode', 'unicode'],
    ['.hidden', 'hidden'],
  ])('refuses the unsafe id %j, suggesting %j, and creates nothing', async (id, suggestion) => {
    const result = await runCli(['new', '--content', 'unsafe', '--', id], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `\`${id}\` cannot be a brief id: use 1–64 lower-case letters, digits and hyphens`,
    );
    expect(result.stderr).toContain(`(for example \`${suggestion}\`)`);
    expect(existsSync(join(dir, 'unsafe'))).toBe(false);
    expect(existsSync(join(dir, 'escape'))).toBe(false);
  });

  it('accepts plain ids and refuses over-long ones', () => {
    for (const id of ['a', 'mexico-us', 'district-07', '2026-budget'])
      expect(unsafeIdReason(id)).toBeUndefined();
    expect(unsafeIdReason('x'.repeat(64))).toBeUndefined();
    expect(unsafeIdReason('x'.repeat(65))).toBeDefined();
  });

  it('takes the folder, organization and paper from the config', async () => {
    const root = join(dir, 'configured');
    await mkdir(root);
    await writeFile(
      join(root, 'briefkit.config.json'),
      JSON.stringify({
        content: 'briefs',
        paper: 'a4',
        brand: { organization: 'Harbor Institute' },
      }),
    );
    const result = await runCli(['new', 'tides'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const front = parseYaml(
      /^---\n([\s\S]*?)\n---/.exec(
        await readFile(join(root, 'briefs', 'tides', 'brief.md'), 'utf8'),
      )?.[1] ?? '',
    ) as Record<string, unknown>;
    expect(front).toMatchObject({ title: 'Tides', organization: 'Harbor Institute', paper: 'a4' });
  });

  it('refuses a date that is not an ISO date', async () => {
    const result = await runCli(['new', 'dated', '--date', '25/11/2026'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--date must be an ISO date (YYYY-MM-DD), not `25/11/2026`');
    expect(existsSync(join(dir, 'content', 'dated'))).toBe(false);
  });
});
