import { execFileSync } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { isMap, parseDocument } from 'yaml';
import { contentWarning } from '../messages.js';
import { nearest } from '../nearest.js';
import { frontMatterPattern } from './front-matter-block.js';
import { hasLabels, labelLanguages } from '../labels.js';
import { guessLanguage } from './guess-language.js';
import { frontMatterSchema, type FrontMatter } from './schema.js';
import { fail, parseYaml, placeOfPath, validate, type YamlSource } from './yaml-file.js';
import { sourceDateEpoch } from '../source-date.js';
import { codeFenceReader } from './code-fences.js';

/** What the front matter gave, with defaults filled in; `undefined` when it has errors. */
export interface ReadFrontMatter {
  meta: FrontMatter | undefined;
  /** A YAML mapping opened the file (else a leading `---` is Markdown: a thematic break). */
  present: boolean;
  /** The line of the first H1 when it is the title: the body does not repeat it. */
  titleLine: number | undefined;
}

/**
 * Keys other tools write in the front matter, and whose they are. They are ignored with an info
 * line, so a document written for Jekyll, Marp, Quarto, md-to-pdf or Slidev builds as it is.
 */
const otherTools: Record<string, string> = Object.assign(Object.create(null) as object, {
  ...keysOf('Jekyll', 'layout permalink published excerpt redirect_from sitemap nav_order'),
  ...keysOf('Hugo', 'draft weight aliases slug url type menu'),
  ...keysOf('Jekyll and Hugo', 'tags categories category image cover'),
  ...keysOf(
    'Marp',
    'marp paginate size header footer class backgroundColor backgroundImage color headingDivider math style inlineSVG',
  ),
  ...keysOf('Marp and Slidev', 'theme'),
  ...keysOf(
    'Slidev',
    'transition background highlighter lineNumbers drawings mdc info colorSchema fonts canvasWidth aspectRatio routerMode download exportFilename themeConfig htmlAttrs addons',
  ),
  ...keysOf(
    'Quarto',
    'format execute jupyter engine editor filters number-sections code-fold crossref citation toc-depth toc-title toc-location title-block-banner bibliography csl link-citations',
  ),
  ...keysOf(
    'Pandoc',
    'documentclass geometry fontsize mainfont sansfont monofont header-includes include-before include-after linkcolor urlcolor numbersections',
  ),
  ...keysOf('R Markdown', 'output params knit'),
  ...keysOf(
    'md-to-pdf',
    'pdf_options stylesheet css body_class highlight_style marked_options launch_options dest document_title page_media_type script basedir md_file_encoding stylesheet_encoding as_html',
  ),
  ...keysOf('Docusaurus', 'id sidebar_position sidebar_label hide_table_of_contents'),
  ...keysOf(
    'VuePress',
    'sidebar sidebarDepth prev next navbar editLink lastUpdated pageClass home heroImage',
  ),
}) as Record<string, string>;

function keysOf(tool: string, keys: string): Record<string, string> {
  return Object.fromEntries(keys.split(' ').map((key) => [key, tool]));
}

/** Other tools' names for briefkit's keys. */
const aliases: Record<string, keyof FrontMatter> = { author: 'authors', papersize: 'paper' };
/** Keys that stand in for the subtitle when there is none. */
const subtitleStandIns = ['description', 'abstract'];

/** An example of each key's value, for messages about a wrong one. */
const examples: Record<string, string> = {
  title: 'title: "Water Along the Border"',
  subtitle: 'subtitle: "What the 1944 treaty still decides"',
  short_title: 'short_title: "Border Water"',
  date: 'date: 2026-03-01',
  lang: 'lang: en-US',
  authors: 'authors: [Ana Ruiz, Lee Park]',
  organization: 'organization: "Institute for Water Policy"',
  publication: 'publication: "Policy Brief No. 4"',
  classification: 'classification: Public',
  keywords: 'keywords: [water, treaty]',
  paper: 'paper: a4 (or letter)',
  outputs: 'outputs: [brief, deck]',
  handout: 'handout: notes (or lines)',
  toc: 'toc: true',
  batch: 'batch: { data: rows.csv, key: id }',
};

