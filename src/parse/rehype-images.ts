import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { contentError, contentWarning } from '../messages.js';

export interface ImagesOptions {
  /** The brief's folder: images must live inside it. */
  dir: string;
}

/**
 * Images are files of the brief (`assets/…`), never remote: the printer has no network.
 * Valid sources are rewritten to file URLs for printing.
 */
export default function rehypeImages(options: ImagesOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'img') return;
      const src = typeof node.properties.src === 'string' ? node.properties.src : '';
      if (!node.properties.alt) {
        contentWarning(
          file,
          `Image \`${src}\` has no alt text: describe it for screen readers`,
          node,
          'image-alt',
        );
      }
      const target = resolve(options.dir, decodeURI(src.split(/[?#]/)[0] ?? ''));
      const inside = relative(options.dir, target);
      if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
        contentError(
          file,
          `Image \`${src}\` is not a file of the brief: put it in assets/ and link it relatively`,
          node,
          'image-remote',
        );
      } else if (inside.startsWith('..') || isAbsolute(inside)) {
        contentError(file, `Image \`${src}\` is outside the brief's folder`, node, 'image-outside');
      } else if (!existsSync(target) || !statSync(target).isFile()) {
        contentError(file, `Image \`${src}\` does not exist`, node, 'image-missing');
      } else {
        node.properties.src = pathToFileURL(target).href;
      }
    });
  };
}
