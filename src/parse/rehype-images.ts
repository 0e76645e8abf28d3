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
 * `<source srcset>`; a `<picture>` becomes the one `<img>` it prints (see pictureImage). Valid
 * sources are rewritten to file URLs for printing. A web image (a
 * README's badges) is a warning, not an error: it is left out, never fetched, and its alt text
 * printed in its place; `briefkit fetch-images` downloads such images into the brief on request.
 */
export default function rehypeImages(options: ImagesOptions) {
  return (tree: Root, file: VFile) => {
    // `<img>`s a `<picture>` became, their `src` already the chosen source's file URL: the
    // source as written, for messages.
    const chosenSources = new WeakMap<Element, string>();
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'picture' && parent && index !== undefined) {
        const { img, chosen } = pictureImage(node, options.dir, file);
        if (img && chosen !== undefined) chosenSources.set(img, chosen);
        parent.children.splice(index, 1, ...(img ? [img] : []));
        // Not into the picture's children: its `<img>` is visited next, at the same index.
        return [SKIP, index];
      }
      const chosen = chosenSources.get(node);
      if (chosen !== undefined) {
        if (!node.properties.alt) warnAlt(file, node, chosen);
        return undefined;
      }
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
          // With no alt text the stand-in is hidden: it only tells the deck a picture was here.
          const stand: ElementContent[] = [
            {
              type: 'element',
              tagName: 'span',
              properties: {
                className: ['bk-image-left-out'],
                dataSrc: src,
                ...(alt ? {} : { hidden: true }),
              },
              children: alt ? [{ type: 'text', value: alt }] : [],
            },
          ];
          parent.children.splice(index, 1, ...stand);
          return [SKIP, index + stand.length];
        }
        if (!node.properties.alt) warnAlt(file, node, src);
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

function warnAlt(file: VFile, node: Element, src: string): void {
  contentWarning(
    file,
    `Image \`${src}\` has no alt text: describe it for screen readers`,
    node,
    'image-alt',
  );
}

/**
 * What a `<picture>` prints, as one `<img>` every output understands (the brief, the deck, the
 * .pptx, the web edition): the first `<source>` meant for paper whose `srcset` names a file of
 * the brief (its largest candidate: `2x` over `1x`, `800w` over `400w`), else the picture's own
 * `<img>`. A source with a `media` condition is for some screens (dark mode, narrow windows)
 * and is passed over, unless it asks for light, print or all. Web and outside candidates are
 * reported as images are; when the `<img>` prints although the picture has sources, an info
 * line says so. No `img` when nothing can print.
 */
function pictureImage(
  picture: Element,
  dir: string,
  file: VFile,
): { img: Element | undefined; chosen?: string } {
  const children = picture.children.filter((child): child is Element => child.type === 'element');
  const fallback = children.find((child) => child.tagName === 'img');
  const sources = children.filter((child) => child.tagName === 'source');
  let chosen: { url: string; src: string; source: Element } | undefined;
  for (const source of sources) {
    const media = typeof source.properties.media === 'string' ? source.properties.media : '';
    if (media && !/\b(?:print|all)\b|prefers-color-scheme:\s*light/i.test(media)) continue;
    const candidates = srcsetCandidates(source).flatMap(({ src, weight }) => {
      if (isWebAddress(src)) {
        contentWarning(
          file,
          `Image \`${src}\` (a \`<source>\` of a \`<picture>\`) is on the web: left out (a build never fetches); run \`briefkit fetch-images\` to download it into the brief`,
          source,
          'image-remote',
        );
        return [];
      }
      const url = imageUrl(src, dir, file, source);
      return url ? [{ url, src, weight }] : [];
    });
    const best = candidates.sort((a, b) => b.weight - a.weight)[0];
    if (best) {
      chosen = { url: best.url, src: best.src, source };
      break;
    }
  }
  if (chosen) {
    const img: Element = {
      type: 'element',
      tagName: 'img',
      properties: { ...fallback?.properties, src: chosen.url },
      children: [],
      position: fallback?.position ?? chosen.source.position,
    };
    return { img, chosen: chosen.src };
  }
  if (sources.length > 0) {
    const src = typeof fallback?.properties.src === 'string' ? fallback.properties.src : '';
    file.info(
      fallback
        ? `\`<picture>\`: none of its \`<source>\`s is a file of the brief meant for paper, so its \`<img>\` (\`${src}\`) prints`
        : `\`<picture>\`: none of its \`<source>\`s is a file of the brief meant for paper, and it has no \`<img>\`: nothing prints`,
      { place: picture.position, ruleId: 'picture-source', source: 'briefkit' },
    );
  }
  return { img: fallback };
}

/** A `srcset`'s candidates, `url 2x, url 400w`, each with the number of its descriptor (1 if none). */
function srcsetCandidates(source: Element): { src: string; weight: number }[] {
  const srcset = source.properties.srcSet;
  const text = Array.isArray(srcset) ? srcset.join(',') : String(srcset ?? '');
  return text
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/))
    .filter(([src]) => Boolean(src))
    .map(([src = '', descriptor = '1x']) => ({
      src,
      weight: Number.parseFloat(descriptor) || 1,
    }));
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
