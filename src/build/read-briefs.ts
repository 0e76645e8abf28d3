import type { VFile } from 'vfile';
import { selectSources } from '../load/discover.js';
import { loadBrief, type LoadedBrief } from '../load/load-brief.js';
import type { Limits } from '../load/limits.js';
import type { Brief } from '../model/brief.js';
import { buildModel } from '../model/build-model.js';
import { warnStaleStats } from '../parse/check-stale.js';
import { parseBrief } from '../parse/parse-brief.js';
import { interruptible } from '../signals.js';

export interface SourceOptions {
  contentDir: string;
  /** Brief ids to take; all of `contentDir` when empty. */
  ids?: readonly string[] | undefined;
  /** One Markdown file to read instead of the content folder. */
  file?: string | undefined;
  cwd?: string | undefined;
  /** Bounds on input (config `limits`); briefkit's defaults when not given. */
  limits?: Limits | undefined;
  /** Untracked figures and links that go nowhere are errors (`check --strict`, config `strict`). */
  strict?: boolean | undefined;
  /** Years after which a stat's `as_of` is stale (config `staleAfter`, over front matter). */
  staleAfter?: number | undefined;
}

export interface ReadResult {
  briefs: Brief[];
  /** What each valid brief was built from, with what parse recorded (for the sources ledger). */
  loaded: LoadedBrief[];
  /** Each brief's Markdown file, for messages found later (slide overflow). */
  markdown: ReadonlyMap<string, VFile>;
  /** Every file read, with its messages (errors are `fatal`). */
  files: VFile[];
  ok: boolean;
}

/** Warnings that `--strict` (config `strict`) makes errors. */
const strictRules = new Set(['untracked-number', 'link-target']);

/** load → parse → model for every selected brief. No browser, no writes: `check` is just this. */
export async function readBriefs(options: SourceOptions): Promise<ReadResult> {
  const sources = await selectSources(options);
  const ids = sources.map((source) => source.id);

  // Seconds of synchronous parsing for a large brief: Ctrl-C must not wait for them.
  const results = await Promise.all(
    sources.map((source) =>
      interruptible(async () => {
        const loaded = await loadBrief(
          options.contentDir,
          source.id,
          options.cwd,
          source.markdown,
          options.limits,
        );
        // Markdown is only parsed once its data is valid: stat lookups need the stats.
        const files = [loaded.markdown, loaded.statsFile, ...loaded.dataFiles];
        if (!loaded.ok) return { files, brief: undefined, loaded };
        const tree = await parseBrief(loaded);
        warnStaleStats(loaded, options.staleAfter);
        if (options.strict) {
          for (const message of loaded.markdown.messages) {
            if (strictRules.has(message.ruleId ?? '')) message.fatal = true;
          }
        }
        const ok = !loaded.markdown.messages.some((message) => message.fatal);
        return {
          files,
          brief: ok ? buildModel(loaded, tree) : undefined,
          loaded,
        };
      }),
    ),
  );
  const briefs = results.flatMap((result) => (result.brief ? [result.brief] : []));
  return {
    briefs,
    loaded: results.flatMap((result) => (result.brief ? [result.loaded] : [])),
    markdown: new Map(ids.map((id, index) => [id, results[index]?.files[0] as VFile])),
    files: results.flatMap((result) => result.files),
    ok: briefs.length === ids.length,
  };
}
