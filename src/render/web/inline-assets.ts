import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import postcss, { type AtRule, type Root as CssRoot } from 'postcss';
import { visit } from 'unist-util-visit';
import { isReadable } from '../../load/resolve-inside.js';
import { mediaTypes } from '../../media-types.js';
import { subsetFace, subsetFamilies } from './subset-faces.js';
import { charactersInRange, unicodeRangeUsed } from './unicode-range.js';

/**
 * The brief's page as one self-contained file: every stylesheet inlined, fonts as data URIs
 * (only the faces whose characters the page uses: @fontsource splits each face by script, so a
 * Latin brief carries no Cyrillic or Greek files), images as data URIs. Only files inside
 * `allowedRoots` are read, as for printing; anything else is left out.
 */
export async function inlineAssets(html: string, allowedRoots: readonly string[]): Promise<string> {
  const tree = fromHtml(html);
  const used = new Set<number>();
  for (const character of toString(tree)) used.add(character.codePointAt(0) as number);
  const classes = new Set<string>();
  visit(tree, 'element', (node) => {
    const names = node.properties.className;
    if (Array.isArray(names)) for (const name of names) classes.add(String(name));
  });
  const readable = (path: string) => isReadable(path, allowedRoots);
  const dataUri = async (path: string) =>
    `data:${mediaTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'};base64,${(await readFile(path)).toString('base64')}`;

  const pending: Promise<void>[] = [];
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.tagName === 'link' && isStylesheet(node)) {
      const href = node.properties.href;
      // A stylesheet briefkit wrote as a data URL (a face of its own, naming a package's file).
      const written = typeof href === 'string' ? cssDataUrl(href) : undefined;
      const path = filePath(href);
      if (written === undefined && (!path || !readable(path))) {
        parent.children.splice(index, 1);
        return index;
      }
      const text = written ?? readFile(path as string, 'utf8');
      pending.push(
        inlineStylesheet(text, path, used, classes, readable, dataUri).then((css) => {
          parent.children[parent.children.indexOf(node)] = {
            type: 'element',
            tagName: 'style',
            properties: {},
            children: [{ type: 'text', value: css }],
          };
        }),
      );
    } else if (node.tagName === 'img') {
      const path = filePath(node.properties.src);
      if (path && readable(path))
        pending.push(dataUri(path).then((uri) => void (node.properties.src = uri)));
    }
    return undefined;
  });
  await Promise.all(pending);
  addViewport(tree);
  return toHtml(tree);
}

async function inlineStylesheet(
  text: string | Promise<string>,
  path: string | undefined,
  used: ReadonlySet<number>,
  classes: ReadonlySet<string>,
  readable: (path: string) => boolean,
  dataUri: (path: string) => Promise<string>,
): Promise<string> {
  const root = postcss.parse(await text, path ? { from: path } : {});
  // A `url()` as a file: its own `file:` URL, or a path relative to the stylesheet.
  const fileOf = (target: string) =>
    target.startsWith('file:')
      ? filePath(target)
      : path && resolve(dirname(path), decodeURIComponent(target.split(/[?#]/)[0] ?? ''));
  const replacements: Promise<void>[] = [];
  root.walkAtRules('font-face', (rule: AtRule) => {
    let range: string | undefined;
    rule.walkDecls('unicode-range', (declaration) => void (range = declaration.value));
    if (range !== undefined && !unicodeRangeUsed(range, used)) return void rule.remove();
    let family = '';
    rule.walkDecls('font-family', (declaration) => {
      family = declaration.value.replace(/^['"]|['"]$/g, '');
    });
    if (!subsetFamilies.has(family)) return;
    // A CJK face: only the glyphs the page uses, cut from the package's WOFF file.
    rule.walkDecls('src', (declaration) => {
      const woff = /url\(\s*(['"]?)([^'")]+\.woff)\1\s*\)/.exec(declaration.value)?.[2];
      if (!woff) return;
      const file = fileOf(woff);
      if (!file || !readable(file)) return;
      const text = charactersInRange(range ?? '', used);
      replacements.push(
        subsetFace(file, text).then((uri) => {
          if (uri) declaration.value = `url(${uri})`;
        }),
      );
    });
  });
  await Promise.all(replacements.splice(0));
  dropUnstyledFaces(root, classes);
  root.walkDecls((declaration) => {
    if (!declaration.value.includes('url(')) return;
    const urls = [...declaration.value.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)];
    replacements.push(
      (async () => {
        let value = declaration.value;
        for (const [whole, , target] of urls) {
          if (!target || /^(data|https?):/i.test(target)) continue;
          const file = fileOf(target);
          value = value.replace(
            whole,
            file && readable(file) ? `url(${await dataUri(file)})` : 'none',
          );
        }
        declaration.value = value;
      })(),
    );
  });
  await Promise.all(replacements);
  return root.toString();
}

/**
 * A stylesheet that sets its own faces on its own classes (KaTeX's: `.mathnormal` is KaTeX_Math)
 * keeps only the faces of rules whose classes the page has, each from its WOFF2 file alone.
 * Families no rule of the sheet names (every @fontsource face) are left as they are.
 */
function dropUnstyledFaces(root: CssRoot, classes: ReadonlySet<string>): void {
  const family = (value: string) =>
    value
      .split(',')[0]
      ?.trim()
      .replace(/^['"]|['"]$/g, '') ?? '';
  const named = new Set<string>();
  const used = new Set<string>();
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule') return;
    rule.walkDecls(/^font(-family)?$/, (declaration) => {
      // `font: normal 1.21em KaTeX_Main, serif`: the family follows the size.
      const value =
        declaration.prop === 'font'
          ? declaration.value.replace(/^.*?[\d.]+(?:em|rem|px|pt|%)(?:\/\S+)?\s+/, '')
          : declaration.value;
      const name = family(value);
      named.add(name);
      const applies = rule.selectors.some((selector) =>
        [...selector.matchAll(/\.([\w-]+)/g)].every(([, name]) => classes.has(name as string)),
      );
      if (applies) used.add(name);
    });
  });
  root.walkAtRules('font-face', (face: AtRule) => {
    let name = '';
    face.walkDecls('font-family', (declaration) => void (name = family(declaration.value)));
    if (!named.has(name)) return;
    if (!used.has(name)) return void face.remove();
    face.walkDecls('src', (declaration) => {
      const woff2 = declaration.value.split(/,(?=\s*url\()/).find((entry) => /woff2/.test(entry));
      if (woff2) declaration.value = woff2.trim();
    });
  });
}

function isStylesheet(node: Element): boolean {
  const rel = node.properties.rel;
  return Array.isArray(rel) ? rel.includes('stylesheet') : rel === 'stylesheet';
}

/** The text of a `data:text/css,…` URL (percent-encoded, as choose-fonts writes it). */
function cssDataUrl(href: string): string | undefined {
  const match = /^data:text\/css(?:;charset=utf-8)?,/i.exec(href);
  if (!match) return undefined;
  try {
    return decodeURIComponent(href.slice(match[0].length));
  } catch {
    return undefined;
  }
}

function filePath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(value);
  } catch {
    return undefined;
  }
}

/** Phones lay the page out at their own width, not at a desktop's. */
function addViewport(tree: Root): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'head') return undefined;
    node.children.unshift({
      type: 'element',
      tagName: 'meta',
      properties: { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      children: [],
    });
    return false;
  });
}
