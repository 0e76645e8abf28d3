/**
 * markdown-it's `==marked==` and `++inserted++` (also Obsidian's and Typora's) print as
 * highlighted and inserted text, never with their signs; comparisons, `C++` and code stay as
 * written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTempDir, removeDir, runCli } from './helpers.js';

const notes = [
  '---',
  'title: Release notes',
  'date: 2026-05-01',
  '---',
  '',
  '## Changes',
  '',
  'The ==new gauge readings== come first, and ++two districts++ joined; ==A== is marked too.',
  '',
  'Unchanged: if a == b, the C++ and C++ parsers, x++ + ++y, and `==literal==` in code.',
  '',
].join('\n');

let dir: string;
let html: string;

beforeAll(async () => {
  dir = await makeTempDir('marks');
  await writeFile(join(dir, 'notes.md'), notes);
  const built = await runCli(['build', 'notes.md', '--format', 'web'], { cwd: dir });
  expect(built.code).toBe(0);
  html = await readFile(join(dir, 'output', 'notes', 'brief.html'), 'utf8');
});

afterAll(async () => {
  await removeDir(dir);
});

it('prints ==marked== and ++inserted++ text as <mark> and <ins>, signs dropped', () => {
  expect(html).toContain(
    '<p>The <mark>new gauge readings</mark> come first, and <ins>two districts</ins> joined; <mark>A</mark> is marked too.</p>',
  );
});

it('leaves comparisons, C++, increments and code as written', () => {
  expect(html).toContain(
    '<p>Unchanged: if a == b, the C++ and C++ parsers, x++ + ++y, and <code>==literal==</code> in code.</p>',
  );
});
