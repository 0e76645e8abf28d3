import { parse } from 'yaml';
import type { SlideLook } from './brief.js';
import { cssColor } from './css-color.js';

/** Marp's directives: the local ones apply here and after, `_name` only here. */
export const localDirectives = new Set([
  'paginate',
  'header',
  'footer',
  'class',
  'backgroundColor',
  'backgroundImage',
  'backgroundPosition',
  'backgroundRepeat',
  'backgroundSize',
  'color',
]);
const globalDirectives = new Set([
  'theme',
  'style',
  'headingDivider',
  'size',
  'math',
  'title',
  'author',
  'description',
  'image',
  'url',
  'marp',
  'lang',
]);
/**
 * Globals the front matter already reads (or reports as another tool's key), and
 * `headingDivider`, which splits the slides (slide-document.ts).
 */
const readElsewhere = new Set(['marp', 'title', 'author', 'description', 'lang', 'headingDivider']);
/** Marp's classes with a meaning here. */
const knownClasses = new Set(['lead', 'invert']);

/**
 * Reads a comment as Marp directives into `carried` (local) and `only` (`_spot`): true if it is
 * one. What has no meaning in this deck (a theme, a background image, a colour that is not a
 * CSS colour) goes into `ignored`, written as the author wrote it.
 */
export function readDirective(
  text: string,
  carried: SlideLook,
  only: SlideLook,
  ignored: string[],
): boolean {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return false;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  const known = (key: string) =>
    localDirectives.has(key.replace(/^_/, '')) || globalDirectives.has(key);
  if (entries.length === 0 || !entries.every(([key]) => known(key))) return false;
  const local = Object.fromEntries(entries.filter(([key]) => !key.startsWith('_')));
  const spot = Object.fromEntries(
    entries.filter(([key]) => key.startsWith('_')).map(([key, v]) => [key.slice(1), v]),
  );
  for (const key of Object.keys(local))
    if (globalDirectives.has(key) && !readElsewhere.has(key)) ignored.push(key);
  applyDirectives(carried, local, ignored);
  applyDirectives(only, spot, ignored);
  return true;
}

/** Sets the directives that mean something here; the names of the others go into `ignored`. */
export function applyDirectives(
  look: SlideLook,
  values: Record<string, unknown>,
  ignored: string[],
): void {
  for (const [key, value] of Object.entries(values)) {
    if (key === 'paginate' && typeof value === 'boolean') look.paginate = value;
    else if (key === 'header' && typeof value === 'string') look.header = value;
    else if (key === 'footer' && typeof value === 'string') look.footer = value;
    else if (key === 'class') {
      const classes = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/\s+/);
      look.lead = classes.includes('lead');
      look.invert = classes.includes('invert');
      for (const name of classes)
        if (name && !knownClasses.has(name)) ignored.push(`class: ${name}`);
    } else if (key === 'backgroundColor' || key === 'color') {
      const color = cssColor(value);
      if (color && key === 'color') look.ink = color;
      else if (color) look.paper = color;
      else ignored.push(`${key}: ${String(value)}`);
    } else if (localDirectives.has(key)) ignored.push(key);
  }
}