export function readFrontMatter(file: VFile, id: string): ReadFrontMatter {
  const text = String(file.value);
  const match = frontMatterPattern.exec(text);
  const present = match !== null && looksLikeMapping(match[1] ?? '');
  const bodyStart = present && match ? match[0].split('\n').length - 1 : 0;
  let titleLine: number | undefined;
  const prepare = (input: Record<string, unknown>) => {
    const heading = firstHeading(text, bodyStart);
    const filled = withDefaults(file, id, input, heading);
    titleLine = filled.titleLine;
    return filled.input;
  };
  if (!present) {
    const meta = frontMatterSchema.parse(prepare({}));
    return { meta, present, titleLine };
  }
  const source = parseYaml(file, match?.[1] ?? '', 1);
  if (!source) return { meta: undefined, present, titleLine };
  const meta = validate(file, source, frontMatterSchema, 'front-matter', describe, {
    examples,
    prepare: (raw) => {
      if (typeof raw !== 'object' || raw === null) return undefined;
      const input = normalize(file, source, raw as Record<string, unknown>);
      return input && prepare(input);
    },
  });
  return { meta, present, titleLine };
}

/** Title: front matter, else the first H1, else the brief's id; date: front matter, else the last commit, else today. */
function withDefaults(
  file: VFile,
  id: string,
  input: Record<string, unknown>,
  heading: { text: string; line: number } | undefined,
): { input: Record<string, unknown>; titleLine: number | undefined } {
  let titleLine: number | undefined;
  if (input.title === undefined || input.title === null) {
    if (heading) {
      input.title = heading.text;
      titleLine = heading.line;
      warn(file, 'No `title` in the front matter: the first H1 is the title', heading.line);
    } else {
      input.title = id;
      warn(file, `No \`title\` in the front matter and no H1: the title is \`${id}\``, 1);
    }
  } else if (heading && heading.text === String(input.title)) {
    titleLine = heading.line; // the H1 repeats the title: print it once, on the cover
  }
  if (input.date === undefined || input.date === null || isTodayWord(input.date)) {
    const written = input.date !== undefined && input.date !== null;
    const commit = written ? undefined : lastCommitDate(file);
    const date = commit ?? today();
    input.date = date;
    if (!written)
      warn(
        file,
        commit
          ? `No \`date\` in the front matter: using the file's last commit date, ${commit}`
          : `No \`date\` in the front matter: using today, ${date}`,
        1,
      );
  }
  if (input.lang === undefined || input.lang === null) {
    const guess = guessLanguage(String(file.value));
    if (guess) {
      input.lang = guess.lang;
      const rtl = guess.rtl ? ', right to left' : '';
      file.info(
        `No \`lang\` in the front matter: the text is mostly ${guess.script}, so it is read as \`lang: ${guess.lang}\`${rtl}; write \`lang\` to choose`,
        { place: { line: 1, column: 1 }, ruleId: 'lang-guess', source: 'briefkit' },
      );
      // A guessed language without labels (Persian, Urdu, Hindi…) says so as a written one does.
      if (!hasLabels(guess.lang))
        file.message(
          `\`lang: ${guess.lang}\` (guessed): briefkit has no labels in this language (Sources, ` +
            `Notes, page footer, …) and prints them in English; it has ${labelLanguages().join(', ')}`,
          { place: { line: 1, column: 1 }, ruleId: 'unknown-language', source: 'briefkit' },
        );
    }
  }
  return { input, titleLine };
}

const describe = (path: readonly PropertyKey[]) =>
  path.length > 0 ? `Front matter \`${path.join('.')}\`` : 'Front matter';

