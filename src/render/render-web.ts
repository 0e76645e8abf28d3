import type { Brief } from '../model/brief.js';
import { renderBrief } from './render-brief.js';
import type { RenderExtras, Templates } from './templates.js';
import { inlineAssets } from './web/inline-assets.js';

/**
 * brief.html, the web edition: the brief's own page (same template, same charts as inline SVG
 * with their descriptions) with the screen sheet after the print sheets, made into one file
 * that needs no network and runs no script.
 */
export async function renderWeb(
  brief: Brief,
  templates: Templates,
  extras: RenderExtras,
  allowedRoots: readonly string[],
): Promise<string> {
  const html = await renderBrief(brief, templates, extras, ['theme.css', 'brief.css', 'web.css']);
  return inlineAssets(html, allowedRoots);
}
