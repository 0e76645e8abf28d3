/**
 * The deck's slides from the Brief model (no browser): order and count, content derived for
 * sections without `:::slide`, speaker notes attached to the right slides, source lines.
 * Fixtures: test/fixtures/deck/<case>/content/<id>/.
 */
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../src/load/load-brief.js';
import { buildModel } from '../src/model/build-model.js';
import { deckSlides, type Slide } from '../src/model/deck.js';
import { paginate } from '../src/model/paginate-slide.js';
import { parseBrief } from '../src/parse/parse-brief.js';
import { deckFixtures, expectedDeck, lineOf, readFixtureBrief } from './deck-helpers.js';
import { repoRoot } from './helpers.js';

async function slidesOf(
  fixture: string,
  id: string,
): Promise<{ slides: Slide[]; markdown: string; stats: string }> {
  const contentDir = join(deckFixtures, fixture, 'content');
  const loaded = await loadBrief(contentDir, id, repoRoot);
  if (!loaded.ok) throw new Error(`fixture ${fixture} does not load`);
  const tree = await parseBrief(loaded);
  const fatal = loaded.markdown.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`fixture ${fixture} has errors: ${fatal.join('; ')}`);
  const slides = deckSlides(buildModel(loaded, tree));
  return { slides, ...(await readFixtureBrief(contentDir, id)) };
}

const bySlideTitle = (slides: readonly Slide[], title: string): Slide => {
  const slide = slides.find((candidate) => candidate.title === title);
  if (!slide) throw new Error(`no slide titled ${title}`);
  return slide;
};

describe('deck slides of the harbor fixture (six sections, recommendations, six sources)', () => {
  let slides: Slide[];
  let markdown: string;
  let stats: string;

  beforeAll(async () => {
    ({ slides, markdown, stats } = await slidesOf('structure', 'harbor'));
  });

  it('orders title, agenda, sections with their key figures, recommendations, sources', () => {
    expect(slides.map((slide) => [slide.kind, slide.title])).toEqual([
      ['title', 'Harbor Futures: Ports, Power and People'],
      ['agenda', 'Agenda'],
      ['section', 'Port context'],
      ['section', 'Cargo and ships'],
      ['key-figure', 'Cargo handled by the port, 2025'],
      ['section', 'Power supply'],
      ['key-figure', 'Peak load on the quayside grid'],
      ['key-figure', 'Shore power capacity planned by 2030'],
      ['section', 'Workforce'],
      // "What to do" holds :::recommendations: shown by the recommendations slide, not here.
      ['section', 'Annex on method'],
      ['recommendations', 'What to do'],
      ['sources', 'Sources (1)'],
      ['sources', 'Sources (2)'],
    ]);
  });

  it('agrees with the count taken from the Markdown', () => {
    const expected = expectedDeck(markdown, stats);
    expect(slides.map((slide) => [slide.kind, slide.title])).toEqual(
      expected.slides.map((slide) => [slide.kind, slide.title]),
    );
  });

  it('numbers slides 1…n in order', () => {
    expect(slides.map((slide) => slide.number)).toEqual(slides.map((_, index) => index + 1));
  });

  it('lists every section title on the agenda, the recommendations section included', () => {
    expect(bySlideTitle(slides, 'Agenda').agenda).toEqual([
      'Port context',
      'Cargo and ships',
      'Power supply',
      'Workforce',
      'What to do',
      'Annex on method',
    ]);
  });

  it('puts each big-number slide right after its section, with value and source line', () => {
    const figures = slides.filter((slide) => slide.kind === 'key-figure');
    expect(
      figures.map((slide) => ({
        after: slides[slide.number - 2]?.title,
        stat: slide.figure?.statId,
        // Numbers keep their unit on the same line (no-break spaces); compare the words.
        value: slide.figure?.value.replace(/\u00a0/g, ' '),
        source: slide.sourceText,
      })),
    ).toEqual([
      {
        after: 'Cargo and ships',
        stat: 'port-tonnage',
        value: '48.2 million tonnes',
        source: 'Harbor Port Authority, Annual Cargo Report',
      },
      {
        after: 'Power supply',
        stat: 'grid-load',
        value: '92%',
        source: 'Coastal Grid Operator, Substation Load Statistics',
      },
      {
        after: 'Peak load on the quayside grid',
        stat: 'shore-power',
        value: '64 megawatts',
        source: 'Municipal Energy Office, Shore Power Programme',
      },
    ]);
  });

  it('splits six sources over two slides, five to a slide, in citation order', () => {
    const sources = slides.filter((slide) => slide.kind === 'sources');
    expect(sources.map((slide) => slide.sources?.map((source) => source.number))).toEqual([
      [1, 2, 3, 4, 5],
      [6],
    ]);
    expect(sources[1]?.sources?.[0]?.publisher).toBe('Bureau of Harbor Surveys');
  });

  it('shows the first list of a section without :::slide, not its prose or later lists', () => {
    const html = bodyHtml(bySlideTitle(slides, 'Cargo and ships'));
    expect(html).toMatch(/^<ul>/);
    expect(html).toContain('Bulk cargo is led by grain exports');
    expect(html).toMatch(/1\.3\smillion\sTEU/);
    expect(html).not.toContain('Cargo volumes rose');
    expect(html).not.toContain('Second list item');
  });

  it('shows only the lead sentence of a section that has paragraphs and no list', () => {
    const context = bodyHtml(bySlideTitle(slides, 'Port context'));
    expect(context).toContain('The harbor has grown every year for a decade.');
    expect(context).not.toContain('It now handles');
    expect(context).not.toContain('Quayside cranes');
    // The sentence may run through a stat; it ends at the first full stop after it.
    const workforce = bodyHtml(bySlideTitle(slides, 'Workforce'));
    expect(workforce).toContain('3,412');
    expect(workforce).toContain('today.');
    expect(workforce).not.toContain('Training');
  });

  it('shows a written :::slide instead of anything derived', () => {
    const html = bodyHtml(bySlideTitle(slides, 'Power supply'));
    expect(html).toContain('Shore power planned');
    expect(html).not.toContain('New berths');
  });

  it('attaches notes to their section slide, and the recommendations notes to that slide', () => {
    expect(slides.map((slide) => [slide.title, slide.notesText ?? null])).toEqual([
      ['Harbor Futures: Ports, Power and People', null],
      ['Agenda', null],
      ['Port context', 'Open with the long growth of the port and its weight in the city economy.'],
      ['Cargo and ships', 'Stress that containers now outweigh bulk cargo by value.'],
      ['Cargo handled by the port, 2025', null],
      ['Power supply', null],
      ['Peak load on the quayside grid', null],
      ['Shore power capacity planned by 2030', null],
      ['Workforce', null],
      ['Annex on method', null],
      ['What to do', 'End on electrification because it pays for itself within a decade.'],
      ['Sources (1)', null],
      ['Sources (2)', null],
    ]);
    expect(toHtml(bySlideTitle(slides, 'Port context').notes ?? root)).toContain('<p>Open with');
  });

  it('keeps notes and :::slide blocks out of the slide body', () => {
    for (const slide of slides) expect(bodyHtml(slide)).not.toMatch(/data-block|Open with|:::/);
  });

  it('gives the recommendations slide its numbered items', () => {
    const items = (bySlideTitle(slides, 'What to do').items ?? []).map((item) => toHtml(item));
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('Electrify the berths.');
    expect(items[2]).toContain('Fund a port academy');
  });

  it('points derived slides at their H2 and a written slide at its :::slide block', () => {
    const heading = (title: string) => lineOf(markdown, new RegExp(`^## ${title}$`));
    const block = (title: string) =>
      heading(title) + lineOf(markdown.split('\n').slice(heading(title)).join('\n'), /^:::slide$/);
    expect(
      slides
        .filter((slide) => ['section', 'key-figure', 'recommendations'].includes(slide.kind))
        .map((slide) => [slide.title, slide.line, slide.column]),
    ).toEqual([
      ['Port context', heading('Port context'), 1],
      ['Cargo and ships', heading('Cargo and ships'), 1],
      ['Cargo handled by the port, 2025', heading('Cargo and ships'), 1],
      ['Power supply', block('Power supply'), 1],
      ['Peak load on the quayside grid', heading('Power supply'), 1],
      ['Shore power capacity planned by 2030', heading('Power supply'), 1],
      ['Workforce', heading('Workforce'), 1],
      ['Annex on method', heading('Annex on method'), 1],
      ['What to do', heading('What to do'), 1],
    ]);
  });
});

