import type { Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { didYouMean } from '../nearest.js';
import { contentError, contentWarning } from '../messages.js';
import { sectionLevel } from '../section-level.js';

/** Every directive briefkit understands, by kind. Anything else is an error, never passed through. */
export const knownDirectives = {
  textDirective: ['stat', 'cite', 'field'],
  leafDirective: ['key-figure', 'chart'],
  containerDirective: ['summary', 'recommendations', 'notes', 'slide'],
} as const;

const marker = { textDirective: ':', leafDirective: '::', containerDirective: ':::' } as const;
type DirectiveKind = keyof typeof knownDirectives;

/** Blocks that belong to one section (what its slide shows, what its presenter says). */
const sectionBlocks = new Set(['notes', 'slide']);
/** Blocks a brief has at most once. */
const singleBlocks = new Set(['summary', 'recommendations']);

/**
 * Checks directive names and placement, and turns the container blocks into marked `div`s
 * that the model picks apart: `<div class="bk-block bk-summary" data-block="summary">`.
 */
export default function remarkBlocks() {
  return (tree: Root, file: VFile) => {
    const seen = new Set<string>();
    let inSection = false;
    const level = sectionLevel(
      tree.children.flatMap((child) => (child.type === 'heading' ? [child.depth] : [])),
    );
    for (const child of tree.children) {
      if (child.type === 'heading' && child.depth === level) inSection = true;
      if (child.type === 'containerDirective') checkContainer(child, inSection, seen, file);
      checkNested(child, file);
    }
  };
}

function checkContainer(
  node: ContainerDirective,
  inSection: boolean,
  seen: Set<string>,
  file: VFile,
): void {
  const name = node.name;
  if (!(knownDirectives.containerDirective as readonly string[]).includes(name)) return;
  if (sectionBlocks.has(name) && !inSection) {
    contentError(
      file,
      `\`:::${name}\` is outside any section: move it under the heading of the section it belongs to`,
      node,
      `${name}-placement`,
    );
  }
  if (singleBlocks.has(name)) {
    if (seen.has(name))
      contentError(
        file,
        `A brief has one \`:::${name}\` block; this is a second`,
        node,
        `duplicate-${name}`,
      );
    seen.add(name);
  }
  if (node.children.length === 0) {
    contentError(
      file,
      `\`:::${name}\` is empty: give it content or remove it`,
      node,
      `empty-${name}`,
    );
  }
  if (
    name === 'recommendations' &&
    !node.children.some((child) => child.type === 'list' && child.ordered)
  ) {
    contentWarning(
      file,
      '`:::recommendations` has no numbered list: write the recommendations as `1.` items',
      node,
      'recommendations-list',
    );
  }
  node.data = {
    hName: 'div',
    hProperties: { className: ['bk-block', `bk-${name}`], dataBlock: name },
  };
}

/** Unknown names and wrongly nested blocks, anywhere in the tree. */
function checkNested(root: RootContent, file: VFile): void {
  visit(root, (node) => {
    if (
      node.type !== 'textDirective' &&
      node.type !== 'leafDirective' &&
      node.type !== 'containerDirective'
    )
      return;
    const kind: DirectiveKind = node.type;
    const known = knownDirectives[kind] as readonly string[];
    if (known.includes(node.name)) {
      if (node !== root && node.type === 'containerDirective') {
        contentError(
          file,
          `\`:::${node.name}\` cannot be nested inside another block`,
          node,
          'nested-block',
        );
      }
      return;
    }
    const otherKind = (Object.keys(knownDirectives) as DirectiveKind[]).find((other) =>
      (knownDirectives[other] as readonly string[]).includes(node.name),
    );
    const reason = otherKind
      ? `\`${marker[kind]}${node.name}\` must be written \`${marker[otherKind]}${node.name}\``
      : `Unknown directive \`${marker[kind]}${node.name}\`${didYouMean(node.name, known)}` +
        (kind === 'textDirective' ? ' (for a literal colon before a letter, write `\\:`)' : '');
    contentError(file, reason, node, 'unknown-directive');
  });
}
