import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { LoadedBrief } from '../load/load-brief.js';
import type { Brief, Callout, Chart, Figure, Recommendations, Section, Source } from './brief.js';
import { buildChart } from './chart-model.js';
import { formatDate, formatFigure } from './format.js';
import { labelsFor } from './labels.js';

/** Parsed tree + loaded data → the typed Brief. Sources are numbered here, in reading order. */
export function buildModel(loaded: LoadedBrief, tree: Root): Brief {
  const { meta, data } = loaded;
  const numbering = new SourceNumbering(loaded);

  const top = tree.children.filter(isElement);
  const summary = top.find((node) => blockName(node) === 'summary');
  const footnotes = top.find(
    (node) => node.tagName === 'section' && 'dataFootnotes' in node.properties,
  );
  const sectionNodes = top.filter((node) => node.tagName === 'section' && node !== footnotes);
  const lead = top.filter(
    (node) => node !== summary && node !== footnotes && !sectionNodes.includes(node),
  );

  // Reading order: summary, key-figures panel, lead, sections, footnotes; then what only the
  // deck shows (slide blocks, notes), so the brief's own markers run 1, 2, 3 without gaps.
  if (summary) numbering.number(summary);
  const featured = Object.entries(data.stats)
    .filter(([, stat]) => stat.featured)
    .map(([id]) => figure(loaded, id, numbering));
  lead.forEach((node) => numbering.number(node));

  let recommendations: Recommendations | undefined;
  const requests = loaded.markdown.data.charts ?? [];
  const charts: Chart[] = [];
  const parts = sectionNodes.map((node) => {
    const notes = takeBlock(node, 'notes');
    const slide = takeBlock(node, 'slide');
    numbering.number(node);
    return { node, notes, slide };
  });
  if (footnotes) numbering.number(footnotes);
  for (const { notes, slide } of parts) {
    if (slide) numbering.number(slide);
    if (notes) numbering.number(notes);
  }

  const sections = parts.map(({ node, notes, slide }): Section => {
    const callouts: Callout[] = [];
    visit(node, 'element', (child) => {
      const chartIndex = child.tagName === 'figure' ? child.properties.dataChart : undefined;
      const request = requests[Number(chartIndex)];
      if (typeof chartIndex === 'string' && request) {
        const series = data.series[request.seriesId];
        const chart = buildChart(
          request,
          Number(chartIndex),
          loaded,
          series ? numbering.of(series.source) : 0,
        );
        // The figure is the chart's accessible unit; its name is the generated description.
        child.properties.ariaLabel = chart.alt;
        child.properties.role = 'figure';
        callouts.push({ kind: 'chart', chart });
        charts.push(chart);
      }
      const statId = child.tagName === 'figure' ? child.properties.dataStat : undefined;
      if (typeof statId === 'string')
        callouts.push({ kind: 'key-figure', figure: figure(loaded, statId, numbering) });
      if (blockName(child) === 'recommendations')
        recommendations = readRecommendations(child, String(node.properties.id));
    });
    const heading = node.children.find(
      (child): child is Element => isElement(child) && child.tagName === 'h2',
    );
    return {
      id: String(node.properties.id),
      title: heading ? toString(heading) : '',
      html: toHtml(node.children),
      notesHtml: notes && toHtml(notes.children),
      notesText: notes && plainText(notes),
      slideHtml: slide ? toHtml(slide.children) : deriveSlide(node, meta.lang),
      slideDerived: !slide,
      callouts,
      line: node.position?.start.line ?? 1,
      column: node.position?.start.column ?? 1,
    };
  });
  for (const node of lead) {
    if (blockName(node) === 'recommendations')
      recommendations = readRecommendations(node, undefined);
  }
  for (const section of sections) {
    if (section.slideHtml.trim() !== '' || section.id === recommendations?.sectionId) continue;
    // The deck still has a slide for it (the agenda promised one); say why it is blank.
    loaded.markdown.message(
      `Section “${section.title}” gives an empty slide: it has no list, paragraph, table, image, ` +
        'chart or code to show; give it a `:::slide` block',
      {
        place: { line: section.line, column: section.column },
        ruleId: 'empty-slide',
        source: 'briefkit',
      },
    );
  }

  return {
    id: loaded.id,
    dir: loaded.dir,
    path: loaded.markdown.path,
    meta: {
      ...meta,
      shortTitle: meta.short_title ?? meta.title,
      dateText: formatDate(meta.date, meta.lang),
    },
    summaryHtml: summary && toHtml(summary.children),
    leadHtml: lead.length > 0 ? toHtml(lead) : undefined,
    sections,
    recommendations,
    featured,
    sources: numbering.sources,
    charts,
    footnotesHtml: footnotes && toHtml(footnotes.children),
    batch:
      meta.batch && loaded.batch
        ? { key: meta.batch.key, label: meta.batch.label, rows: loaded.batch.rows }
        : undefined,
  };
}

