import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { VFile } from 'vfile';
import { error } from './errors.js';
import { discoverBriefs, loadBrief } from './load/load-brief.js';
import type { Brief } from './model/brief.js';
import { buildModel } from './model/build-model.js';
import { didYouMean } from './nearest.js';
import { parseBrief } from './parse/parse-brief.js';

export interface SourceOptions {
  contentDir: string;
  /** Brief ids to take; all of `contentDir` when empty. */
  ids?: readonly string[] | undefined;
  cwd?: string;
}

export interface ReadResult {
  briefs: Brief[];
  /** Each brief's Markdown file, for messages found later (slide overflow). */
  markdown: ReadonlyMap<string, VFile>;
  /** Every file read, with its messages (errors are `fatal`). */
  files: VFile[];
  ok: boolean;
}

/** load → parse → model for every selected brief. No browser, no writes: `check` is just this. */
export async function readBriefs(options: SourceOptions): Promise<ReadResult> {
  const available = await discoverBriefs(options.contentDir);
  const ids = options.ids && options.ids.length > 0 ? [...options.ids] : available;
  for (const id of ids) {
    if (!available.includes(id)) {
      error(
        'USAGE',
        `No brief \`${id}\` in ${options.contentDir}/ (a folder with a brief.md)${didYouMean(id, available)}`,
      );
    }
  }
  if (ids.length === 0)
    error('USAGE', `No briefs found in ${options.contentDir}/: create one with a brief.md`);

  const results = await Promise.all(
    ids.map(async (id) => {
      const loaded = await loadBrief(options.contentDir, id, options.cwd);
      // Markdown is only parsed once its data is valid: stat lookups need the stats.
      const files = [loaded.markdown, loaded.statsFile, ...loaded.dataFiles];
      if (!loaded.ok) return { files, brief: undefined };
      const tree = await parseBrief(loaded);
      const ok = !loaded.markdown.messages.some((message) => message.fatal);
      return {
        files,
        brief: ok ? buildModel(loaded, tree) : undefined,
      };
    }),
  );
  const briefs = results.flatMap((result) => (result.brief ? [result.brief] : []));
  return {
    briefs,
    markdown: new Map(ids.map((id, index) => [id, results[index]?.files[0] as VFile])),
    files: results.flatMap((result) => result.files),
    ok: briefs.length === ids.length,
  };
}

const run = promisify(execFile);

/**
 * The date printed into a document's metadata: SOURCE_DATE_EPOCH when set, else the last commit
 * that touched the brief's folder, else the brief's own date. Never the wall clock.
 */
export async function sourceDate(
  brief: Brief,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Date> {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch))
      error('USAGE', `SOURCE_DATE_EPOCH must be whole seconds since 1970, not \`${epoch}\``);
    return new Date(Number(epoch) * 1000);
  }
  const commit = await run('git', ['log', '-1', '--format=%ct', '--', '.'], { cwd: brief.dir })
    .then(({ stdout }) => stdout.trim())
    .catch(() => '');
  if (/^\d+$/.test(commit)) return new Date(Number(commit) * 1000);
  return new Date(`${brief.meta.date}T00:00:00Z`);
}
