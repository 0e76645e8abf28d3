import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Brief } from '../model/brief.js';
import type { DocumentOptions } from '../model/options.js';
import { VFile } from 'vfile';
import { error } from '../errors.js';
import { debug } from '../log.js';
import { contentError } from '../messages.js';

const log = debug('render');

export type Template = (context: object) => string;

/** Per-document values beside the Brief: a batch row and its "prepared for" line. */
export interface RenderExtras {
  row?: Readonly<Record<string, string>> | undefined;
  preparedFor?: string | undefined;
  /** The document's options: paper, organization, brand stylesheet and logo, release stamp. */
  document: DocumentOptions;
}

/**
 * The extras of one document set: its options and, for a batch row, the row's values and who
 * the document is prepared for. The build and the preview both render with these.
 */
export const documentExtras = (
  brief: Brief,
  document: DocumentOptions,
  row: Readonly<Record<string, string>> | undefined,
): RenderExtras => ({
  document,
  row,
  preparedFor: row && brief.batch?.label ? row[brief.batch.label] : undefined,
});

/** Templates compile in strict mode, so every extra is always present, if only as undefined. */
export const withExtras = (extras: RenderExtras) => ({
  row: undefined,
  preparedFor: undefined,
  ...extras,
});

/**
 * The templates of one folder (`*.hbs`, partials in `partials/`), compiled once per build in an
 * isolated Handlebars environment with briefkit's helpers.
 */
export class Templates {
  private constructor(private readonly templates: ReadonlyMap<string, Template>) {}

  static async load(dir: string): Promise<Templates> {
    const handlebars = Handlebars.create();
    registerHelpers(handlebars);
    const partialsDir = join(dir, 'partials');
    const problems: VFile[] = [];
    for (const name of await hbsFiles(partialsDir)) {
      const path = join(partialsDir, name);
      const source = await readFile(path, 'utf8');
      if (checkTemplate(handlebars, path, source, problems))
        handlebars.registerPartial(basename(name, '.hbs'), source);
    }
    const templates = new Map<string, Template>();
    for (const name of await hbsFiles(dir)) {
      const path = join(dir, name);
      const source = await readFile(path, 'utf8');
      if (!checkTemplate(handlebars, path, source, problems)) continue;
      templates.set(
        basename(name, '.hbs'),
        handlebars.compile(source, { strict: true, noEscape: false }),
      );
    }
    if (problems.length > 0)
      error('CONFIG_INVALID', 'The templates have errors; nothing was built.', problems);
    log('compiled %o', [...templates.keys()]);
    return new Templates(templates);
  }

  render(name: string, context: object): string {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No template ${name}.hbs`);
    return template(context);
  }
}

/**
 * Parses a template up front (Handlebars compiles lazily, so a syntax error would otherwise show
 * at the first render, without its file) and finds the chart and spark placeholders of
 * templates written before charts were parts: those now print empty.
 */
function checkTemplate(
  handlebars: typeof Handlebars,
  path: string,
  source: string,
  problems: VFile[],
): boolean {
  const file = new VFile({ path, value: source });
  try {
    const visitor = new Handlebars.Visitor();
    visitor.ContentStatement = (content) => {
      for (const [placeholder, part] of obsoletePlaceholders) {
        const at = content.value.indexOf(placeholder);
        if (at < 0) continue;
        // The placeholder's own line and column, from where the text run starts.
        const before = content.value.slice(0, at).split('\n');
        const line = content.loc.start.line + before.length - 1;
        const column =
          (before.length === 1 ? content.loc.start.column : 0) + (before.at(-1)?.length ?? 0) + 1;
        contentError(
          file,
          `\`${placeholder}\` is no longer filled in: write \`${part}\` where the drawing goes`,
          { line, column },
          'template-placeholder',
        );
      }
    };
    visitor.accept(handlebars.parse(source));
  } catch (cause) {
    const { lineNumber, column } = cause as { lineNumber?: number; column?: number };
    const line = lineNumber ?? Number(/on line (\d+)/.exec(String(cause))?.[1] ?? 1);
    const reason = String((cause as Error).message ?? cause).split('\n');
    contentError(
      file,
      `Template syntax: ${reason
        .filter((text) => !/^[-.]*\^?$/.test(text.trim()))
        .join(' ')
        .trim()}`,
      { line, column: (column ?? 0) + 1 },
      'template-syntax',
    );
  }
  if (file.messages.length === 0) return true;
  problems.push(file);
  return !file.messages.some((message) => message.fatal);
}

/** Markup that briefkit's renderer once filled in, and the part that replaced it. */
const obsoletePlaceholders: readonly [string, string][] = [
  ['data-chart="', '{{{chart.svg}}}'],
  ['data-spark="', '{{{spark.svg}}}'],
];

async function hbsFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.hbs')).sort();
}

function registerHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper(
    'cssString',
    (value: unknown) => new handlebars.SafeString(cssString(value)),
  );
  handlebars.registerHelper('join', (items: unknown, separator: unknown) =>
    Array.isArray(items) ? items.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  // Absolute placement in points, for handout frames computed in TypeScript.
  handlebars.registerHelper(
    'rect',
    (rect: { x: number; y: number; width: number; height: number }) =>
      [
        `left: ${rect.x}pt`,
        `top: ${rect.y}pt`,
        `width: ${rect.width}pt`,
        `height: ${rect.height}pt`,
      ].join('; '),
  );
  handlebars.registerHelper('times', (count: number, options: Handlebars.HelperOptions) =>
    Array.from({ length: count }, (_, index) => options.fn(index)).join(''),
  );
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).find(Boolean) ?? '');
}

/**
 * A CSS string literal for `content:` in margin boxes. Every control character is written as a
 * hex escape (a form feed or lone CR would otherwise end the string), and `<` too, so the text
 * cannot close its <style>. Line breaks of any kind become one `\A`.
 */
export function cssString(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  const escaped = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\"]/g, '\\$&')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>\u2028\u2029]/g, (char) =>
      char === '\0' ? '\uFFFD' : `\\${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()} `,
    );
  return `"${escaped}"`;
}