/** A leading `---` block is front matter only when it is a YAML mapping (`key: value` lines). */
function looksLikeMapping(yaml: string): boolean {
  const doc = parseDocument(yaml);
  if (doc.errors.length === 0) return isMap(doc.contents);
  // Broken YAML that starts like a mapping is front matter with a mistake, reported as such.
  return /^[A-Za-z_][\w-]*:(\s|$)/.test(yaml.trimStart());
}

/**
 * The front matter as briefkit's schema reads it: other tools' keys dropped (info), their names
 * for briefkit's keys taken, a key close to one of briefkit's an error with its did-you-mean.
 */
function normalize(
  file: VFile,
  source: YamlSource,
  raw: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const known = Object.keys(frontMatterSchema.shape);
  const input: Record<string, unknown> = {};
  const marpDeck = slideFlavour(raw, file.path) === 'marp';
  let ok = true;
  for (const [key, value] of Object.entries(raw)) {
    const place = placeOfPath(source, [key], true);
    const alias = aliases[key];
    if (known.includes(key)) {
      input[key] = value;
    } else if (alias) {
      if (raw[alias] === undefined) input[alias] = value;
    } else if (subtitleStandIns.includes(key)) {
      if (raw.subtitle === undefined && input.subtitle === undefined && typeof value === 'string')
        input.subtitle = value.trim();
    } else if (marpDeck && marpHonoured.includes(key.replace(/^_/, ''))) {
      // Read by the deck of a Marp document (model/slide-document.ts).
    } else if (otherTools[key]) {
      const near = nearest(key, known);
      file.info(
        `\`${key}\` is ${otherTools[key]}'s front matter: ignored` +
          (near && near !== key ? ` (briefkit's nearest key is \`${near}\`)` : ''),
        { place, ruleId: 'other-tool-key', source: 'briefkit' },
      );
    } else {
      const near = nearest(key, known);
      if (near) {
        fail(
          file,
          `Front matter: unknown key \`${key}\`; did you mean \`${near}\`?`,
          place,
          'front-matter',
        );
        ok = false;
      } else {
        file.info(`\`${key}\` is not a briefkit front matter key: ignored`, {
          place,
          ruleId: 'other-tool-key',
          source: 'briefkit',
        });
      }
    }
  }
  if (input.slides === undefined) {
    const flavour = slideFlavour(raw, file.path);
    if (flavour) {
      input.slides = flavour;
      file.info(
        `Read as a ${flavour === 'marp' ? 'Marp' : 'Slidev'} deck: one slide per \`---\`, ` +
          'HTML comments as speaker notes (`slides: sections` derives slides from headings instead)',
        {
          place: placeOfPath(
            source,
            [flavour === 'marp' ? (marpKeyOf(raw) ?? '') : (slidevKeyOf(raw) ?? '')],
            true,
          ),
          ruleId: 'slide-document',
          source: 'briefkit',
        },
      );
    }
  }
  if (typeof input.lang === 'string' && !hasLabels(input.lang))
    file.message(
      `\`lang: ${input.lang}\`: briefkit has no labels in this language (Sources, Notes, page ` +
        `footer, …) and prints them in English; it has ${labelLanguages().join(', ')}`,
      { place: placeOfPath(source, ['lang']), ruleId: 'unknown-language', source: 'briefkit' },
    );
  // `title: 1984` is a title, not a number.
  for (const key of ['title', 'subtitle', 'short_title', 'publication', 'organization'])
    if (typeof input[key] === 'number') input[key] = String(input[key]);
  if (typeof input.paper === 'string') input.paper = input.paper.toLowerCase().replace(/^us-/, '');
  if (input.date instanceof Date) input.date = input.date.toISOString().slice(0, 10);
  if (typeof input.date === 'string') input.date = isoDay(input.date);
  return ok ? input : undefined;
}

/** Marp's keys a Marp document's deck follows. */
const marpHonoured = [
  'marp',
  'paginate',
  'header',
  'footer',
  'class',
  'backgroundColor',
  'color',
  'headingDivider',
];

