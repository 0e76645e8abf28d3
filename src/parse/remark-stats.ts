import type { ElementContent } from 'hast';
import type { Root } from 'mdast';
import type { LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { StatEntry } from '../load/schema.js';
import { formatFigure } from '../format.js';
import { didYouMean } from '../nearest.js';
import { sparkSlot } from '../slots.js';
import { contentError } from '../messages.js';

export interface StatsOptions {
  stats: Readonly<Record<string, StatEntry>>;
  /** Source ids of stats.yaml, for `:cite[source-id]`. */
  sources: readonly string[];
  lang: string;
}

/** Where a stat is printed (or a source cited): its id and the directive's place in brief.md. */
export interface StatUse {
  id: string;
  /** `:stat` in the text, or `::key-figure` as a big number. */
  kind: 'stat' | 'key-figure' | 'cite';
  line: number;
  column: number;
}

/**
 * `:stat[id]` becomes the formatted figure with an (as yet unnumbered) source marker;
 * `::key-figure{stat=id}` becomes a big-number callout. Source numbers are given later, in
 * reading order, by the model. The ids used are recorded in `file.data.usedStats`, and each
 * place one is printed in `file.data.statUses` (for the sources ledger).
 * `:cite[source-id]` (or `:cite[a, b]`) puts the same numbered marker after any claim, so a dated
 * fact carries its source as a figure does; cited ids are recorded in `file.data.citedSources`.
 */
export default function remarkStats(options: StatsOptions) {
  return (tree: Root, file: VFile) => {
    const used = new Set<string>();
    const uses: StatUse[] = [];
    const cited = new Set<string>();
    const citeUses: StatUse[] = [];
    file.data.usedStats = used;
    file.data.statUses = uses;
    file.data.citedSources = cited;
    file.data.citeUses = citeUses;

    const resolve = (id: string, node: TextDirective | LeafDirective): StatEntry | undefined => {
      const stat = options.stats[id];
      if (!stat) {
        const reason = id
          ? `Unknown stat \`${id}\`${didYouMean(id, Object.keys(options.stats))}`
          : 'Missing stat id: write `:stat[stat-id]` or `::key-figure{stat=stat-id}`';
        contentError(file, reason, node, 'unknown-stat');
        return undefined;
      }
      used.add(id);
      const start = node.position?.start;
      const kind = node.type === 'leafDirective' ? 'key-figure' : 'stat';
      if (start) uses.push({ id, kind, line: start.line, column: start.column });
      return stat;
    };

    const cite = (node: TextDirective): void => {
      const ids = toString(node)
        .split(',')
        .map((id) => id.trim());
      const known = ids.filter((id) => {
        if (options.sources.includes(id)) return true;
        const reason = id
          ? `Unknown source \`${id}\`${didYouMean(id, options.sources)}`
          : 'Missing source id: write `:cite[source-id]`';
        contentError(file, reason, node, 'unknown-source');
        return false;
      });
      const start = node.position?.start;
      for (const id of known) {
        cited.add(id);
        if (start) citeUses.push({ id, kind: 'cite', line: start.line, column: start.column });
      }
      node.data = {
        hName: 'span',
        hProperties: { className: ['bk-cite-group'] },
        // Several sources read "3,1": a superscript comma between the markers.
        hChildren: known.flatMap((id, index) =>
          index === 0 ? [citation(id)] : [separator, citation(id)],
        ),
      };
    };

    visit(tree, (node) => {
      if (node.type === 'textDirective' && node.name === 'cite') {
        cite(node);
      } else if (node.type === 'textDirective' && node.name === 'stat') {
        const id = toString(node).trim();
        const stat = resolve(id, node);
        if (!stat) return;
        node.data = {
          hName: 'span',
          hProperties: { className: ['bk-stat'], dataStat: id, title: stat.label },
          hChildren: [
            { type: 'text', value: formatFigure(stat, options.lang) },
            citation(stat.source),
          ],
        };
      } else if (node.type === 'leafDirective' && node.name === 'key-figure') {
        const id = (node.attributes?.stat ?? '').trim();
        const stat = resolve(id, node);
        if (!stat) return;
        node.data = {
          hName: 'figure',
          hProperties: { className: ['bk-key-figure'], dataStat: id },
          hChildren: [
            {
              type: 'element',
              tagName: 'span',
              properties: { className: ['bk-kf-value'] },
              children: [{ type: 'text', value: formatFigure(stat, options.lang) }],
            },
            ...(stat.series ? [sparkSlot(id)] : []),
            {
              type: 'element',
              tagName: 'figcaption',
              properties: {},
              children: [{ type: 'text', value: stat.label }, citation(stat.source)],
            },
          ],
        };
      }
    });
  };
}

const separator: ElementContent = {
  type: 'element',
  tagName: 'sup',
  properties: { className: ['bk-cite-sep'] },
  children: [{ type: 'text', value: ',' }],
};

export function citation(sourceId: string): ElementContent {
  return {
    type: 'element',
    tagName: 'sup',
    properties: { className: ['bk-cite'], dataSource: sourceId },
    children: [],
  };
}

declare module 'vfile' {
  interface DataMap {
    usedStats: Set<string>;
    statUses: StatUse[];
    citedSources: Set<string>;
    /** Each place a source is cited with `:cite`, in reading order (for the sources ledger). */
    citeUses: StatUse[];
  }
}
