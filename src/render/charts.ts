import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { debug } from '../log.js';
import type { Brief, Chart, ChartRow } from '../model/brief.js';
import { chartParts, type ChartPart } from '../chart-request.js';
import type { PartContext } from './write-part.js';
import { textWidth } from './text-width.js';
import { pxPerPt, slideType } from '../slide-size.js';

const log = debug('charts');

/**
 * One palette for every chart and output. Its greys step by ~45 levels of luminance (64, 109,
 * 159, 207 of 255), so series stay apart in grayscale print; labels carry the values, so colour
 * is never the only cue.
 */
export const chartPalette = ['#1b4a72', '#b5542f', '#7fa7c9', '#e6cf8f'] as const;

export interface ChartSize {
  /** Plot width in CSS pixels. */
  width: number;
  /** Height of one bar's band (bar and stacked-bar charts). */
  band: number;
  /** Height of the plot (column and line charts). */
  height: number;
  /** Base font size in CSS pixels. */
  fontSize: number;
  /**
   * The brief: the most a bar chart's bands may take together, in CSS pixels. More bars than fit
   * at `band` get thinner bands (never under the font size and a little air), so a chart stays
   * small enough that moving it whole to the next page leaves no third of a page blank.
   */
  bandsHeight?: number;
  /**
   * Slides: `width` × `height` is the whole drawing, labels included, and the marks grow to fill
   * it (bands share the height, bars thicken up to a limit) instead of keeping their step.
   */
  fill?: boolean;
}

/** Sparks are small and wordless: the number beside them carries the value. */
const sparkSize: ChartSize = { width: 120, band: 10, height: 34, fontSize: 0 };

/**
 * What fills a brief's chart and spark slots at `size`: each chart drawn (once per size) when a
 * part or a template asks for it.
 */
export function chartDrawing(brief: Brief, size: ChartSize): NonNullable<PartContext['draw']> {
  const figures = [
    ...brief.featured,
    ...brief.sections.flatMap((section) =>
      [section, ...section.subsections]
        .flatMap((source) => source.callouts)
        .flatMap((callout) => (callout.kind === 'key-figure' ? [callout.figure] : [])),
    ),
  ];
  return (slot) => {
    if (slot.kind === 'chart') {
      const chart = brief.charts.find((candidate) => candidate.index === slot.index);
      return chart && drawnOnce(slot.part ? { ...chart, part: slot.part } : chart, size, false);
    }
    const spark = figures.find((figure) => figure.statId === slot.statId)?.spark;
    return spark && drawnOnce(spark, sparkSize, true);
  };
}

/**
 * Each chart of a model drawn once per size: a batch renders the same brief for every row, and
 * its charts do not change from row to row.
 */
const drawings = new WeakMap<readonly ChartRow[], Map<string, Promise<Element>>>();
function drawnOnce(chart: Chart, size: ChartSize, spark: boolean): Promise<Element> {
  // Keyed by the rows: a slide's part of a split chart is a copy of the chart sharing them.
  let bySize = drawings.get(chart.rows);
  if (!bySize) drawings.set(chart.rows, (bySize = new Map()));
  const shown = chart.part ? JSON.stringify(chart.part) : '';
  const key = `${spark}:${size.width}:${size.band}:${size.height}:${size.fontSize}:${size.bandsHeight}:${shown}`;
  let svg = bySize.get(key);
  if (!svg) bySize.set(key, (svg = chartSvg(chart, size, spark)));
  return svg;
}

/**
 * Draws a chart as SVG with Vega-Lite and Vega's headless renderer (no browser, no canvas), as a
 * tree: it goes into the parts' trees and is serialized with them.
 */
export async function chartSvg(chart: Chart, size: ChartSize, spark = false): Promise<Element> {
  if (spark) return drawSpec(chart, sparkSpec(chart, size));
  if (chart.part) return drawSpec(chart, chartSpec(chart, size, chart.part));
  const parts = barParts(chart, size);
  if (parts.length > 1) return splitChart(chart, size, parts);
  return drawSpec(chart, chartSpec(chart, size));
}

/**
 * A brief's bar chart with more bars than its bands' height holds even thin, as several drawings
 * of a few bars each, on one scale with the same margins, so they read as one chart when they
 * share a page; the figure may break between them, so no page is left a third empty before it.
 * The first carries the chart's description, the others say they continue it.
 */
