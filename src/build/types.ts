import type { VFile } from 'vfile';
import type { DocumentSettings } from '../model/options.js';
import type { HandoutLayout, OutputKind } from '../outputs.js';
import type { ManifestEntry } from './manifest.js';
import type { Job } from './plan.js';
import type { Progress } from './progress.js';
import type { Shard } from './shard.js';

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /** Brief ids to build; all of `contentDir` when empty. */
  ids?: readonly string[] | undefined;
  /** One Markdown file to build instead of the content folder; it is always printed afresh. */
  file?: string | undefined;
  /**
   * The one output's own path (`-o talk.pdf`), instead of `<outputDir>/<id>/<kind>.pdf`; no
   * manifest is written beside it. Only when exactly one output is planned.
   */
  outputFile?: string | undefined;
  cwd?: string;
  /** Outputs to build, overriding each brief's `outputs:`. */
  formats?: readonly OutputKind[] | undefined;
  handout?: HandoutLayout | undefined;
  /** Report slides that do not fit as warnings instead of errors. */
  allowOverflow?: boolean | undefined;
  browserWSEndpoint?: string | undefined;
  /** How many pages print at once; default: the number of cores. */
  concurrency?: number | undefined;
  /** Per-document time limit, in milliseconds. */
  timeout?: number | undefined;
  /** Build only this share of all documents (CI matrices). */
  shard?: Shard | undefined;
  /** Rebuild even what the cache says is unchanged. */
  force?: boolean | undefined;
  /** Untracked figures and links that go nowhere are errors (`--strict`, config `strict`). */
  strict?: boolean | undefined;
  /** Years after which a used stat's `as_of` is stale (config `staleAfter`, over front matter). */
  staleAfter?: number | undefined;
  progress?: Progress | undefined;
  /** Config and command-line values the documents show (paper, brand, release stamp). */
  document?: DocumentSettings | undefined;
  /**
   * The date of every document, in seconds since 1970 (a release's commit); else
   * SOURCE_DATE_EPOCH, the last commit of each brief, or its front-matter date.
   */
  epoch?: number | undefined;
}

export interface BuildResult {
  /** Files read, with their messages (only for briefs that had to be built). */
  files: VFile[];
  written: ManifestEntry[];
  /** Outputs that were already up to date. */
  cached: number;
  /** Documents not written; `content` when their content was wrong (a slide that overflows). */
  failures: { name: string; reason: string; content?: boolean }[];
  /** Whether a browser was needed at all. */
  printed: boolean;
}

/** An output set to make: a job and the outputs of it that are not up to date. */
export interface Work {
  job: Job;
  kinds: OutputKind[];
  /** The deck as it stands when only the handout must be made from it. */
  deck: Uint8Array | undefined;
}
