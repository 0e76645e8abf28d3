import type { VFile } from 'vfile';
import { limitKey, type Limits } from './limits.js';
import { fail } from './yaml-file.js';

/** Elements that never hold others, so they open no level. */
const voidElements = new Set(
  'area base br col embed hr img input link meta source track wbr'.split(' '),
);
/** A block quote marker or a list item's bullet or number. */
const containerMarker = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
const tagPattern = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(\/?)>/g;

/**
 * Refuses Markdown nested deeper than `limit` before it is parsed: block quotes and list items
 * (markers and indentation), `:::` directives, link labels, emphasis and HTML elements, counted
 * together line by line.
 * One pass over the text, so a hostile file is turned away in linear time; the parser and the
 * tree walkers after it recurse per level and would run out of stack (or time) on such input.
 */
export function checkNesting(
  file: VFile,
  limits: Pick<Limits, 'nesting' | 'definitions' | 'paragraph'>,
): boolean {
  const text = String(file.value);
  const limit = limits.nesting;
  let definitions = 0;
  /** Characters of the block of lines since the last blank line (or code fence). */
  let block = 0;
  let directives = 0;
  let html = 0;
  let brackets = 0;
  let emphasis = 0;
  let codeFence: string | undefined;
  let end = -1;
  for (let lineStart = 0, line = 1; end !== -1 || line === 1; lineStart = end + 1, line++) {
    end = text.indexOf('\n', lineStart);
    const lineEnd = end === -1 ? text.length : end;
    const content = text.slice(lineStart, lineEnd);
    // Levels opened on earlier lines, then this line's containers.
    let containers = 0;
    let column = 0;
    let index = 0;
    // Indentation nests list items too: each level takes at least two columns.
    while (content[index] === ' ' || content[index] === '\t') {
      column += content[index] === '\t' ? 4 - (column % 4) : 1;
      index++;
    }
    containers += Math.floor(column / 2);
    const depth = () => directives + html + brackets + emphasis + containers;
    if (depth() > limit) return tooDeep(file, limit, line, 1);
    for (;;) {
      while (content[index] === ' ' || content[index] === '\t') index++;
      const marker = containerMarker.exec(content.slice(index, index + 11));
      if (!marker) break;
      containers++;
      if (depth() > limit) return tooDeep(file, limit, line, index + 1);
      index += marker[0].length;
    }
    const rest = content.slice(index);
    const fence = /^(`{3,}|~{3,})/.exec(rest)?.[1];
    if (fence && (codeFence === undefined || fence.startsWith(codeFence))) {
      codeFence = codeFence === undefined ? fence : undefined;
      block = 0;
      continue;
    }
    if (codeFence !== undefined) continue;
    // micromark resolves emphasis and plain text a paragraph at a time, in time that grows with
    // the square of the paragraph: a block without blank lines is bounded, so the whole is linear.
    block = content.trim() === '' ? 0 : block + content.length + 1;
    if (block > limits.paragraph)
      return tooLong(
        file,
        limits.paragraph,
        line,
        content.length + 1 - (block - limits.paragraph) + 1,
      );
    // A definition (`: text` under a term): the definition-list parser rearranges every event
    // after each one, so their count is bounded like depth is.
    if (/^:(?!::)[ \t]/.test(rest) && ++definitions > limits.definitions)
      return tooManyDefinitions(file, limits.definitions, line, index + 1);
    if (/^:{3,}[A-Za-z]/.test(rest)) {
      directives++;
      if (depth() > limit) return tooDeep(file, limit, line, index + 1);
    } else if (/^:{3,}\s*$/.test(rest)) {
      directives = Math.max(0, directives - 1);
    }
    // Tags inside code spans are text: `List<String>` opens nothing.
    const markup = content.replace(/`[^`]*`/g, '');
    tagPattern.lastIndex = 0;
    // Link and image labels nest too (`![a![b](x)](y)`), and emphasis (`*a *b c* d*`); neither
    // spans a blank line.
    if (markup.trim() === '') {
      brackets = 0;
      emphasis = 0;
    }
    for (const run of markup.matchAll(/\*+|_+/g)) {
      const before = markup[run.index - 1] ?? ' ';
      const after = markup[run.index + run[0].length] ?? ' ';
      const opens = !/\s/.test(after) && /[\s\p{P}\p{S}]/u.test(before);
      const closes = !/\s/.test(before) && /[\s\p{P}\p{S}]/u.test(after);
      if (opens && !closes) {
        emphasis++;
        if (depth() > limit) return tooDeep(file, limit, line, run.index + 1);
      } else if (closes && !opens) {
        emphasis = Math.max(0, emphasis - 1);
      }
    }
    // Brackets in order, so closed links on one line (`[a] [b] …`) never add up.
    for (const bracket of markup.matchAll(/(?<!\\)[[\]]/g)) {
      if (bracket[0] === ']') {
        brackets = Math.max(0, brackets - 1);
        continue;
      }
      brackets++;
      if (depth() > limit) return tooDeep(file, limit, line, bracket.index + 1);
    }
    for (let match = tagPattern.exec(markup); match; match = tagPattern.exec(markup)) {
      const name = (match[2] ?? '').toLowerCase();
      if (match[1]) {
        html = Math.max(0, html - 1);
      } else if (!match[3] && !voidElements.has(name)) {
        html++;
        if (depth() > limit) return tooDeep(file, limit, line, match.index + 1);
      }
    }
  }
  return true;
}

function tooLong(file: VFile, limit: number, line: number, column: number): false {
  fail(
    file,
    `More than ${limit} characters without a blank line: break the text into paragraphs, or raise \`${limitKey('paragraph')}\` in the config`,
    { line, column: Math.max(1, column) },
    'too-long',
  );
  return false;
}

function tooManyDefinitions(file: VFile, limit: number, line: number, column: number): false {
  fail(
    file,
    `More than ${limit} definitions (\`: text\` under a term): split the glossary, or raise \`${limitKey('definitions')}\` in the config`,
    { line, column },
    'too-many',
  );
  return false;
}

function tooDeep(file: VFile, limit: number, line: number, column: number): false {
  fail(
    file,
    `Nested more than ${limit} levels deep (lists, quotes, directives, links, emphasis and HTML together): flatten it, or raise \`${limitKey('nesting')}\` in the config`,
    { line, column },
    'nesting',
  );
  return false;
}
