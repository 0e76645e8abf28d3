// Parse time of hostile Markdown (scripts/hostile-markdown.js) per character at 4× the size over
// that at the size, for every valid kind: linear ≈ 1, quadratic ≈ 4. Measured in this process
// (load + parse, as `check`). Run by `npm run bench`, or alone: `node scripts/hostile-scaling.js`.
//
//   BENCH_HOSTILE=25000,100000  the two sizes, in characters
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accepted, hostileBrief, hostileStats } from './hostile-markdown.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stdout.write(`${line}\n`);
say('');
// Linear ≈ 1, quadratic ≈ 4; measured in this process (load + parse, as `check`).
const { loadBrief } = await import(join(root, 'dist', 'load', 'load-brief.js'));
const { parseBrief } = await import(join(root, 'dist', 'parse', 'parse-brief.js'));
const hostile = await mkdtemp(join(tmpdir(), 'briefkit-hostile-'));
let hostileCount = 0;
const parseMs = async (body) => {
  const id = `case-${hostileCount++}`;
  await mkdir(join(hostile, id), { recursive: true });
  await writeFile(join(hostile, id, 'brief.md'), hostileBrief(body));
  await writeFile(join(hostile, id, 'stats.yaml'), hostileStats);
  const started = performance.now();
  const loaded = await loadBrief(hostile, id, hostile);
  if (loaded.ok) await parseBrief(loaded);
  return performance.now() - started;
};
await parseMs(accepted.paragraphs(20_000));
const [smallSize, largeSize] = (process.env.BENCH_HOSTILE ?? '25000,100000').split(',').map(Number);
say(
  `hostile Markdown, ${smallSize} and ${largeSize} characters   ms        ms      growth (1 linear, 4 quadratic)`,
);
let worst = 0;
for (const [kind, make] of Object.entries(accepted)) {
  const [small, large] = [make(smallSize), make(largeSize)];
  const a = Math.min(await parseMs(small), await parseMs(small));
  const b = Math.min(await parseMs(large), await parseMs(large));
  const ratio = b / large.length / (a / small.length);
  worst = Math.max(worst, ratio);
  say(
    `${kind.padEnd(40)}${a.toFixed(0).padStart(6)}${b.toFixed(0).padStart(10)}${ratio.toFixed(2).padStart(10)}`,
  );
}
say(`largest growth: ${worst.toFixed(2)} (target < 2): ${worst < 2 ? 'met' : 'MISSED'}`);
await rm(hostile, { recursive: true, force: true });