/** Numbers sources on first citation and fills each marker with a link to its entry. */
class SourceNumbering {
  readonly sources: Source[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly label: string;
  constructor(private readonly loaded: LoadedBrief) {
    this.label = labelsFor(loaded.meta.lang).source;
  }

  of(sourceId: string): number {
    let number = this.numbers.get(sourceId);
    if (number === undefined) {
      const entry = this.loaded.data.sources[sourceId];
      if (!entry) throw new Error(`source ${sourceId} was not validated`);
      number = this.sources.length + 1;
      this.numbers.set(sourceId, number);
      const accessed = entry.accessed;
      this.sources.push({
        id: sourceId,
        number,
        publisher: entry.publisher,
        title: entry.title,
        url: entry.url,
        accessed,
        accessedText: accessed && formatDate(accessed, this.loaded.meta.lang),
      });
    }
    return number;
  }

  number(tree: Element): void {
    visit(tree, 'element', (node) => {
      const sourceId = node.tagName === 'sup' ? node.properties.dataSource : undefined;
      if (typeof sourceId !== 'string') return;
      const number = this.of(sourceId);
      delete node.properties.dataSource;
      node.children = [sourceLink(number, this.label)];
    });
  }
}

function sourceLink(number: number, label: string): ElementContent {
  return {
    type: 'element',
    tagName: 'a',
    properties: { href: `#source-${number}`, ariaLabel: `${label} ${number}` },
    children: [{ type: 'text', value: String(number) }],
  };
}

function figure(loaded: LoadedBrief, statId: string, numbering: SourceNumbering): Figure {
  const stat = loaded.data.stats[statId];
  if (!stat) throw new Error(`stat ${statId} was not validated`);
  const sourceNumber = numbering.of(stat.source);
  const points = stat.series ? (loaded.seriesData.get(stat.series) ?? []) : [];
  const spark =
    stat.series && points.length > 0
      ? buildChart(
          // Three or more points make a trend; fewer are parts of a whole.
          {
            seriesId: stat.series,
            type: points.length > 2 ? 'line' : 'stacked-bar',
            title: stat.label,
            line: 1,
            column: 1,
          },
          -1,
          loaded,
          numbering.of(loaded.data.series[stat.series]?.source ?? stat.source),
        )
      : undefined;
  return {
    statId,
    value: formatFigure(stat, loaded.meta.lang),
    label: stat.label,
    asOf: stat.as_of,
    sourceNumber,
    spark,
  };
}

function readRecommendations(block: Element, sectionId: string | undefined): Recommendations {
  const list = block.children.find(
    (child): child is Element => isElement(child) && child.tagName === 'ol',
  );
  const items = (list?.children ?? [])
    .filter(isElement)
    .map((item) => toHtml(item.children).trim());
  return { sectionId, items };
}

/** A section without `:::slide` shows its first list, else the first sentence of its first paragraph. */
function deriveSlide(section: Element, lang: string): string {
  const body = section.children.filter(isElement).filter((child) => child.tagName !== 'h2');
  const list = body.find((child) => child.tagName === 'ul' || child.tagName === 'ol');
  if (list) return toHtml(list);
  const paragraph = body.find((child) => child.tagName === 'p');
  if (!paragraph) return '';
  // The language's sentence rules know that "U.S." and "e.g." do not end a sentence. A soft line
  // break (hard-wrapped Markdown) is only a space to a reader, but ends a sentence for the
  // segmenter: read it as a space (same length, so the offsets below still hold).
  const [first] = new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(
    toString(paragraph).replace(/\n/g, ' '),
  );
  let remaining = (first?.segment ?? '').trimEnd().length;
  const lead: ElementContent[] = [];
  for (const child of paragraph.children) {
    if (remaining <= 0) break;
    const length = child.type === 'text' ? child.value.length : toString(child).length;
    // A sentence never ends inside an element (a stat, a link): keep elements whole.
    lead.push(
      child.type === 'text'
        ? { type: 'text', value: child.value.slice(0, remaining).replace(/\n/g, ' ') }
        : child,
    );
    remaining -= length;
  }
  return toHtml({
    type: 'element',
    tagName: 'p',
    properties: { className: ['bk-lead-sentence'] },
    children: lead,
  });
}

/** Block text with paragraphs kept apart (hast-util-to-string would run them together). */
function plainText(block: Element): string {
  return block.children
    .filter(isElement)
    .map((child) => textWithoutCitations(child).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

function textWithoutCitations(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || (node.tagName === 'sup' && 'className' in node.properties))
    return '';
  return node.children.map(textWithoutCitations).join('');
}

/** Removes a section's `:::notes` or `:::slide` block from its flow and returns it. */
function takeBlock(section: Element, name: string): Element | undefined {
  const index = section.children.findIndex(
    (child) => isElement(child) && blockName(child) === name,
  );
  if (index < 0) return undefined;
  const [block] = section.children.splice(index, 1);
  return block as Element;
}

function blockName(node: Element): string | undefined {
  const name = node.properties.dataBlock;
  return typeof name === 'string' ? name : undefined;
}

function isElement(node: RootContent | ElementContent): node is Element {
  return node.type === 'element';
}
