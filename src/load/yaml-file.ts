import type { VFile } from 'vfile';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { contentError as fail } from '../messages.js';

/** A YAML text parsed with enough bookkeeping to report problems at their line and column. */
export interface YamlSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Lines before the YAML text in its file (front matter starts after `---`). */
  lineOffset: number;
}

export interface Place {
  line: number;
  column: number;
}

export function placeOf(source: YamlSource, offset: number): Place {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line: line + source.lineOffset, column: col };
}

/** Parses YAML; syntax errors become fatal messages on `file` and `undefined` is returned. */
export function parseYaml(file: VFile, text: string, lineOffset = 0): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const source: YamlSource = { doc, lineCounter, lineOffset };
  for (const problem of doc.errors) {
    const quoted = openingQuote(text, problem);
    const place = quoted
      ? { ...quoted, line: quoted.line + lineOffset }
      : placeOf(source, problem.pos[0]);
    const reason = problem.message.split('\n')[0] ?? problem.code;
    fail(
      file,
      `Malformed YAML: ${reason.replace(/ at line \d+, column \d+:?$/, '')}`,
      place,
      'yaml',
    );
  }
  return doc.errors.length > 0 ? undefined : source;
}

/**
 * yaml reports an unclosed quote where the text ends; the writer needs the line where the quote
 * opened: the last line before that with an odd number of that quote character.
 */
function openingQuote(text: string, problem: YAMLError): Place | undefined {
  const quote = /^Missing closing (["'])quote/.exec(problem.message)?.[1];
  if (problem.code !== 'MISSING_CHAR' || !quote) return undefined;
  const lines = text.slice(0, problem.pos[0]).split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    if (line.split(quote).length % 2 === 0)
      return { line: index + 1, column: line.indexOf(quote) + 1 };
  }
  return undefined;
}

/**
 * Finds where the value at `path` is written (or its key, with `atKey`); a missing key points at
 * its parent entry.
 */
export function placeOfPath(
  source: YamlSource,
  path: readonly PropertyKey[],
  atKey = false,
): Place {
  let node: unknown = source.doc.contents;
  let best = rangeStart(node) ?? 0;
  for (const [index, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key),
      );
      if (!pair) break;
      best = rangeStart(pair.key) ?? best;
      node = pair.value;
      // Scalars are reported where the value is written; maps and lists at their key.
      if (isScalar(node) && !(atKey && index === path.length - 1)) best = rangeStart(node) ?? best;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      best = rangeStart(node) ?? best;
    } else {
      break;
    }
  }
  return placeOf(source, best);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

/** Validates with a zod schema; each issue becomes a fatal message at the offending key. */
export function validate<T extends z.ZodType>(
  file: VFile,
  source: YamlSource,
  schema: T,
  ruleId: string,
  describe: (path: readonly PropertyKey[]) => string,
  options: ValidateOptions = {},
): z.output<T> | undefined {
  if (refuseProtoKeys(file, source)) return undefined;
  const maxAliasCount = options.maxAliasCount ?? 100;
  let input: unknown;
  try {
    // A few aliases are fine; a "billion laughs" expansion is refused, not attempted.
    input = source.doc.toJS({ maxAliasCount }) ?? {};
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    let firstAlias = 0;
    visit(source.doc, {
      Alias(_, node) {
        firstAlias = rangeStart(node) ?? 0;
        return visit.BREAK;
      },
    });
    fail(
      file,
      `YAML aliases expand too far: ${reason} (raise \`limits.yamlAliases\` in the config if they are meant)`,
      placeOf(source, firstAlias),
      'yaml',
    );
    return undefined;
  }
  if (options.prepare) {
    input = options.prepare(input);
    if (input === undefined) return undefined;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path =
      issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const reason =
      issue.code === 'unrecognized_keys'
        ? `unknown key \`${issue.keys.join('`, `')}\``
        : // A record's key that fails its check: zod says "Invalid key in record", the check why.
          issue.code === 'invalid_key'
          ? (issue.issues[0]?.message ?? issue.message)
          : isMissing(source, issue.path) && issue.message.startsWith('Invalid input')
            ? explain('is required', options.examples?.[String(issue.path[0])]) // zod says "Invalid input"
            : explain(issue.message, options.examples?.[String(issue.path[0])]);
    const place = placeOfPath(source, path, issue.code === 'unrecognized_keys');
    fail(file, `${describe(issue.path)}: ${reason}`, place, ruleId);
  }
  return undefined;
}

export interface ValidateOptions {
  /** YAML alias expansion allowed (config `limits.yamlAliases`). */
  maxAliasCount?: number | undefined;
  /** Turns the YAML's value into the schema's input; `undefined` when it reported errors. */
  prepare?: (input: unknown) => unknown;
  /** An example of each top-level key's value, for messages about a wrong one. */
  examples?: Readonly<Record<string, string>>;
}

/** zod's generic "Invalid input" says nothing a writer can act on: say what is expected. */
function explain(message: string, example: string | undefined): string {
  const said = message.startsWith('Invalid input')
    ? message
        .replace(/^Invalid input:?\s*/, '')
        .replace(/\bexpected string\b/, 'expected text')
        .replace(/^$/, 'a value of another kind')
    : message;
  return example && !/for example|e\.g\./.test(said) ? `${said}, for example \`${example}\`` : said;
}

/**
 * `__proto__` as a key would vanish silently on the way into an object (the schema library sets
 * the prototype instead); it is refused where it is written. Other names are ordinary keys.
 */
function refuseProtoKeys(file: VFile, source: YamlSource): boolean {
  let found = false;
  visit(source.doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        fail(
          file,
          '`__proto__` cannot be a key: choose another name',
          placeOf(source, rangeStart(pair.key) ?? 0),
          'reserved-key',
        );
        found = true;
      }
    },
  });
  return found;
}

/** A key that is not written at all (whatever rule its value would have broken). */
function isMissing(source: YamlSource, path: readonly PropertyKey[]): boolean {
  return path.length > 0 && !source.doc.hasIn(path as unknown[]);
}

/** Records an error on the file without throwing (load's name for the one message helper). */
export { fail };
