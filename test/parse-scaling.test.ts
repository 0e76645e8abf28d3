/**
 * Hostile Markdown (scripts/hostile-markdown.js) parsed as `check` parses it, in this process.
 * Each valid kind is read and parsed at two sizes, and the time per character at four times the
 * size is compared with the time at the smaller one: linear work keeps the ratio near 1, work
 * that grows with the square of the input makes it 4. A ratio, not a time, so a slow or busy
 * machine shifts both sizes alike. Each kind that crosses a limit is refused at its place.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, bounded, hostileBrief, hostileStats } from '../scripts/hostile-markdown.js';
import { loadBrief } from '../src/load/load-brief.js';
import { parseBrief } from '../src/parse/parse-brief.js';
import { makeTempDir, removeDir } from './helpers.js';

let dir: string;
let count = 0;

beforeAll(async () => {
  dir = await makeTempDir('parse-scaling');
  await read(accepted.paragraphs?.(20_000) ?? ''); // modules loaded and compiled before timing
});

afterAll(async () => {
  await removeDir(dir);
});

/** Loads and parses a brief around `body`; its errors, and the milliseconds it took. */
async function read(body: string): Promise<{ ms: number; errors: string[] }> {
  const id = `case-${count++}`;
  await mkdir(join(dir, id), { recursive: true });
  await writeFile(join(dir, id, 'brief.md'), hostileBrief(body));
  await writeFile(join(dir, id, 'stats.yaml'), hostileStats);
  const started = performance.now();
  const loaded = await loadBrief(dir, id, dir);
  if (loaded.ok) await parseBrief(loaded);
  const ms = performance.now() - started;
  const errors = [loaded.markdown, loaded.statsFile]
    .flatMap((file) => file.messages)
    .filter((message) => message.fatal)
    .map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`);
  return { ms, errors };
}

/** Time per character at 4× the size over time per character at the size; the lower of two. */
async function growth(make: (bytes: number) => string): Promise<number> {
  const [small, large] = [make(8_000), make(32_000)];
  const ratios: number[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const a = await read(small);
    const b = await read(large);
    expect([...a.errors, ...b.errors]).toEqual([]);
    ratios.push(b.ms / large.length / (a.ms / small.length));
    // A linear kind is settled at once; a second try guards against a busy moment.
    if (ratios[0] !== undefined && ratios[0] < 2) break;
  }
  return Math.min(...ratios);
}

// The kinds that once grew with the square of their size, and the containers around them
// (`npm run bench` measures every kind of the generator, at larger sizes).
const measured = [
  'list items',
  'lazy quote lines',
  'one paragraph of unclosed links',
  'definitions',
  'footnotes',
  'stat directives',
];

describe('hostile Markdown: work in proportion to size', () => {
  it.each(measured)('%s', async (kind) => {
    const make = accepted[kind];
    if (!make) throw new Error(kind);
    // Linear ≈ 1 (less as fixed costs spread), quadratic ≈ 4.
    expect(await growth(make)).toBeLessThan(2.5);
  });
});

describe('hostile Markdown: refused at the limit it crosses, before the parser', () => {
  const expected: Record<string, RegExp> = {
    'nested list': /^11:201 nesting Nested more than 100 levels/,
    'nested quotes': /^11:201 nesting Nested more than 100 levels/,
    'star underscore bracket line':
      /^11:50001 too-long More than 50000 characters without a blank line: break the text into paragraphs, or raise `limits.paragraph` in the config$/,
    'unclosed emphasis line': /^11:50001 too-long /,
    'unclosed brackets': /^11:50001 too-long /,
    'unclosed HTML': /^11:50001 too-long /,
    'one long paragraph': /^11:50001 too-long /,
    'one long list': /^5011:1 too-long /,
    definitions:
      /^1512:1 too-many More than 500 definitions \(`: text` under a term\): split the glossary, or raise `limits.definitions` in the config$/,
  };
  it.each(Object.keys(bounded))('%s', async (kind) => {
    const { errors } = await read(bounded[kind]?.(900_000) ?? '');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected[kind] ?? /^$/);
  });
});