describe('deck slides of the rivers fixture (no recommendations, one source)', () => {
  let slides: Slide[];
  let markdown: string;
  let stats: string;

  beforeAll(async () => {
    ({ slides, markdown, stats } = await slidesOf('a4', 'rivers'));
  });

  it('has no recommendations slide and one unnumbered sources slide', () => {
    expect(slides.map((slide) => [slide.kind, slide.title])).toEqual([
      ['title', 'Rivers Without Borders'],
      ['agenda', 'Agenda'],
      ['section', 'Shared basins'],
      ['key-figure', 'River gauge stations shared across borders'],
      ['section', 'Next steps'],
      ['sources', 'Sources'],
    ]);
    expect(slides.map((slide) => slide.kind)).toEqual(
      expectedDeck(markdown, stats).slides.map((slide) => slide.kind),
    );
  });

  it('derives the last section slide from its list', () => {
    const html = bodyHtml(bySlideTitle(slides, 'Next steps'));
    expect(html).toContain('<li>Publish gauge data daily</li>');
    expect(html).toContain('<li>Share drought forecasts</li>');
  });
});

describe('lead sentence of a section whose first sentence has abbreviations', () => {
  let slides: Slide[];

  beforeAll(async () => {
    ({ slides } = await slidesOf('lead-sentence', 'abbrev'));
  });

  it('does not end the sentence at “U.S.” or “e.g.”', () => {
    const buyers = bodyHtml(bySlideTitle(slides, 'Buyers'));
    expect(buyers).toContain('The U.S. buys most of what the harbor exports.');
    expect(buyers).not.toContain('Europe');
    const sellers = bodyHtml(bySlideTitle(slides, 'Sellers'));
    expect(sellers).toContain('e.g. avocados and berries, ship mostly in winter.');
    expect(sellers).not.toContain('Grain');
  });
});

const root: Root = { type: 'root', children: [] };

/** A slide's body as the deck's template receives it (before its slots are filled). */
function bodyHtml(slide: Slide): string {
  return toHtml(slide.body ?? root);
}

describe('paginating a derived slide', () => {
  it('puts an item taller than a slide on a slide of its own instead of looping', () => {
    const long = 'a long item of many words that wraps again and again '.repeat(12);
    const item = (text: string): Element => ({
      type: 'element',
      tagName: 'li',
      properties: {},
      children: [{ type: 'text', value: text }],
    });
    const list: Element = {
      type: 'element',
      tagName: 'ul',
      properties: {},
      children: [item(long), item(long), item('short')],
    };
    const pages = paginate([list], 'Heading');
    expect(pages.map((page) => page.flatMap((block) => block.children).length)).toEqual([1, 1, 1]);
  });
});
