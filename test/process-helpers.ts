/**
 * Builds run in the background and the processes they leave, read from /proc: what the
 * lifecycle and fault tests use to find exactly the browser a build started.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliPath, repoRoot, sourceDateEpoch } from './helpers.js';

export interface RunningBuild {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  stderr: () => string;
}

/**
 * Runs the CLI in the background with its own TMPDIR: the browser's profile folder lives there,
 * so the browser's command line names it and the browser can be found by it.
 */
export function startCli(args: readonly string[], tmp: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      TMPDIR: tmp,
      SOURCE_DATE_EPOCH: String(sourceDateEpoch),
      FORCE_COLOR: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done, stderr: () => stderr } satisfies RunningBuild;
}

export interface ProcessInfo {
  pid: number;
  pgid: number;
  state: string;
  command: string;
}

/** Every process of the machine, zombies (already dead, not yet reaped) left out. */
export function livingProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0] ?? '';
      if (state === 'Z' || state === 'X') continue;
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      found.push({ pid: Number(name), pgid: Number(fields[2]), state, command });
    } catch {
      // Gone while being read.
    }
  }
  return found;
}

/** The process groups of the browsers whose command line names `marker` (a build's TMPDIR). */
export function browserGroups(marker: string): Set<number> {
  return new Set(
    livingProcesses()
      .filter((process) => process.command.includes(marker) && /chrom/i.test(process.command))
      .map((process) => process.pgid),
  );
}

/** Processes still alive in those groups, or naming `marker`: a browser left behind. */
export function leftBehind(groups: ReadonlySet<number>, marker: string): ProcessInfo[] {
  return livingProcesses().filter(
    (process) =>
      process.pid !== globalThis.process.pid &&
      (groups.has(process.pgid) ||
        (process.command.includes(marker) && /chrom/i.test(process.command))),
  );
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  limit = 60_000,
  what = 'a condition',
): Promise<void> {
  const until = Date.now() + limit;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits up to `limit` ms for every process of `groups` to go; returns those still there, after
 * killing them so that a failing test leaves nothing running either.
 */
export async function survivors(
  groups: ReadonlySet<number>,
  marker: string,
  limit = 5_000,
): Promise<ProcessInfo[]> {
  await waitFor(() => leftBehind(groups, marker).length === 0, limit).catch(() => undefined);
  const left = leftBehind(groups, marker);
  for (const group of new Set(left.map((process) => process.pgid))) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return left;
}

/** A batch brief: `rows` documents of brief and deck each, small enough to print fast. */
export async function makeBatchContent(dir: string, rows: number): Promise<string> {
  const content = join(dir, 'content');
  await mkdir(join(content, 'packs'), { recursive: true });
  await writeFile(
    join(content, 'packs', 'rows.csv'),
    [
      'id,name',
      ...Array.from({ length: rows }, (_, index) => `row-${index + 1},Team ${index + 1}`),
    ].join('\n'),
  );
  await writeFile(
    join(content, 'packs', 'brief.md'),
    `---
title: Lifecycle pack
date: 2026-01-05
outputs: [brief, deck]
batch: { data: rows.csv, key: id, label: name }
---

## The one section

Made for :field[name], in a build that may be stopped at any moment.
`,
  );
  return content;
}
