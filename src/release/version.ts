import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { error } from '../errors.js';
import { sourceDateEpoch } from '../source-date.js';

const run = promisify(execFile);

/**
 * A version label goes into footers, the release manifest and log lines, and comes from a tag
 * name that anyone who can push a tag controls: letters, digits and `.`, `_`, `+`, `-` only.
 */
const labelPattern = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export function checkLabel(label: string, origin: string): string {
  if (labelPattern.test(label)) return label;
  const unsafe = [...new Set(label.replace(/[A-Za-z0-9._+-]/g, ''))]
    .map((char) =>
      char === ' '
        ? 'space'
        : char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127
          ? 'control character'
          : `\`${char}\``,
    )
    .join(', ');
  const problem =
    label.length === 0
      ? 'is empty'
      : label.length > 64
        ? 'is longer than 64 characters'
        : unsafe
          ? `has unsafe characters (${unsafe})`
          : 'must start with a letter or digit';
  return error(
    'USAGE',
    `Version label ${JSON.stringify(label)} (from ${origin}) ${problem}: use letters, digits, dots, hyphens, underscores and plus signs, such as v1.2.3`,
  );
}

export interface VersionSource {
  /** `--version` on the command line. */
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** `--version`, else the tag CI builds (GITHUB_REF_NAME on a tag), else `v` + package.json's version. */
export function versionLabel(source: VersionSource): string {
  if (source.flag !== undefined) return checkLabel(source.flag, '--version');
  const { GITHUB_REF_TYPE, GITHUB_REF_NAME } = source.env;
  if (GITHUB_REF_TYPE === 'tag' && GITHUB_REF_NAME) return checkLabel(GITHUB_REF_NAME, 'the tag');
  const packageFile = join(source.cwd, 'package.json');
  if (existsSync(packageFile)) {
    const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version?: unknown };
    if (typeof version === 'string' && version)
      return checkLabel(/^\d/.test(version) ? `v${version}` : version, 'package.json');
  }
  return error(
    'USAGE',
    'No version label: pass --version v1.2.3, run on a tag in CI, or add a version to package.json',
  );
}

/**
 * The release's date: SOURCE_DATE_EPOCH when set, else the time of the commit being released
 * (`git log -1 --format=%ct`, the tagged commit in CI). Never the clock.
 */
export async function releaseEpoch(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ epoch: number; origin: string }> {
  const given = sourceDateEpoch(env);
  if (given !== undefined) return { epoch: given, origin: 'SOURCE_DATE_EPOCH' };
  const commit = await run('git', ['log', '-1', '--format=%ct'], { cwd })
    .then(({ stdout }) => stdout.trim())
    .catch(() => '');
  if (!/^\d+$/.test(commit)) {
    error(
      'USAGE',
      'Cannot date the release: this is not a git checkout with a commit. Run it in the repository, or set SOURCE_DATE_EPOCH',
    );
  }
  return { epoch: Number(commit), origin: 'the last commit' };
}

/** Files git sees as changed or new (ignored ones aside); undefined outside a git checkout. */
export async function uncommitted(cwd: string): Promise<string[] | undefined> {
  return run('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd })
    .then(({ stdout }) =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(3)),
    )
    .catch(() => undefined);
}

/** `v1.2.3 · 2026-01-01`: the footer stamp of released documents. */
export function stampText(label: string, epoch: number): string {
  return `${label} · ${new Date(epoch * 1000).toISOString().slice(0, 10)}`;
}
