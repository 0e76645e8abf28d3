import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { DocumentSettings } from '../config/settings.js';
import { mediaTypes } from '../media-types.js';
import { outputFiles } from '../outputs.js';
import { renderPage, type BriefState, type PageKind } from './brief-states.js';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Root } from './files.js';
import { serveFileUrls } from './serve-urls.js';
import type { PdfStatus } from './pdf-builds.js';

/** The files a build writes for a brief: what the index links and the server may stream. */
export const outputNames = Object.values(outputFiles);

/** The media type of one of a build's files, by its name; undefined for any other name. */
export function outputType(name: string): string | undefined {
  if (!outputNames.includes(name)) return undefined;
  return mediaTypes[extname(name)];
}

/**
 * A brief or deck page: the printed HTML with its `file:` URLs served (the brief's images
 * included), plus the preview's stylesheet, script and messages.
 */
export async function documentPage(
  id: string,
  kind: PageKind,
  state: BriefState,
  row: string,
  settings: DocumentSettings,
  roots: readonly Root[],
): Promise<string> {
  const rows = state.rendered?.rows ?? [];
  const script = `<script src="/_preview/client.js" data-brief="${escapeHtml(id)}" data-version="${state.version}"${rows.length > 0 ? ` data-rows="${escapeHtml(JSON.stringify(rows))}"` : ''} defer></script>`;
  const panel = state.problems ? errorPanel(id, state.problems, state.rendered !== undefined) : '';
  if (!state.rendered) return shell(`${id}: errors`, `${panel}`, script);
  const rendered = state.rendered;
  const tree = fromHtml(await renderPage(rendered, kind, row));
  const linked = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'link' && typeof node.properties.href === 'string')
      linked.add(node.properties.href);
    if (node.tagName === 'style') linked.add(toString(node).trim());
  });
  const head: string[] = ['<link rel="stylesheet" href="/_preview/preview.css">'];
  // Config styles, unless the templates already link them from `document`.
  for (const sheet of settings.stylesheets)
    if (!linked.has(sheet)) head.push(`<link rel="stylesheet" href="${escapeHtml(sheet)}">`);
  if (settings.css && !linked.has(settings.css.trim()))
    head.push(`<style>\n${settings.css}\n</style>`);
  if (kind === 'brief')
    head.push(`<style>body.bk-brief { width: ${rendered.document.page.cssWidth}; }</style>`);
  head.push(script);
  const notes = panel || (state.warnings ? warningPanel(state.warnings) : '');
  append(tree, 'head', head.join('\n'), 'end');
  if (notes) append(tree, 'body', notes, 'start');
  serveFileUrls(tree, roots);
  return toHtml(tree);
}

/** Adds HTML to the start or end of the page's `head` or `body` element. */
function append(tree: HastRoot, tagName: 'head' | 'body', html: string, at: 'start' | 'end'): void {
  const nodes = fromHtml(html, { fragment: true }).children.filter(
    (node): node is ElementContent => node.type !== 'doctype',
  );
  let done = false;
  visit(tree, 'element', (node: Element) => {
    if (done || node.tagName !== tagName) return;
    node.children = at === 'start' ? [...nodes, ...node.children] : [...node.children, ...nodes];
    done = true;
  });
}

export interface IndexEntry {
  id: string;
  state: BriefState | undefined;
  pdf: PdfStatus | undefined;
  /** PDFs in the output folder (see `builtPdfs`). */
  built: string[];
}

/** The list of briefs, with links to their pages and their last built PDFs. */
export function indexPage(
  entries: readonly IndexEntry[],
  contentDir: string,
  versions: Record<string, number>,
): string {
  const rows = entries.map(({ id, state, pdf, built }) => {
    const title = state?.rendered?.model.meta.title ?? '';
    const shown = built
      .slice(0, 12)
      .map(
        (path) =>
          `<a href="/${encodeURIComponent(id)}/${path.split('/').map(encodeURIComponent).join('/')}">${escapeHtml(path)}</a>`,
      );
    if (built.length > shown.length) shown.push(`and ${built.length - shown.length} more`);
    const pdfs = shown.length > 0 ? shown.join(' ') : 'not built yet';
    const problems = state?.problems ? ' <span class="bk-preview-failed">has errors</span>' : '';
    const status = pdf?.summary ?? '';
    return `<tr><td><a href="/${encodeURIComponent(id)}/brief">${escapeHtml(id)}</a>${problems}</td><td>${escapeHtml(title)}</td><td><a href="/${encodeURIComponent(id)}/brief">brief</a> · <a href="/${encodeURIComponent(id)}/deck">deck</a></td><td>${pdfs}<br><small>${escapeHtml(status)}</small></td></tr>`;
  });
  const body =
    entries.length === 0
      ? `<p>No briefs in ${escapeHtml(contentDir)}. Create one with <code>briefkit new &lt;id&gt;</code>; it appears here when saved.</p>`
      : `<table><thead><tr><th>Brief</th><th>Title</th><th>Preview</th><th>PDFs (last build)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const script = `<script src="/_preview/client.js" data-versions="${escapeHtml(JSON.stringify(versions))}" defer></script>`;
  return shell('briefkit preview', `<h1>briefkit preview</h1>${body}`, script);
}

/** The files a build wrote for a brief: `brief.pdf`, or `<row>/brief.pdf` for a batch. */
export async function builtPdfs(outputDir: string, id: string): Promise<string[]> {
  const dir = join(outputDir, id);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isFile() && outputNames.includes(entry.name)) found.push(entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      const inner = await readdir(join(dir, entry.name)).catch(() => [] as string[]);
      for (const name of outputNames) if (inner.includes(name)) found.push(`${entry.name}/${name}`);
    }
  }
  return found;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function shell(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/_preview/preview.css">
${script}
</head>
<body class="bk-preview-page">
${body}
</body>
</html>
`;
}

function errorPanel(id: string, problems: string, stale: boolean): string {
  const note = stale ? '<p>The page below is the last version that rendered.</p>' : '';
  return `<section id="bk-preview-errors" role="alert"><h2>${escapeHtml(id)} has errors</h2><p>Fix them and save: this page reloads by itself.</p>${note}<pre>${escapeHtml(problems)}</pre></section>`;
}

/** Warnings do not stop a build; they sit folded at the top of the page. */
function warningPanel(warnings: string): string {
  const count = /(\d+) warnings?$/.exec(warnings)?.[0] ?? 'warnings';
  return `<details id="bk-preview-warnings"><summary>${escapeHtml(count)}</summary><pre>${escapeHtml(warnings)}</pre></details>`;
}
