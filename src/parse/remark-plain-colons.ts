import type { PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { knownDirectives } from './remark-blocks.js';
import { mergeTextRun } from './merge-text-run.js';

/**
 * Colons are text: remark-directive reads `3:1`, `9:00`, `John 3:16` and `hh:mm:ss` as text
 * directives named `1`, `00`, `16`, `ss`. A bare `:name` (or `::name` line) that is not one of
 * briefkit's own names, with no `[label]` and no `{attributes}`, goes back to the text it was
 * written as. Unknown names with a label or attributes stay directives (and errors). An
 * image's alt text is made before this runs and has lost them (`![bg left:40%](…)` read as
 * `bg left%`): a plain alt (no markup in it) is taken as written.
 */
export default function remarkPlainColons() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, (node, index, parent) => {
      if (node.type === 'image') {
        const [from, to] = [node.position?.start.offset, node.position?.end.offset];
        const written = from !== undefined && to !== undefined ? source.slice(from, to) : '';
        const close = written.indexOf('](');
        const alt = written.startsWith('![') && close > 0 ? written.slice(2, close) : '';
        if (alt.includes(':') && !/[*_`[\]\\<&!]/.test(alt)) node.alt = alt;
        return;
      }
      if (node.type !== 'textDirective' && node.type !== 'leafDirective') return;
      if ((knownDirectives[node.type] as readonly string[]).includes(node.name)) return;
      const marker = node.type === 'textDirective' ? ':' : '::';
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const written =
        start !== undefined && end !== undefined ? source.slice(start, end) : undefined;
      const bare =
        written === undefined
          ? node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0
          : written === marker + node.name;
      if (!bare || !parent || index === undefined) return;
      const text: Text = { type: 'text', value: marker + node.name, position: node.position };
      if (node.type === 'leafDirective') {
        parent.children[index] = { type: 'paragraph', children: [text] };
        return SKIP;
      }
      const first = mergeTextRun(parent.children as PhrasingContent[], index, text);
      return [SKIP, first + 1];
    });
  };
}
