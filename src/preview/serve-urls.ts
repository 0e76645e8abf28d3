import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root as HastRoot } from 'hast';
import postcss from 'postcss';
import { visit } from 'unist-util-visit';
import { isInside, type Root } from './files.js';

const cssData = 'data:text/css,';

/** Attributes that hold one URL, and the one that holds a list (`srcset`). */
const urlAttributes = ['href', 'src', 'poster', 'data'] as const;

/**
 * The served path of a `file:` URL the renderers wrote (stylesheets, fonts, images), or the URL
 * unchanged when it lies outside every root: an http page cannot load it, so nothing leaks.
 */
export function servedUrl(url: string, roots: readonly Root[]): string {
  if (!url.startsWith('file:')) return url;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return url;
  }
  // The most specific root wins (a brief folder inside the package's own folders, say).
  const root = [...roots]
    .filter((candidate) => isInside(candidate.dir, path))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (!root) return url;
  const segments = relative(root.dir, path).split(sep).map(encodeURIComponent);
  return `/_files/${root.key.split('/').map(encodeURIComponent).join('/')}/${segments.join('/')}`;
}

/** Points every `file:` URL of a page (attributes, `srcset`, `url()` in styles) at the preview's routes. */
export function serveFileUrls(tree: HastRoot, roots: readonly Root[]): void {
  visit(tree, 'element', (node: Element) => {
    const properties = node.properties;
    for (const name of urlAttributes) {
      const value = properties[name];
      if (typeof value === 'string') properties[name] = servedUrl(value, roots);
    }
    // A stylesheet briefkit wrote as a data URL (choose-fonts' math face): its `url()`s too.
    const href = properties.href;
    if (typeof href === 'string' && href.startsWith(cssData)) {
      try {
        const css = serveCssUrls(decodeURIComponent(href.slice(cssData.length)), roots, false);
        properties.href = `${cssData}${encodeURIComponent(css)}`;
      } catch {
        // Not percent-encoded as briefkit writes it: left as it is.
      }
    }
    if (typeof properties.srcSet === 'string')
      properties.srcSet = properties.srcSet
        .split(',')
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
          return [servedUrl(url, roots), ...descriptor].join(' ');
        })
        .join(', ');
    if (typeof properties.style === 'string')
      properties.style = serveCssUrls(properties.style, roots, true);
    if (node.tagName === 'style')
      for (const child of node.children)
        if (child.type === 'text') child.value = serveCssUrls(child.value, roots, false);
  });
}

function serveCssUrls(css: string, roots: readonly Root[], declarations: boolean): string {
  if (!css.includes('file:')) return css;
  const sheet = declarations ? postcss.parse(`x{${css}}`) : postcss.parse(css);
  sheet.walkDecls((declaration) => {
    declaration.value = declaration.value.replace(
      /url\(\s*(['"]?)(file:[^'")]+)\1\s*\)/g,
      (_all, quote: string, url: string) => `url(${quote}${servedUrl(url, roots)}${quote})`,
    );
  });
  if (!declarations) return sheet.toString();
  const rule = sheet.first;
  return rule && rule.type === 'rule' ? rule.nodes.map(String).join('; ') : css;
}
