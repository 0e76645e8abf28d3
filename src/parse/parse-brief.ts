import type { Root as HastRoot } from 'hast';
// micromark in linear time on hostile input (patched before any parser is built).
import './linear-micromark.js';
import type { Nodes as MdastNode, Root as MdastRoot } from 'mdast';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import remarkDefinitionList, { defListHastHandlers } from 'remark-definition-list';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGemoji from 'remark-gemoji';
import { remarkAlert } from 'remark-github-blockquote-alert';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { LoadedBrief } from '../load/load-brief.js';
import { labelsFor } from '../labels.js';
import rehypeCodeLanguages from './rehype-code-languages.js';
import rehypeCodeLines from './rehype-code-lines.js';
import rehypeFragmentLinks from './rehype-fragment-links.js';
import rehypeImages from './rehype-images.js';
import rehypeMarpImages from './rehype-marp-images.js';
import rehypePageBreaks from './rehype-page-breaks.js';
import rehypeSections from './rehype-sections.js';
import rehypeUnsafe from './rehype-unsafe.js';
import remarkAbbreviations from './remark-abbreviations.js';
import remarkAlertIcons from './remark-alerts.js';
import remarkBlocks from './remark-blocks.js';
import rehypeContents from './rehype-contents.js';
import remarkAttributeLists from './remark-attribute-lists.js';
import remarkCharts from './remark-charts.js';
import remarkCodeFences, { plainLanguages } from './remark-code-fences.js';
import remarkDollarAmounts from './remark-dollar-amounts.js';
import remarkFencedDivs from './remark-fenced-divs.js';
import remarkFields from './remark-fields.js';
import remarkInlineFootnotes from './remark-inline-footnotes.js';
import { rewriteFencedDivs } from './fenced-div-lines.js';
import { closeFrontMatter } from './front-matter-close.js';
import { remarkGridTables, rewriteGridTables } from './grid-tables.js';
import { rewriteTildeDefinitions } from './tilde-definitions.js';
import remarkPandocMarks from './remark-pandoc-marks.js';
import remarkSlideComments, { rewriteSlideBreaks } from './slide-breaks.js';
import remarkPlainColons from './remark-plain-colons.js';
import remarkSiteTags from './remark-site-tags.js';
import remarkSpecTerms from './remark-spec-terms.js';
import remarkStats from './remark-stats.js';
import remarkTableCaptions from './remark-table-captions.js';
import { contentError } from '../messages.js';
import remarkTitleHeading from './remark-title-heading.js';
import remarkUntrackedNumbers from './remark-untracked-numbers.js';
import { sanitizeSchema } from './sanitize-schema.js';

