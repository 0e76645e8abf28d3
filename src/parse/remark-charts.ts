import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { DataPoint } from '../load/series-data.js';
import type { SeriesEntry } from '../load/schema.js';
import { chartTypes, type ChartRequest, type ChartType } from '../chart-request.js';
import { didYouMean } from '../nearest.js';
import { chartSlot } from '../slots.js';
import { contentError } from '../messages.js';
import { citation } from './remark-stats.js';

export interface ChartsOptions {
  series: Readonly<Record<string, SeriesEntry>>;
  seriesData: ReadonlyMap<string, DataPoint[]>;
}

/**
 * `::chart{series=id type=bar title="…"}` becomes a figure: caption, a slot the renderer fills
 * with the drawn chart (SVG, sized per output), and a source line holding its citation.
 */
export default function remarkCharts(options: ChartsOptions) {
  return (tree: Root, file: VFile) => {
    const requests: ChartRequest[] = [];
    const usedSeries = new Set<string>();
    file.data.charts = requests;
    file.data.usedSeries = usedSeries;

    visit(tree, 'leafDirective', (node) => {
      if (node.name !== 'chart') return;
      const seriesId = (node.attributes?.series ?? '').trim();
      const type = (node.attributes?.type ?? 'bar').trim();
      const series = options.series[seriesId];
      if (!series) {
        const reason = seriesId
          ? `Unknown series \`${seriesId}\`${didYouMean(seriesId, Object.keys(options.series))}`
          : 'Missing series: write `::chart{series=series-id type=bar}`';
        contentError(file, reason, node, 'unknown-series');
        return;
      }
      usedSeries.add(seriesId);
      if (!(chartTypes as readonly string[]).includes(type)) {
        contentError(
          file,
          `Unsupported chart type \`${type}\`${didYouMean(type, chartTypes)} (one of ${chartTypes.join(', ')})`,
          node,
          'chart-type',
        );
        return;
      }
      if (!options.seriesData.has(seriesId)) return; // its data file was already reported
      const index = requests.length;
      const title = (node.attributes?.title ?? '').trim() || series.label;
      requests.push({
        seriesId,
        type: type as ChartType,
        title,
        line: node.position?.start.line ?? 1,
        column: node.position?.start.column ?? 1,
      });
      node.data = {
        hName: 'figure',
        hProperties: { className: ['bk-chart'], dataChart: String(index) },
        hChildren: [
          {
            type: 'element',
            tagName: 'figcaption',
            properties: {},
            children: [{ type: 'text', value: title }],
          },
          chartSlot(index),
          {
            type: 'element',
            tagName: 'p',
            properties: { className: ['bk-chart-source'] },
            // Its words ("Source: Publisher, Title.") are the model's, in the brief's language.
            children: [citation(series.source)],
          },
        ],
      };
    });
  };
}

declare module 'vfile' {
  interface DataMap {
    usedSeries: Set<string>;
  }
}