async function splitChart(chart: Chart, size: ChartSize, parts: ChartPart[]): Promise<Element> {
  const drawn = await Promise.all(
    parts.map(async (part, at) => {
      const svg = await drawSpec(chart, chartSpec(chart, size, part));
      if (at > 0) svg.properties.ariaLabel = `${chart.title} (${at + 1}/${parts.length})`;
      return svg;
    }),
  );
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['bk-chart-parts'] },
    children: drawn,
  };
}

/**
 * A brief's bar chart in parts of at most as many bands as `bandsHeight` holds at their
 * thinnest, as even as can be; one part when they all fit (or on a slide, which has its own
 * room).
 */
export function barParts(chart: Chart, size: ChartSize): ChartPart[] {
  const categories = [...new Set(chart.rows.map((row) => row.category))];
  if (chart.type !== 'bar' || size.fill || !size.bandsHeight)
    return chartParts(categories, Infinity);
  const groups = new Set(chart.rows.map((row) => row.group ?? '')).size;
  return chartParts(categories, Math.floor(size.bandsHeight / (size.fontSize + 4) / groups));
}

/** Vega-Lite's specification drawn as an SVG tree. */
async function drawSpec(chart: Chart, spec: Record<string, unknown>): Promise<Element> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(
    vega.parse(compile(spec as never, { logger: quietLogger as never }).spec),
    {
      renderer: 'none',
      // Series are inline values; a chart must never load anything.
      loader: {
        load: () => Promise.reject(new Error('charts load no data')),
        sanitize: () => Promise.reject(new Error('charts load no data')),
      } as never,
    },
  );
  try {
    const svg = fromHtml(await view.toSVG(), { fragment: true }).children.find(
      (node): node is Element => node.type === 'element' && node.tagName === 'svg',
    );
    if (!svg) throw new Error(`Vega drew no SVG for chart ${chart.title}`);
    // Vega names the SVG after `description`; also mark it as one image for assistive technology.
    svg.properties = { role: 'img', ariaLabel: chart.alt, ...svg.properties };
    return svg;
  } finally {
    view.finalize();
  }
}

/** Vega-Lite's notes on a specification go to `DEBUG=briefkit:charts`, not to the terminal. */
const quietLogger = {
  level: () => quietLogger,
  error: (...args: unknown[]) => log('error %o', args),
  warn: (...args: unknown[]) => log('warn %o', args),
  info: (...args: unknown[]) => log('info %o', args),
  debug: () => quietLogger,
};

/**
 * A spark: a trend line ending in a dot, or one bar split into its parts with the first part
 * (the figure's own share) dark and the rest light. No text, no axes.
 */
export function sparkSpec(chart: Chart, size: ChartSize): Record<string, unknown> {
  const values = chart.rows.map((row, order) => ({ ...row, order, first: order === 0 }));
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.alt,
    data: { values },
    width: size.width,
    height: size.height,
    padding: 2,
    config: { background: null, view: { stroke: null } },
  };
  const categories = values.map((row) => row.category);
  if (chart.type === 'line') {
    const x = { field: 'category', type: 'ordinal', sort: categories, axis: null };
    const y = { field: 'value', type: 'quantitative', axis: null, scale: { zero: false } };
    return {
      ...base,
      encoding: { x, y },
      layer: [
        { mark: { type: 'line', color: chartPalette[0], strokeWidth: 2 } },
        {
          transform: [{ filter: { field: 'category', equal: categories.at(-1) ?? '' } }],
          mark: { type: 'point', filled: true, size: 30, color: chartPalette[1], opacity: 1 },
        },
      ],
    };
  }
  return {
    ...base,
    height: size.band,
    mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
    encoding: {
      x: { field: 'value', type: 'quantitative', stack: 'normalize', axis: null },
      order: { field: 'order' },
      color: {
        field: 'first',
        type: 'nominal',
        legend: null,
        scale: { domain: [true, false], range: [chartPalette[0], '#c9d1db'] },
      },
    },
  };
}

/**
 * The Vega-Lite specification of a chart: direct value labels, no quantitative axes. `part`
 * draws some of a bar chart's categories, on the whole chart's scale and margins.
 */
