import type { Html, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isMap, parseDocument } from 'yaml';
import { codeFenceReader } from '../load/code-fences.js';
import { frontMatterPattern } from '../load/front-matter-block.js';
import type { SlideMode } from '../outputs.js';
import type { SlideBreaks } from '../slide-breaks.js';

/**
 * In a slide document (front matter `slides: breaks`, or a Marp or Slidev file) every `---` line
 * outside code separates two slides, as Marp and Slidev read it, even right under a paragraph
 * (where CommonMark would make it a heading underline). Each is rewritten to `***`, which is a
 * thematic break everywhere, at the same line; Slidev's per-slide front matter (a YAML mapping
 * between a separator and the next `---`) is read and blanked, so it is never printed. Lines and
 * columns of everything else stay as written. The lines land in `file.data.slideBreaks`.
 */
export function rewriteSlideBreaks(file: VFile, mode: SlideMode): void {
  if (mode === 'sections' || file.data.slideBreaks) return;
  const source = String(file.value);
  const front = frontMatterPattern.exec(source);
  const lines = source.split('\n');
  const start = front ? front[0].split('\n').length - (front[0].endsWith('\n') ? 1 : 0) : 0;
  const breaks: SlideBreaks = { lines: [], start: start + 1, matter: new Map(), comments: [] };
  const separator = (line: string | undefined) => line !== undefined && /^---[ \t]*\r?$/.test(line);
  const inCode = codeFenceReader();
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (inCode(line) || !separator(line)) continue;
    breaks.lines.push(index + 1);
    lines[index] = '***';
    if (mode !== 'slidev') continue;
    const end = lines.findIndex((next, at) => at > index + 1 && separator(next));
    const yaml = end > 0 ? lines.slice(index + 1, end).join('\n') : '';
    if (yaml.trim() === '' || /^\s*$/.test(lines[index + 1] ?? '')) continue;
    const doc = parseDocument(yaml);
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    breaks.matter.set(index + 1, doc.toJS() as Record<string, unknown>);
    for (let blank = index + 1; blank <= end; blank++) lines[blank] = '';
    index = end;
  }
  file.value = lines.join('\n');
  file.data.slideBreaks = breaks;
}

/**
 * In a slide document, HTML comments are the presenter's (Marp's speaker notes and directives):
 * taken out of the tree, never printed, and kept in `file.data.slideBreaks.comments` by line.
 */
export default function remarkSlideComments() {
  return (tree: Root, file: VFile) => {
    const breaks = file.data.slideBreaks;
    if (!breaks) return;
    breaks.comments = [];
    visit(tree, 'html', (node: Html, index, parent) => {
      if (!parent || index === undefined) return;
      const comments = [...node.value.matchAll(/<!--([\s\S]*?)-->/g)];
      if (comments.length === 0 || node.value.replace(/<!--[\s\S]*?-->/g, '').trim() !== '') return;
      for (const comment of comments)
        breaks.comments.push({
          line: node.position?.start.line ?? 1,
          column: node.position?.start.column ?? 1,
          text: (comment[1] ?? '').trim(),
        });
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
