/**
 * The preview serves a page's files from its own routes: a stylesheet written as a data URL
 * (choose-fonts' Noto Sans Math face) has its font's `file:` URL pointed there too, so an http
 * page can load it and no local path shows.
 */
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { packageRoots } from '../src/preview/files.js';
import { serveFileUrls } from '../src/preview/serve-urls.js';
import { fontStylesheets } from '../src/render/choose-fonts.js';
import type { Brief } from '../src/model/brief.js';

describe('serveFileUrls', () => {
  it("points the math face's font at the preview's route", () => {
    const brief = { meta: { lang: 'en' }, text: 'x ≤ 40 → y' } as unknown as Brief;
    const sheet = fontStylesheets(brief).find((href) => href.startsWith('data:text/css,'));
    expect(sheet).toBeDefined();
    expect(decodeURIComponent(sheet ?? '')).toContain('file:');
    const tree = fromHtml(`<link rel="stylesheet" href="${sheet ?? ''}">`, { fragment: true });
    serveFileUrls(tree, packageRoots());
    const served = decodeURIComponent(toHtml(tree));
    expect(served).toContain(
      'url(/_files/noto-sans-math/files/noto-sans-math-latin-400-normal.woff2)',
    );
    expect(served).not.toContain('file:');
  });
});