/** brief.md → a sanitized HTML tree grouped into sections; problems land on `brief.markdown`. */
export async function parseBrief(brief: LoadedBrief): Promise<HastRoot> {
  const processor = unified()
    .use(remarkParse)
    // Single tildes are Pandoc's subscript (`H~2~O`); GFM's strikethrough is `~~text~~`.
    .use(remarkGfm, { singleTilde: false })
    .use(remarkDefinitionList)
    // `$…$` and `$$…$$` are TeX, typeset at build time by KaTeX below; `$5 and $10` stays text.
    .use(remarkMath)
    .use(remarkDollarAmounts)
    // A leading `---` block that is not a YAML mapping is Markdown: a thematic break.
    .use(brief.frontMatter ? [[remarkFrontmatter, ['yaml']]] : [])
    .use(remarkDirective)
    // Pandoc's grid tables, cut into cells before parsing (grid-tables.ts).
    .use(remarkGridTables)
    .use(remarkTableCaptions)
    // A slide document's comments are its speaker notes and directives (slide-breaks.ts).
    .use(remarkSlideComments)
    // Pandoc's, Quarto's and markdown-it's `:::` blocks (see fenced-div-lines.ts) and attribute
    // lists, before briefkit's own directives are checked.
    .use(remarkFencedDivs)
    .use(remarkTitleHeading, { line: brief.titleLine })
    .use(remarkPlainColons)
    // After the colons are text again: `{:toc}` was read as a directive named `toc`.
    .use(remarkAttributeLists)
    .use(remarkCodeFences)
    // Jekyll's `{% include … %}` and Quarto's `{{< include … >}}` lines: left out, said once.
    .use(remarkSiteTags)
    .use(remarkGemoji)
    .use(remarkInlineFootnotes)
    .use(remarkPandocMarks)
    // The CommonMark spec's `[term](@)` definitions and their `[term]` references.
    .use(remarkSpecTerms)
    // `*[HTML]: Hyper Text Markup Language` lines: never printed; each use of the term an <abbr>.
    .use(remarkAbbreviations)
    .use(remarkAlert)
    .use(remarkAlertIcons)
    .use(remarkBlocks)
    .use(remarkStats, {
      stats: brief.data.stats,
      sources: Object.keys(brief.data.sources),
      lang: brief.meta.lang,
    })
    .use(remarkUntrackedNumbers)
    .use(remarkFields, { columns: brief.batch?.columns })
    .use(remarkCharts, {
      series: brief.data.series,
      seriesData: brief.seriesData,
    })
    // Footnote ids are left bare here: rehype-sanitize prefixes every content id once.
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: labelsFor(brief.meta.lang).notes,
      // In the document's language: mdast-util-to-hast's default is English.
      footnoteBackLabel: (reference: number, again: number) =>
        labelsFor(brief.meta.lang).backToReference.replace(
          '{n}',
          `${reference + 1}${again > 1 ? `-${again}` : ''}`,
        ),
      // An arrow the embedded fonts have (the default ↩ is drawn from a system font).
      footnoteBackContent: '↑',
      clobberPrefix: '',
      handlers: defListHastHandlers,
    })
    .use(rehypeRaw)
    .use(rehypeUnsafe)
    .use(rehypePageBreaks)
    .use(rehypeSanitize, sanitizeSchema)
    // After the sanitizer, which would strip KaTeX's inline styles; before the highlighter, which
    // would take the math's `language-math` code for a program.
    .use(rehypeKatex)
    // Highlighted here, at build time, into classes brief.css and deck.css colour: no script.
    .use(rehypeHighlight, {
      detect: false,
      plainText: plainLanguages,
    })
    // One warning per fence language without a grammar, not one per block.
    .use(rehypeCodeLanguages)
    .use(rehypeCodeLines)
    // Marp's `w:300`, `sepia` … out of the alt text before a web picture's stands in for it.
    .use(rehypeMarpImages, { marp: brief.meta.slides === 'marp' })
    .use(rehypeImages, { dir: brief.dir })
    .use(rehypeSections)
    // Every other heading gets GitHub's slug as its id (H2s got theirs as sections), so a link to
    // any heading resolves, whatever its script.
    .use(rehypeSlug)
    .use(rehypeContents, { toc: brief.meta.toc, title: labelsFor(brief.meta.lang).contents })
    .use(rehypeFragmentLinks)
    .use((await import('./rehype-link-targets.js')).default);

  const file = brief.markdown;
  if (brief.frontMatter) closeFrontMatter(file);
  rewriteFencedDivs(file);
  rewriteTildeDefinitions(file);
  rewriteGridTables(file);
  rewriteSlideBreaks(file, brief.meta.slides);
  const mdast = processor.parse(file);
  // The line check before parsing counts block levels; this catches any other way to nest
  // (inline markup), before the tree walkers below recurse once per level.
  const deep = deepestNode(mdast, maxDepth(brief.limits.nesting));
  if (deep) {
    contentError(
      file,
      `Nested more than ${brief.limits.nesting} levels deep: flatten it, or raise \`limits.nesting\` in the config`,
      deep,
      'nesting',
    );
    return { type: 'root', children: [] };
  }
  const tree = await processor.run(mdast, file);
  warnUnusedStats(brief);
  return tree;
}

/** Tree levels allowed for `nesting` container levels: a list item is two (list, item), plus inline. */
const maxDepth = (nesting: number) => nesting * 3 + 20;

/** The first node deeper than `limit` levels, found without recursion. */
function deepestNode(root: MdastRoot, limit: number): MdastNode | undefined {
  const stack: [MdastNode, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > limit) return node;
    if (!('children' in node)) continue;
    // Pushed last to first, so the first deep node in reading order is found.
    for (let index = node.children.length - 1; index >= 0; index--)
      stack.push([node.children[index] as MdastNode, depth + 1]);
  }
  return undefined;
}

/**
 * A stat nobody cites is probably a typo or a leftover; featured stats are shown in the panel.
 * A source is used when a stat or series names it or the text cites it (`:cite[id]`).
 */
function warnUnusedStats(brief: LoadedBrief): void {
  const cited = new Set(brief.markdown.data.citedSources);
  for (const entry of [...Object.values(brief.data.stats), ...Object.values(brief.data.series)]) {
    cited.add(entry.source);
  }
  for (const id of Object.keys(brief.data.sources)) {
    if (cited.has(id)) continue;
    brief.statsFile.message(`Source \`${id}\` is not cited by any stat, series or :cite`, {
      place: brief.statPlaces.get(`sources.${id}`),
      ruleId: 'unused-source',
      source: 'briefkit',
    });
  }
  const used = brief.markdown.data.usedStats ?? new Set<string>();
  for (const [id, stat] of Object.entries(brief.data.stats)) {
    if (used.has(id) || stat.featured) continue;
    brief.statsFile.message(`Stat \`${id}\` is not used in brief.md`, {
      place: brief.statPlaces.get(`stats.${id}`),
      ruleId: 'unused-stat',
      source: 'briefkit',
    });
  }
  const usedSeries = new Set(brief.markdown.data.usedSeries);
  for (const stat of Object.values(brief.data.stats)) if (stat.series) usedSeries.add(stat.series);
  for (const id of Object.keys(brief.data.series)) {
    if (usedSeries.has(id)) continue;
    brief.statsFile.message(`Series \`${id}\` is not charted in brief.md`, {
      place: brief.statPlaces.get(`series.${id}`),
      ruleId: 'unused-series',
      source: 'briefkit',
    });
  }
}
