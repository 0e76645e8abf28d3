import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Brief } from '../model/brief.js';
import type { DocumentOptions } from '../model/options.js';
import { debug } from '../log.js';

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
    for (const name of await hbsFiles(partialsDir)) {
      handlebars.registerPartial(
        basename(name, '.hbs'),
        await readFile(join(partialsDir, name), 'utf8'),
      );
    }
    const templates = new Map<string, Template>();
    for (const name of await hbsFiles(dir)) {
      const source = await readFile(join(dir, name), 'utf8');
      templates.set(
        basename(name, '.hbs'),
        handlebars.compile(source, { strict: true, noEscape: false }),
      );
    }
    log('compiled %o', [...templates.keys()]);
    return new Templates(templates);
  }

  render(name: string, context: object): string {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No template ${name}.hbs`);
    return template(context);
  }
}

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