/** Front matter keys only Slidev writes (Marp and Jekyll share `theme`, `class`, `layout`). */
const slidevOnly = [
  'transition',
  'highlighter',
  'drawings',
  'mdc',
  'colorSchema',
  'canvasWidth',
  'aspectRatio',
  'routerMode',
  'themeConfig',
  'addons',
  'lineNumbers',
  'exportFilename',
  'htmlAttrs',
];

/**
 * Front matter keys only Marp writes: a deck Marp CLI renders without `marp: true` (which only
 * Marp for VS Code asks for) is still read as one.
 */
const marpOnly = [
  'paginate',
  'headingDivider',
  '_paginate',
  '_class',
  '_header',
  '_footer',
  '_backgroundColor',
  '_color',
];

const marpKeyOf = (raw: Record<string, unknown>): string | undefined =>
  'marp' in raw ? 'marp' : Object.keys(raw).find((key) => marpOnly.includes(key));

const slidevKeyOf = (raw: Record<string, unknown>): string | undefined =>
  slidevOnly.find((key) => key in raw) ?? ['theme', 'layout'].find((key) => key in raw);

/**
 * A slide document written for Marp (`marp: true`, or a key only Marp writes) or Slidev (a key only Slidev writes, or
 * `theme:`/`layout:` in a file named `slides.md`, Slidev's default): its slides are its `---`
 * chunks. An ordinary brief's `---` stays a thematic break.
 */
function slideFlavour(
  raw: Record<string, unknown>,
  path: string | undefined,
): 'marp' | 'slidev' | undefined {
  if (raw.marp === true || (raw.marp !== false && marpKeyOf(raw) !== undefined)) return 'marp';
  if (slidevOnly.some((key) => key in raw)) return 'slidev';
  const slidesFile = path !== undefined && basename(path).toLowerCase() === 'slides.md';
  if (slidesFile && ('theme' in raw || 'layout' in raw)) return 'slidev';
  return undefined;
}

/** `2026-03-01T09:30:00Z` or `March 1, 2026` → `2026-03-01`; anything else as written. */
function isoDay(value: string): string {
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(value.trim())?.[1];
  if (day) return day;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) return value; // reported as not ISO by the schema
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return value;
  const date = new Date(parsed);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Quarto's `date: today` (and `last-modified`, `now`): the build's day. */
function isTodayWord(value: unknown): boolean {
  return typeof value === 'string' && ['today', 'now', 'last-modified'].includes(value.trim());
}

/** The first H1 outside code, ATX (`# Title`) or setext (`Title` over `===`). */
function firstHeading(text: string, skipLines: number): { text: string; line: number } | undefined {
  const lines = text.split(/\r?\n/);
  const inCode = codeFenceReader();
  for (let index = skipLines; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (inCode(line)) continue;
    const atx = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
    if (atx) return { text: plain(atx), line: index + 1 };
    const next = lines[index + 1] ?? '';
    if (line.trim() !== '' && /^ {0,3}=+[ \t]*$/.test(next) && !/^ {0,3}[-*+>]/.test(line))
      return { text: plain(line.trim()), line: index + 1 };
  }
  return undefined;
}

/** A heading's words without inline marks or an attribute block (`{#id .class}`). */
function plain(text: string): string {
  return text
    .replace(/\s*\{[:#.][^}]*\}\s*$/, '')
    .replace(/[*_`]/g, '')
    .trim();
}

/** The file's last commit date, when it is in a git work tree and committed. */
function lastCommitDate(file: VFile): string | undefined {
  if (!file.path) return undefined;
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cs', '--', basename(file.path)], {
      cwd: resolve(file.cwd, dirname(file.path)),
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    })
      .toString()
      .trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** Today, or the day of SOURCE_DATE_EPOCH so a rebuild gives the same bytes. */
function today(): string {
  const epoch = sourceDateEpoch();
  const now = epoch !== undefined ? new Date(epoch * 1000) : new Date();
  return now.toISOString().slice(0, 10);
}

function warn(file: VFile, reason: string, line: number): void {
  contentWarning(file, reason, { line, column: 1 }, 'front-matter-default');
}
