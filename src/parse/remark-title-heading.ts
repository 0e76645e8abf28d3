import type { Root } from 'mdast';

/** The H1 that gave the title (or repeats it) is printed once, on the cover: not in the body. */
export default function remarkTitleHeading(options: { line: number | undefined }) {
  return (tree: Root) => {
    if (options.line === undefined) return;
    const index = tree.children.findIndex(
      (node) =>
        node.type === 'heading' && node.depth === 1 && node.position?.start.line === options.line,
    );
    if (index >= 0) tree.children.splice(index, 1);
  };
}
