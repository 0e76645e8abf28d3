import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { LoadedBrief } from '../load/load-brief.js';
import { headingDepth } from '../section-level.js';
import type {
  Brief,
  Callout,
  Chart,
  Figure,
  Recommendations,
  Section,
  SlideSource,
  Source,
} from './brief.js';
import { deriveSlide } from './derive-slide.js';
import { slideChunks } from './slide-document.js';
import { peekFrontMatter } from '../load/front-matter-block.js';
import { titleAlerts } from './title-alerts.js';
import { dropFootnoteHeading } from './footnote-heading.js';
import { buildChart } from './chart-model.js';
import { formatDate, formatFigure } from '../format.js';
import { labelsFor } from '../labels.js';
import { leadCallouts, sectionCallouts } from './callout-rows.js';

/** Parsed tree + loaded data → the typed Brief. Sources are numbered here, in reading order. */
export function buildModel(loaded: LoadedBrief, tree: Root): Brief {
  const { meta, data } = loaded;
  const labels = labelsFor(meta.lang);
  titleAlerts(tree, labels);
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
  const leadPrinted = leadCallouts(
    lead,
    new Set(featured.map((figure) => figure.statId)),
    loaded.markdown,
  );

  // A slide document's slides are its `---` chunks, read before the sections give up their
  // `:::notes` (the brief prints the document as usual).
  const breaks = loaded.markdown.data.slideBreaks;
  const ignored: string[] = [];
  const chunks =
    breaks &&
    slideChunks(
      top.flatMap((node) =>
        node === footnotes
          ? []
          : node.tagName === 'section'
            ? node.children.filter(isElement)
            : [node],
      ),
      breaks,
      {
        title: meta.title,
        titleLine: loaded.titleLine,
        frontMatter: peekFrontMatter(String(loaded.markdown.value)),
        isNotes: (node) => blockName(node) === 'notes',
        ignored,
        webPicture: labels.webPicture,
      },
    );
  if (breaks && ignored.length > 0) {
    // One line for the document: what a Marp deck asks for that this deck does not do.
    const names = [...new Set(ignored)].map((name) =>
      name.startsWith('a ') ? name : `\`${name}\``,
    );
    loaded.markdown.info(
      `Not used by briefkit's deck, ignored: ${names.join(', ')} (themes, background images ` +
        'and values that are not CSS colours have no meaning here)',
      { place: { line: breaks.start, column: 1 }, ruleId: 'slide-directive', source: 'briefkit' },
    );
  }

  let recommendations: Recommendations | undefined;
  const requests = loaded.markdown.data.charts ?? [];
  const charts: Chart[] = [];
  const parts = sectionNodes.map((node) => {
    const chunks = splitSection(node);
    numbering.number(node);
    return { node, chunks };
  });
  if (footnotes) numbering.number(footnotes);
  for (const { chunks } of parts) {
    for (const { slide, notes } of chunks) {
      if (slide) numbering.number(slide);
      if (notes) numbering.number(notes);
    }
  }

  /** Callouts (charts, big numbers) in these nodes, in reading order; charts join the list. */
  const calloutsIn = (nodes: readonly Element[], sectionId: string | undefined): Callout[] => {
    const callouts: Callout[] = [];
    for (const root of nodes) {
      visit(root, 'element', (child) => {
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
          creditChart(child, `${labels.source}: ${chart.sourceText}`);
          callouts.push({ kind: 'chart', chart });
          charts.push(chart);
        }
        const statId = child.tagName === 'figure' ? child.properties.dataStat : undefined;
        if (typeof statId === 'string')
          callouts.push({ kind: 'key-figure', figure: figure(loaded, statId, numbering) });
        if (blockName(child) === 'recommendations')
          recommendations = readRecommendations(child, sectionId);
      });
    }
    return callouts;
  };

  const slideSource = (
    chunk: Chunk,
    place: Element,
    sectionId: string | undefined,
  ): SlideSource => {
    const title = chunk.heading ? toString(chunk.heading) : '';
    return {
      title,
      heading: chunk.heading && root(chunk.heading.children),
      notes: chunk.notes && root(chunk.notes.children),
      notesText: chunk.notes && plainText(chunk.notes),
      slidePages: chunk.slide
        ? [root(chunk.slide.children)]
        : deriveSlide(chunk.nodes, meta.lang, title),
      slideBlock: chunk.slide && placeOf(chunk.slide),
      callouts: calloutsIn(chunk.nodes, sectionId),
      ...placeOf(place),
    };
  };

  /** A chunk's charts and big numbers, found among those its sections gave. */
  const chunkCallouts = (nodes: readonly Element[]): Callout[] => {
    const callouts: Callout[] = [];
    for (const node of nodes) {
      visit(node, 'element', (child) => {
        const chart = charts.find(
          (candidate) => String(candidate.index) === child.properties.dataChart,
        );
        if (child.tagName === 'figure' && chart) callouts.push({ kind: 'chart', chart });
        const statId = child.tagName === 'figure' ? child.properties.dataStat : undefined;
        if (typeof statId === 'string')
          callouts.push({ kind: 'key-figure', figure: figure(loaded, statId, numbering) });
      });
    }
    return callouts;
  };

  const sections = parts.map(({ node, chunks }): Section => {
    const [own, ...subs] = chunks as [Chunk, ...Chunk[]];
    const id = String(node.properties.id);
    const section = slideSource(own, node, id);
    const subsections = subs.map((sub) => slideSource(sub, sub.heading ?? node, undefined));
    return { ...section, id, body: root(sectionCallouts(node.children)), subsections };
  });
  for (const node of lead) {
    if (blockName(node) === 'recommendations')
      recommendations = readRecommendations(node, undefined);
  }
  const leadHeading = lead.find((node) => headingDepth(node.tagName) !== undefined);
  const leadShown = lead.filter((node) => node !== leadHeading && !blockName(node));
  // "Overview", unless a section is called that (a memo's `## Overview`): then the document's
  // title, so that no two slides in a row carry the same heading.
  const overviewTaken = sections.some(
    (section) => section.title.trim().toLowerCase() === labels.overview.toLowerCase(),
  );
  const overviewTitle = leadHeading
    ? toString(leadHeading)
    : overviewTaken
      ? meta.title
      : labels.overview;
  const overviewPages = deriveSlide(leadShown, meta.lang, overviewTitle);
  const overview: SlideSource | undefined =
    overviewPages.length > 0
      ? {
          title: overviewTitle,
          heading: leadHeading && root(leadHeading.children),
          notes: undefined,
          notesText: undefined,
          slidePages: overviewPages,
          slideBlock: undefined,
          callouts: [],
          ...placeOf(leadShown[0]),
        }
      : undefined;

  const sources = sections.flatMap((section): [SlideSource, Section | undefined][] => [
    [section, section],
    ...section.subsections.map((sub): [SlideSource, undefined] => [sub, undefined]),
  ]);
  for (const chunk of chunks ?? []) chunk.callouts = chunkCallouts(chunk.nodes);
  for (const [index, chunk] of (chunks ?? []).entries()) {
    if (chunk.webOnly !== undefined) {
      loaded.markdown.message(
        `Slide ${index + 1} has nothing to show but a picture on the web (\`${chunk.webOnly}\`), which a build never fetches: it shows the picture's alt text instead; run \`briefkit fetch-images\` to download it into the brief`,
        {
          place: { line: chunk.line, column: chunk.column },
          ruleId: 'empty-slide',
          source: 'briefkit',
        },
      );
      continue;
    }
    if (chunk.title || chunk.slidePages.length > 0 || chunk.callouts.length > 0) continue;
    if (chunk.background) continue; // a picture alone is a slide
    loaded.markdown.message(`Slide ${index + 1} is empty: it has no heading and nothing to show`, {
      place: { line: chunk.line, column: chunk.column },
      ruleId: 'empty-slide',
      source: 'briefkit',
    });
  }

  for (const [source, section] of chunks ? [] : sources) {
    // A section that only introduces its sub-sections gets a divider slide listing them.
    const isPart = (section?.subsections.length ?? 0) > 0;
    const isRecommendations = section !== undefined && section.id === recommendations?.sectionId;
    // A slide with nothing to show but its charts or big numbers is left out: they follow it.
    if (source.slidePages.length > 0 || isPart || isRecommendations || source.callouts.length > 0)
      continue;
    loaded.markdown.message(
      `Section “${source.title}” gives an empty slide: it has no list, paragraph, table, ` +
        'image or code to show; give it a `:::slide` block',
      {
        place: { line: source.line, column: source.column },
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
    summary: summary && root(summary.children),
    lead: leadPrinted.length > 0 ? root(leadPrinted) : undefined,
    overview,
    sections,
    slideChunks: chunks,
    recommendations,
    featured,
    sources: numbering.sources,
    charts,
    footnotes: footnotes && root(dropFootnoteHeading(tree, footnotes)),
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
  const items = (list?.children ?? []).filter(isElement).map((item) => root(trim(item.children)));
  return { sectionId, items };
}

/** Writes a chart's source line (parse leaves it holding only the citation). */
function creditChart(figure: Element, credit: string): void {
  const line = figure.children.find(
    (child): child is Element =>
      isElement(child) &&
      Array.isArray(child.properties.className) &&
      child.properties.className.includes('bk-chart-source'),
  );
  line?.children.unshift({ type: 'text', value: credit });
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

/** A section's own part or one of its sub-sections: its nodes, `:::slide` and `:::notes`. */
interface Chunk {
  heading: Element | undefined;
  nodes: Element[];
  slide: Element | undefined;
  notes: Element | undefined;
}

/**
 * Splits a section at its sub-headings (one level below its own) and takes each part's first
 * `:::slide` and `:::notes` out of the flow: the brief does not print them.
 */
function splitSection(section: Element): Chunk[] {
  const level = Number(section.properties.dataLevel ?? 2);
  const own = section.children.find(isElement);
  const chunks: Chunk[] = [{ heading: own, nodes: [], slide: undefined, notes: undefined }];
  const kept: ElementContent[] = [];
  for (const child of section.children) {
    if (isElement(child) && child !== own) {
      if (headingDepth(child.tagName) === level + 1)
        chunks.push({ heading: child, nodes: [], slide: undefined, notes: undefined });
      const chunk = chunks.at(-1) as Chunk;
      const name = blockName(child);
      if ((name === 'slide' || name === 'notes') && !chunk[name]) {
        chunk[name] = child;
        continue;
      }
      if (child !== chunk.heading) chunk.nodes.push(child);
    }
    kept.push(child);
  }
  section.children = kept;
  return chunks;
}

/** A part of the model: these nodes under a root of their own. */
function root(children: readonly (RootContent | ElementContent)[]): Root {
  return { type: 'root', children: [...children] as RootContent[] };
}

/** Without the white space between a list item's edges and its content. */
function trim(children: readonly ElementContent[]): ElementContent[] {
  const kept = [...children];
  const blank = (node: ElementContent | undefined) =>
    node?.type === 'text' && node.value.trim() === '';
  while (blank(kept[0])) kept.shift();
  while (blank(kept.at(-1))) kept.pop();
  const first = kept[0];
  if (first?.type === 'text') kept[0] = { ...first, value: first.value.trimStart() };
  const last = kept.at(-1);
  if (last?.type === 'text') kept[kept.length - 1] = { ...last, value: last.value.trimEnd() };
  return kept;
}

function placeOf(node: Element | undefined): { line: number; column: number } {
  return { line: node?.position?.start.line ?? 1, column: node?.position?.start.column ?? 1 };
}

function blockName(node: Element): string | undefined {
  const name = node.properties.dataBlock;
  return typeof name === 'string' ? name : undefined;
}

function isElement(node: RootContent | ElementContent): node is Element {
  return node.type === 'element';
}
