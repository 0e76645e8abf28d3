import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import postcss, { type AtRule } from 'postcss';
import { visit } from 'unist-util-visit';
import { isReadable } from '../../load/resolve-inside.js';
import { mediaTypes } from '../../media-types.js';
import { unicodeRangeUsed } from './unicode-range.js';

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
  const readable = (path: string) => isReadable(path, allowedRoots);
  const dataUri = async (path: string) =>
    `data:${mediaTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'};base64,${(await readFile(path)).toString('base64')}`;

  const pending: Promise<void>[] = [];
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.tagName === 'link' && isStylesheet(node)) {
      const path = filePath(node.properties.href);
      if (!path || !readable(path)) {
        parent.children.splice(index, 1);
        return index;
      }
      pending.push(
        inlineStylesheet(path, used, readable, dataUri).then((css) => {
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
  path: string,
  used: ReadonlySet<number>,
  readable: (path: string) => boolean,
  dataUri: (path: string) => Promise<string>,
): Promise<string> {
  const root = postcss.parse(await readFile(path, 'utf8'), { from: path });
  root.walkAtRules('font-face', (rule: AtRule) => {
    let range: string | undefined;
    rule.walkDecls('unicode-range', (declaration) => void (range = declaration.value));
    if (range !== undefined && !unicodeRangeUsed(range, used)) rule.remove();
  });
  const replacements: Promise<void>[] = [];
  root.walkDecls((declaration) => {
    if (!declaration.value.includes('url(')) return;
    const urls = [...declaration.value.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)];
    replacements.push(
      (async () => {
        let value = declaration.value;
        for (const [whole, , target] of urls) {
          if (!target || /^(data|https?):/i.test(target)) continue;
          const file = resolve(dirname(path), decodeURIComponent(target.split(/[?#]/)[0] ?? ''));
          value = value.replace(whole, readable(file) ? `url(${await dataUri(file)})` : 'none');
        }
        declaration.value = value;
      })(),
    );
  });
  await Promise.all(replacements);
  return root.toString();
}

function isStylesheet(node: Element): boolean {
  const rel = node.properties.rel;
  return Array.isArray(rel) ? rel.includes('stylesheet') : rel === 'stylesheet';
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