export function chartSpec(
  chart: Chart,
  size: ChartSize,
  part?: ChartPart,
): Record<string, unknown> {
  const values = chart.rows.map((row, order) => ({ ...row, group: row.group ?? '', order }));
  const groups = [...new Set(values.map((row) => row.group))];
  const categories = [...new Set(values.map((row) => row.category))];
  const grouped = groups.length > 1;
  const ink = '#1c2330';
  const config = {
    font: 'Source Sans 3',
    background: null,
    view: { stroke: null },
    axis: {
      labelFontSize: size.fontSize,
      labelColor: ink,
      domainColor: '#8a94a3',
      tickColor: '#8a94a3',
      labelLimit: 480,
      titleFontSize: size.fontSize,
    },
    legend: { labelFontSize: size.fontSize, orient: 'top', title: null, symbolType: 'square' },
    text: { fontSize: size.fontSize, fill: ink },
  };
  const color = {
    field: grouped ? 'group' : 'category',
    type: 'nominal',
    sort: grouped ? groups : categories,
    scale: { range: [...chartPalette] },
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.alt,
    data: { values },
    config,
  };
  const hidden = { axis: null };
  const texts = values.map((row) => row.text);
  // Room for the longest of these labels, measured in Source Sans 3 (a pixel over for kerning).
  const widthOf = (label: string) => textWidth(label) * size.fontSize;
  const room = (labels: readonly string[]) =>
    Math.ceil(Math.max(0, ...labels.map(widthOf)) * 1.02 + 1);
  /** Category names longer than `max` on several lines (Vega draws an array as lines). */
  const lineHeight = Math.round(size.fontSize * 1.15);
  const wrapped = (max: number, fits = Infinity) => {
    const lines = new Map(
      categories.map((label) => [label, clampLines(wrapWords(label, max, widthOf), fits)]),
    );
    const many = [...lines].filter(([label, text]) => text.length > 1 || text[0] !== label);
    return {
      room: Math.min(Math.ceil(max), room([...lines.values()].flat())),
      lines: Math.max(1, ...[...lines.values()].map((text) => text.length)),
      axis: {
        // Measured here: Vega's own truncation guesses widths (0.8 em a character) and cut.
        labelLimit: 0,
        labelLineHeight: lineHeight,
        ...(many.length > 0
          ? {
              // Vega sets a name's first line on the band's middle: lift each by half its rest.
              labelOffset: {
                condition: many.map(([label, text]) => ({
                  test: `datum.label === ${JSON.stringify(label)}`,
                  value: (-(text.length - 1) * lineHeight) / 2,
                })),
                value: 0,
              },
              labelExpr: many.reduceRight(
                (rest, [label, text]) =>
                  `datum.label === ${JSON.stringify(label)} ? ${JSON.stringify(text)} : ${rest}`,
                'datum.label',
              ),
            }
          : {}),
      },
    };
  };
  const legend = grouped ? size.fontSize * 2 : 0;
  /**
   * The drawing's size. Filling a slide it is exactly `size.width` × `size.height`, the plot inside
   * these margins: Vega's own guess of text widths without a canvas (0.8 em a character) would
   * leave long category names far too much room and the chart small in the middle.
   */
  const frame = (
    margin: { left: number; right: number; top: number; bottom: number },
    height: unknown,
  ) =>
    size.fill
      ? {
          autosize: { type: 'none' },
          padding: margin,
          width: size.width - margin.left - margin.right,
          height: size.height - margin.top - margin.bottom,
        }
      : { width: size.width, height };
  // Filling a slide, bands share its height; a bar never gets thicker than `thickest`.
  const thickest = size.fontSize * 3.5;
  const bandScale = (count: number, height: number) =>
    size.fill ? { scale: { paddingInner: Math.max(0.2, 1 - (thickest * count) / height) } } : {};

  // Value labels are ink, whatever the colour of their bar or line.
  const valueLabels = (mark: Record<string, unknown>) => ({
    mark: { type: 'text', ...mark },
    encoding: { text: { field: 'text' }, color: { value: ink } },
  });
  const fill = grouped ? { color } : {};
  const single = grouped ? {} : { color: chartPalette[0] };

  switch (chart.type) {
    case 'bar': {
      // Category names take two fifths of the width, wrapped at spaces; filling a slide, up to
      // three fifths when that is what keeps each name within its band's height.
      // A split chart's categories (a part); in the brief the parts meet on the page.
      const shown = part?.categories ?? categories;
      const joined = part && !size.fill ? part : undefined;
      const bands = shown.length;
      const fits = size.fill
        ? Math.max(1, Math.floor((0.95 * (size.height - legend - 8)) / bands / lineHeight))
        : Infinity;
      let names = wrapped(size.width * 0.4, Infinity);
      for (const share of [0.45, 0.5, 0.55, 0.6])
        if (names.lines > fits) names = wrapped(size.width * share, Infinity);
      // Still too many lines: smaller type, down to the least a slide's labels get (14 pt).
      const least = slideType.least * pxPerPt;
      if (names.lines > fits && size.fill && size.fontSize > least)
        return chartSpec(chart, { ...size, fontSize: Math.max(least, size.fontSize * 0.9) }, part);
      if (names.lines > fits) names = wrapped(size.width * 0.6, fits);
      // Joined parts after the first go on without the legend.
      const keyed = grouped && (joined?.first ?? true);
      const margin = {
        left: names.room + 10,
        right: room(texts) + 8,
        // Parts meet without a gap: their bands' own padding spaces them.
        top: (keyed ? legend : 0) + (joined && !joined.first ? 0 : 4),
        bottom: joined && !joined.last ? 0 : 4,
      };
      // In the brief a band grows to hold its name's lines (thinner past `bandsHeight`, never
      // thinner than them); every part of a split chart has the first part's bands.
      const step = Math.max(
        bandFor(
          (joined ? (barParts(chart, size)[0]?.categories.length ?? 1) : bands) * groups.length,
          size,
        ),
        names.lines > 1 ? Math.ceil((names.lines * lineHeight + 6) / groups.length) : 0,
      );
      // The drawing is `size.width` wide with the margins measured here: Vega's guess of label
      // widths would widen it, and the page would then scale it and its labels down.
      const drawn = size.fill
        ? frame(margin, { step })
        : {
            autosize: { type: 'none' },
            padding: margin,
            width: size.width - margin.left - margin.right,
            height: { step },
          };
      const extent = values.map((row) => row.value);
      return {
        ...base,
        ...drawn,
        ...(part ? { transform: [{ filter: { field: 'category', oneOf: shown } }] } : {}),
        encoding: {
          y: {
            field: 'category',
            type: 'nominal',
            sort: shown,
            title: null,
            axis: { domain: false, ticks: false, labelPadding: 6, ...names.axis },
            ...bandScale(bands * groups.length, Number(drawn.height)),
          },
          ...(grouped ? { yOffset: { field: 'group', sort: groups } } : {}),
          x: {
            field: 'value',
            type: 'quantitative',
            ...hidden,
            scale: part
              ? { zero: true, domain: [Math.min(0, ...extent), Math.max(0, ...extent)] }
              : { zero: true },
          },
        },
        layer: [
          {
            mark: { type: 'bar', ...single },
            encoding: keyed || !grouped ? fill : { color: { ...color, legend: null } },
          },
          valueLabels({ align: 'left', dx: 4 }),
        ],
      };
    }
    case 'column': {
      // Category names under their columns, wrapped to a column's share of the width.
      const names = wrapped((size.width / Math.max(1, categories.length)) * 0.9);
      const bottom = size.fontSize * (0.45 + 1.15 * names.lines);
      return {
        ...base,
        ...frame({ left: 4, right: 4, top: legend + size.fontSize * 1.4, bottom }, size.height),
        encoding: {
          x: {
            field: 'category',
            type: 'nominal',
            sort: categories,
            title: null,
            axis: { labelAngle: 0, ticks: false, ...names.axis },
          },
          ...(grouped ? { xOffset: { field: 'group', sort: groups } } : {}),
          y: { field: 'value', type: 'quantitative', ...hidden, scale: { zero: true } },
        },
        layer: [
          { mark: { type: 'bar', ...single }, encoding: fill },
          valueLabels({ baseline: 'bottom', dy: -3 }),
        ],
      };
    }
    case 'line': {
      const last = categories.at(-1) ?? '';
      const lines = grouped
        ? {
            color: { ...color, legend: null },
            strokeDash: { field: 'group', sort: groups, legend: null },
          }
        : {};
      // The first and last category names are centred on the plot's edges; line names follow
      // the last point.
      const ends = [categories[0] ?? '', last].map((label) => room([label]) / 2 + 4);
      const right = Math.max(ends[1] ?? 0, grouped ? room(groups) + 12 : 0, room(texts) / 2 + 4);
      return {
        ...base,
        ...frame(
          { left: ends[0] ?? 4, right, top: size.fontSize * 1.4, bottom: size.fontSize * 1.6 },
          size.height,
        ),
        encoding: {
          x: {
            field: 'category',
            type: 'ordinal',
            sort: categories,
            title: null,
            axis: { labelAngle: 0 },
            // Filling a slide, the line runs nearly edge to edge.
            ...(size.fill ? { scale: { padding: 0.1 } } : {}),
          },
          // Padding keeps the lowest label clear of the axis and the highest inside the plot.
          y: {
            field: 'value',
            type: 'quantitative',
            ...hidden,
            scale: { zero: false, padding: size.fontSize * 1.6 },
          },
        },
        layer: [
          { mark: { type: 'line', strokeWidth: 2.5, ...single }, encoding: lines },
          {
            mark: { type: 'point', filled: true, size: 40, opacity: 1, ...single },
            encoding: grouped ? { color: lines.color } : {},
          },
          valueLabels({ baseline: 'bottom', dy: -6 }),
          // Several lines are named at their right end instead of in a legend.
          ...(grouped
            ? [
                {
                  transform: [{ filter: { field: 'category', equal: last } }],
                  mark: { type: 'text', align: 'left', dx: 8, fontWeight: 600 },
                  encoding: { text: { field: 'group' }, color: { value: ink } },
                },
              ]
            : []),
        ],
      };
    }
    case 'stacked-bar': {
      // One bar per group (or a single bar) split into its categories, each part labelled under
      // it. Positions are computed here, so bars and labels share one [0, 1] scale exactly.
      const totals = new Map<string, number>();
      for (const row of values) totals.set(row.group, (totals.get(row.group) ?? 0) + row.value);
      const running = new Map<string, number>();
      const placed = values.map((row) => {
        const total = totals.get(row.group) || 1;
        const before = running.get(row.group) ?? 0;
        running.set(row.group, before + row.value);
        const start = before / total;
        const end = (before + row.value) / total;
        // Labels sit under their part, from its left edge, or from its right edge past halfway.
        const side = start < 0.5 ? 'left' : 'right';
        return {
          ...row,
          start,
          end,
          anchor: side === 'left' ? start : end,
          side,
          label: `${row.category} ${row.text}`,
        };
      });
      const x = {
        field: 'start',
        type: 'quantitative',
        scale: { domain: [0, 1], nice: false, zero: true },
        ...hidden,
      };
      // Filling a slide, each bar is half its group's share of the height (at most twice the
      // thickest bar), centred on it, with its labels under it.
      const thick = Math.min(size.height / (2 * groups.length), thickest * 2);
      const fill = size.fill
        ? { bar: { height: thick }, dy: thick / 2 + size.fontSize / 3 }
        : { bar: { height: { band: 0.5 }, yOffset: 0 } };
      const left = grouped ? room(groups) + 10 : 4;
      return {
        ...base,
        data: { values: placed },
        ...frame({ left, right: 4, top: 4, bottom: 4 }, { step: size.band * 2 }),
        encoding: {
          y: {
            field: 'group',
            type: 'nominal',
            sort: groups,
            title: null,
            axis: grouped ? { domain: false, ticks: false } : null,
            scale: { paddingInner: 0.5 },
          },
        },
        layer: [
          {
            mark: { type: 'bar', stroke: 'white', strokeWidth: 1.5, ...fill.bar },
            encoding: {
              x,
              x2: { field: 'end' },
              color: { ...color, field: 'category', sort: categories, legend: null },
            },
          },
          ...(['left', 'right'] as const).map((align) => ({
            transform: [{ filter: `datum.side === '${align}'` }],
            mark: {
              type: 'text',
              align,
              baseline: 'top',
              dx: align === 'left' ? 2 : -2,
              dy: fill.dy ?? size.band * 0.4,
            },
            encoding: { x: { ...x, field: 'anchor' }, text: { field: 'label' } },
          })),
        ],
      };
    }
  }
}

/** A label's words on as few lines as keep each within `max` (a word longer than that alone). */
export function wrapWords(label: string, max: number, widthOf: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && widthOf(`${last} ${word}`) <= max)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [label];
}

/** At most `fits` lines, the last ending in an ellipsis when words were left out. */
function clampLines(lines: string[], fits: number): string[] {
  if (lines.length <= fits) return lines;
  const kept = lines.slice(0, fits);
  kept[kept.length - 1] = `${(kept.at(-1) ?? '').replace(/\s+\S+$/, '')}…`;
  return kept;
}

/** One band's height for `count` bands: `size.band`, or thinner when they would pass `bandsHeight`. */
export function bandFor(count: number, size: ChartSize): number {
  if (!size.bandsHeight || count * size.band <= size.bandsHeight) return size.band;
  const thinnest = size.fontSize + 4;
  return Math.max(thinnest, Math.floor((size.bandsHeight / count) * 10) / 10);
}
