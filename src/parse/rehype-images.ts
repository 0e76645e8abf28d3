import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { resolveInside } from '../load/resolve-inside.js';
import { contentError, contentWarning } from '../messages.js';

export interface ImagesOptions {
  /** The brief's folder: images must live inside it. */
  dir: string;
}

/**
 * Images are files of the brief (`assets/…`), never remote: the printer has no network. The same
 * rule holds for every way HTML names a picture: `<img src>` and each candidate of a
 * `<source srcset>`. Valid sources are rewritten to file URLs for printing. A web image (a
 * README's badges) is a warning, not an error: it is left out, never fetched, and its alt text
 * printed in its place; `briefkit fetch-images` downloads such images into the brief on request.
 */
export default function rehypeImages(options: ImagesOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'img') {
        const src = typeof node.properties.src === 'string' ? node.properties.src : '';
        if (isWebAddress(src) && parent && index !== undefined) {
          const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '';
          contentWarning(
            file,
            `Image \`${src}\` is on the web: left out${alt ? ', its alt text printed instead' : ''} (a build never fetches); run \`briefkit fetch-images\` to download it into the brief`,
            node,
            'image-remote',
          );
          const stand: ElementContent[] = alt
            ? [
                {
                  type: 'element',
                  tagName: 'span',
                  properties: { className: ['bk-image-left-out'] },
                  children: [{ type: 'text', value: alt }],
                },
              ]
            : [];
          parent.children.splice(index, 1, ...stand);
          return [SKIP, index + stand.length];
        }
        if (!node.properties.alt) {
          contentWarning(
            file,
            `Image \`${src}\` has no alt text: describe it for screen readers`,
            node,
            'image-alt',
          );
        }
        const url = imageUrl(src, options.dir, file, node);
        if (url) node.properties.src = url;
      } else if (node.tagName === 'source') {
        const srcset = node.properties.srcSet;
        const text = Array.isArray(srcset) ? srcset.join(',') : String(srcset ?? '');
        if (!text.trim()) return;
        // `url 2x, url 400w`: each candidate checked and rewritten, its descriptor kept.
        const candidates = text.split(',').map((candidate) => {
          const [src = '', ...descriptor] = candidate.trim().split(/\s+/);
          if (isWebAddress(src)) {
            contentWarning(
              file,
              `Image \`${src}\` is on the web: left out (a build never fetches); run \`briefkit fetch-images\` to download it into the brief`,
              node,
              'image-remote',
            );
            return undefined;
          }
          const url = imageUrl(src, options.dir, file, node);
          return url ? [url, ...descriptor].join(' ') : undefined;
        });
        if (candidates.every((candidate) => candidate !== undefined))
          node.properties.srcSet = candidates.join(', ');
        else delete node.properties.srcSet;
      }
      return undefined;
    });
  };
}

/** `https://…`, `http://…` or `//host/…`: an image a browser would fetch from the web. */
export const isWebAddress = (src: string): boolean => /^(?:https?:)?\/\//i.test(src.trim());

/** The file URL of one image the brief names, or undefined after reporting why it cannot be. */
function imageUrl(src: string, dir: string, file: VFile, node: Element): string | undefined {
  if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    contentError(
      file,
      `Image \`${src}\` is not a file of the brief: put it in assets/ and link it relatively`,
      node,
      'image-remote',
    );
    return undefined;
  }
  let name: string;
  try {
    name = decodeURI(src.split(/[?#]/)[0] ?? '');
  } catch {
    contentError(
      file,
      `Image \`${src}\` has a percent escape that is not UTF-8 text: write the file name as it is, or \`%\` as \`%25\``,
      node,
      'image-missing',
    );
    return undefined;
  }
  const found = resolveInside(dir, name);
  if ('path' in found) return pathToFileURL(found.path).href;
  if (found.problem === 'outside') {
    contentError(
      file,
      found.linked
        ? `Image \`${src}\` is a link to a file outside the brief's folder: copy the file in instead`
        : `Image \`${src}\` is outside the brief's folder`,
      node,
      'image-outside',
    );
  } else {
    contentError(file, `Image \`${src}\` does not exist`, node, 'image-missing');
  }
  return undefined;
}
