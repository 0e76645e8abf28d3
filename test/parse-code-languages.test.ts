/**
 * Fences naming a language briefkit has no grammar for, or a diagram language: one message per
 * language for the document (its first block, the count), never one per block.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, parseReport, removeDir, runCli, type CliResult } from './helpers.js';

// Lab notes as another tool's users write them: pseudo-code, a config dialect, two diagrams.
const notes = [
  '---', // 1
  'title: Pump station notes',
  'date: 2026-02-10',
  '---',
  '',
  'The controller loop, in the vendor language:', // 6
  '',
  '```plc', // 8
  'IF level > high THEN pump := ON;',
  '```',
  '',
  'The alarm rule:', // 12
  '',
  '```PLC', // 14
  'IF level > overflow THEN alarm := ON;',
  '```',
  '',
  '```rules', // 18
  'when pressure drops: page the operator',
  '```',
  '',
  '```mermaid', // 22
  'graph LR; well --> tank',
  '```',
  '',
  '```mermaid', // 26
  'graph LR; tank --> town',
  '```',
  '',
  '```python', // 30
  'print("highlighted: no message")',
  '```',
  '',
].join('\n');

let dir: string;
let checked: CliResult;

beforeAll(async () => {
  dir = await makeTempDir('code-languages');
  await writeFile(join(dir, 'notes.md'), notes);
  checked = await runCli(['check', 'notes.md'], { cwd: dir });
});

afterAll(async () => {
  await removeDir(dir);
});

describe('code fences in languages briefkit cannot highlight', () => {
  it('give one warning per language, at its first block, with the count', () => {
    const code = parseReport(checked.stderr).filter((message) =>
      message.text.includes('code-language'),
    );
    expect(code.map((message) => [message.line, message.column])).toEqual([
      [8, 1],
      [18, 1],
    ]);
    expect(code[0]?.text).toMatch(
      /^warning {2}`plc`: 2 code blocks \(the first here\) printed as written/,
    );
    expect(code[1]?.text).toMatch(/^warning {2}`rules`: a code block printed as written/);
    expect(checked.stderr).not.toContain('missing-language');
  });

  it('say once per diagram language that diagrams print as source, as an info line', () => {
    const diagrams = parseReport(checked.stderr).filter((message) =>
      message.text.includes('diagram-source'),
    );
    expect(diagrams.map((message) => message.line)).toEqual([22]);
    expect(diagrams[0]?.text).toMatch(/^info {2}`mermaid` diagrams \(2, the first here\)/);
    expect(checked.code).toBe(0);
  });
});
