/**
 * load → parse → model, one fixture folder per case: `test/fixtures/model/<case>/` holds a brief
 * (brief.md + stats.yaml) and expected.json, a stable projection of the Brief model plus HTML
 * snippets that must (or must not) appear in given parts of it. One loop drives every case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../src/load/load-brief.js';
import type { Brief } from '../src/model/brief.js';
import { buildModel } from '../src/model/build-model.js';
import { parseBrief } from '../src/parse/parse-brief.js';
import { fixturesDir } from './helpers.js';

const modelFixtures = join(fixturesDir, 'model');
const cases = readdirSync(modelFixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Snippets {
  contains?: string[];
  excludes?: string[];
}

interface Expected {
  model: Projection;
  /** Keys: summary, lead, footnotes, all, section:<id>, notes:<id>, slide:<id>, recommendation:<n>. */
  html: Record<string, Snippets>;
}

interface Projection {
  meta: { title: string; lang: string; shortTitle: string; dateText: string; paper: string };
  summary: boolean;
  lead: boolean;
  footnotes: boolean;
  sections: { id: string; title: string; line: number; notes: boolean; slide: boolean }[];
  featured: { statId: string; value: string; sourceNumber: number }[];
  keyFigures: { statId: string; value: string; sourceNumber: number }[];
  recommendations: { sectionId: string | null; count: number } | null;
  sources: { id: string; number: number; accessedText: string | null }[];
  messages: { file: string; place: string; ruleId: string; fatal: boolean; reason: string }[];
}

interface Result {
  brief: Brief;
  projection: Projection;
}

async function readCase(name: string): Promise<Result> {
  const loaded = await loadBrief(modelFixtures, name, modelFixtures);
  const messages = () =>
    [loaded.markdown, loaded.statsFile].flatMap((file) =>
      file.messages.map((message) => ({
        file: file.basename ?? '',
        place: `${message.line ?? 0}:${message.column ?? 0}`,
        ruleId: message.ruleId ?? '',
        fatal: message.fatal === true,
        reason: message.reason,
      })),
    );
  if (!loaded.ok) throw new Error(`fixture ${name} does not load: ${JSON.stringify(messages())}`);
  const tree = await parseBrief(loaded);
  const brief = buildModel(loaded, tree);
  const figure = (value: Brief['featured'][number]) => ({
    statId: value.statId,
    value: value.value,
    sourceNumber: value.sourceNumber,
  });
  const projection: Projection = {
    meta: {
      title: brief.meta.title,
      lang: brief.meta.lang,
      shortTitle: brief.meta.shortTitle,
      dateText: brief.meta.dateText,
      paper: brief.meta.paper,
    },
    summary: brief.summary !== undefined,
    lead: brief.lead !== undefined,
    footnotes: brief.footnotes !== undefined,
    sections: brief.sections.map((section) => ({
      id: section.id,
      title: section.title,
      line: section.line,
      notes: section.notes !== undefined,
      // A written `:::slide`, as opposed to one derived from the section.
      slide: section.slideBlock !== undefined,
    })),
    featured: brief.featured.map(figure),
    keyFigures: brief.sections.flatMap((section) =>
      section.callouts.flatMap((callout) =>
        callout.kind === 'key-figure' ? [figure(callout.figure)] : [],
      ),
    ),
    recommendations: brief.recommendations
      ? {
          sectionId: brief.recommendations.sectionId ?? null,
          count: brief.recommendations.items.length,
        }
      : null,
    sources: brief.sources.map((source) => ({
      id: source.id,
      number: source.number,
      accessedText: source.accessedText ?? null,
    })),
    messages: messages(),
  };
  return { brief, projection };
}

/** The HTML of one named part of the brief, or undefined when the brief has no such part. */
function part(brief: Brief, key: string): string | undefined {
  const [kind, id = ''] = key.split(/:(.*)/s);
  const section = brief.sections.find((candidate) => candidate.id === id);
  switch (kind) {
    case 'summary':
      return html(brief.summary);
    case 'lead':
      return html(brief.lead);
    case 'footnotes':
      return html(brief.footnotes);
    case 'all':
      return allHtml(brief).join('\n');
    case 'section':
      return html(section?.body);
    case 'notes':
      return html(section?.notes);
    case 'slide':
      return section?.slidePages.map((page) => toHtml(page)).join('\n');
    case 'recommendation':
      return html(brief.recommendations?.items[Number(id) - 1]);
    default:
      throw new Error(`unknown part ${key} in expected.json`);
  }
}

/** Everything the brief PDF prints from the model (slides and notes are for the deck). */
function allHtml(brief: Brief): string[] {
  return [
    brief.summary,
    brief.lead,
    ...brief.sections.map((section) => section.body),
    brief.footnotes,
  ]
    .map(html)
    .filter((text): text is string => text !== undefined);
}

/** A part of the model as the brief's template receives it (before its slots are filled). */
function html(tree: Root | undefined): string | undefined {
  return tree && toHtml(tree);
}

describe.each(cases)('model fixture %s', (name) => {
  let result: Result;
  let expected: Expected;

  beforeAll(async () => {
    expected = JSON.parse(readFileSync(join(modelFixtures, name, 'expected.json'), 'utf8'));
    result = await readCase(name);
  });

  it('builds the expected model', () => {
    expect(result.projection).toEqual(expected.model);
  });

  it('has the expected HTML in each part', () => {
    for (const [key, snippets] of Object.entries(expected.html)) {
      const html = part(result.brief, key);
      expect.soft(html, `part ${key}`).toBeTypeOf('string');
      for (const snippet of snippets.contains ?? [])
        expect.soft(html ?? '', `part ${key} contains`).toContain(snippet);
      for (const snippet of snippets.excludes ?? [])
        expect.soft(html ?? '', `part ${key} excludes`).not.toContain(snippet);
    }
  });

  it('leaves no unresolved stat or source placeholders', () => {
    const html = allHtml(result.brief).join('\n');
    expect(html).not.toMatch(/data-source=|:stat\[|::key-figure|:::/);
  });

  it('links every in-document reference to something the brief prints', () => {
    const html = allHtml(result.brief).join('\n');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
    // The sources list is rendered by the template: one entry per numbered source.
    for (const source of result.brief.sources) ids.add(`source-${source.number}`);
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]);
    const dangling = targets.filter((target) => !ids.has(target));
    expect(dangling, 'href="#…" targets with no matching id').toEqual([]);
  });
});
