import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Brief, Chart, Figure, Section } from '../model/brief.js';
import type { Slide } from '../model/deck.js';
import { writeOptional, writePart, type PartContext } from './write-part.js';

/**
 * What templates receive: the model with every part ready to print. Prose is HTML (`{{{html}}}`),
 * each chart carries its drawing at the output's size (`{{{chart.svg}}}`) and each key figure its
 * spark (`{{{spark.svg}}}`), so a template writes whatever markup it likes around them.
 */
export type ChartPart = Chart & { svg: string };
export type FigurePart = Omit<Figure, 'spark'> & { spark: ChartPart | undefined };
export type SectionPart = Section & { html: string };

export interface BriefParts extends Omit<Brief, 'sections' | 'featured'> {
  summaryHtml: string | undefined;
  leadHtml: string | undefined;
  footnotesHtml: string | undefined;
  sections: SectionPart[];
  featured: FigurePart[];
}

export interface SlidePart extends Omit<Slide, 'items' | 'chart' | 'figure'> {
  html: string | undefined;
  /** A slide document's `![bg](…)` picture. */
  backgroundHtml: string | undefined;
  notesHtml: string | undefined;
  items: string[] | undefined;
  chart: ChartPart | undefined;
  figure: FigurePart | undefined;
}

export async function briefParts(brief: Brief, context: PartContext): Promise<BriefParts> {
  const [summaryHtml, leadHtml, footnotesHtml, sections, featured] = await Promise.all([
    writeOptional(brief.summary, context),
    writeOptional(brief.lead, context),
    writeOptional(brief.footnotes, context),
    Promise.all(
      brief.sections.map(async (section) => ({
        ...section,
        html: await writePart(section.body, context),
      })),
    ),
    Promise.all(brief.featured.map((figure) => figurePart(figure, context))),
  ]);
  return { ...brief, summaryHtml, leadHtml, footnotesHtml, sections, featured };
}

export async function slideParts(
  slides: readonly Slide[],
  context: PartContext,
): Promise<SlidePart[]> {
  return Promise.all(
    slides.map(async (slide) => {
      const [html, backgroundHtml, notesHtml, items, chart, figure] = await Promise.all([
        writeOptional(slide.body, context),
        writeOptional(slide.background, context),
        writeOptional(slide.notes, context),
        slide.items && Promise.all(slide.items.map((item) => writePart(item, context))),
        slide.chart && chartPart(slide.chart, context),
        slide.figure && figurePart(slide.figure, context),
      ]);
      return { ...slide, html, backgroundHtml, notesHtml, items, chart, figure };
    }),
  );
}

async function chartPart(chart: Chart, context: PartContext): Promise<ChartPart> {
  return {
    ...chart,
    svg: svgHtml(await context.draw?.({ kind: 'chart', index: chart.index, part: chart.part })),
  };
}

async function figurePart(figure: Figure, context: PartContext): Promise<FigurePart> {
  const svg = figure.spark && context.draw?.({ kind: 'spark', statId: figure.statId });
  return { ...figure, spark: figure.spark && { ...figure.spark, svg: svgHtml(await svg) } };
}

const svgHtml = (svg: Element | undefined): string => (svg ? toHtml(svg) : '');
