/**
 * What only preview pages get: a small script (live reload, build status, slide overflow marks)
 * and a stylesheet that lays pages and slides out on screen. Printed PDFs never include either:
 * they are added to the HTML by the preview server, never by the templates.
 */

import { fitInPage, slideFit } from '../print/fit.js';

export const clientScript = String.raw`(() => {
  'use strict';
  const script = document.currentScript;
  const brief = script.dataset.brief || '';
  const version = script.dataset.version || '';
  const versions = script.dataset.versions || '';

  // Reload when this page's brief changes (any brief, on the index page).
  const stale = (all) =>
    brief ? String(all[brief] ?? '') !== version : JSON.stringify(all) !== versions;
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    sessionStorage.setItem('bk-preview-scroll:' + location.pathname, String(window.scrollY));
    location.reload();
  };
  const saved = sessionStorage.getItem('bk-preview-scroll:' + location.pathname);
  if (saved !== null) {
    sessionStorage.removeItem('bk-preview-scroll:' + location.pathname);
    const restore = () => window.scrollTo(0, Number(saved));
    restore();
    document.fonts.ready.then(restore);
  }

  const bar = document.createElement('div');
  bar.id = 'bk-preview-bar';
  bar.setAttribute('role', 'status');
  const status = document.createElement('span');
  status.className = 'bk-preview-status';
  if (brief) {
    const home = document.createElement('a');
    home.href = '/';
    home.textContent = 'All briefs';
    bar.append(home);
    for (const [label, href] of [
      ['Brief', '/' + brief + '/brief'],
      ['Deck', '/' + brief + '/deck'],
    ]) {
      const link = document.createElement('a');
      link.href = href + location.search;
      link.textContent = label;
      if (location.pathname === href) link.setAttribute('aria-current', 'page');
      bar.append(link);
    }
    // A batch brief: which row's values fill the page.
    const rows = JSON.parse(script.dataset.rows || '[]');
    if (rows.length > 0) {
      const picker = document.createElement('select');
      picker.setAttribute('aria-label', 'Batch row');
      const current = new URLSearchParams(location.search).get('row') || rows[0];
      for (const row of rows) {
        const option = document.createElement('option');
        option.value = row;
        option.textContent = row;
        option.selected = row === current;
        picker.append(option);
      }
      picker.addEventListener('change', () => {
        location.search = '?row=' + encodeURIComponent(picker.value);
      });
      bar.append(picker);
    }
    bar.append(status);
    document.body.append(bar);
  }

  const showPdf = (pdf) => {
    if (!pdf) return;
    status.dataset.state = pdf.state;
    status.textContent = pdf.summary;
    status.title = pdf.details || '';
  };

  const events = new EventSource('/_preview/events');
  events.addEventListener('hello', (event) => {
    const data = JSON.parse(event.data);
    document.documentElement.dataset.previewConnected = 'true';
    if (stale(data.versions)) reload();
    else if (brief) showPdf(data.pdf[brief]);
  });
  events.addEventListener('change', (event) => {
    const data = JSON.parse(event.data);
    if (!brief || (data.id === brief && String(data.version) !== version)) reload();
  });
  events.addEventListener('pdf', (event) => {
    const data = JSON.parse(event.data);
    if (data.id === brief) showPdf(data.pdf);
  });

  // Slides are measured as the printer measures them, by the printer's own function.
  const mark = () => {
    const fit = ${fitInPage.toString()};
    const slides = document.querySelectorAll(${JSON.stringify(slideFit.container)});
    for (const result of fit(${JSON.stringify(slideFit)})) {
      const slide = slides[result.index];
      slide.classList.toggle('bk-preview-overflow', result.overflow > 0);
      if (result.overflow > 0)
        slide.dataset.previewOverflow =
          'Slide ' + slide.dataset.slide + ' does not fit: ' + Math.round(result.overflow) + ' px overflow';
    }
  };
  if (document.body.classList.contains('bk-deck')) document.fonts.ready.then(mark);
})();
`;

export const previewStylesheet = `/* briefkit preview: pages and slides on a grey desk. Screen only; never printed. */
html { background: #d9dde3; }
body.bk-brief {
  box-sizing: border-box;
  margin: 56px auto 48px;
  padding: 0.8in;
  background: #fff;
  box-shadow: 0 1px 6px rgb(0 0 0 / 0.25);
}
body.bk-deck { padding: 56px 0 48px; }
.bk-deck .slide {
  margin: 0 auto 28px;
  background: #fff;
  box-shadow: 0 1px 6px rgb(0 0 0 / 0.25);
}
.bk-deck .slide.bk-preview-overflow { outline: 4px solid #c0261d; }
.bk-deck .slide.bk-preview-overflow::after {
  content: attr(data-preview-overflow);
  position: absolute;
  right: 0;
  bottom: 0;
  padding: 4px 10px;
  font: 600 13px/1.3 system-ui, sans-serif;
  color: #fff;
  background: #c0261d;
}
#bk-preview-bar {
  position: fixed;
  top: 0;
  left: 0;
  right: 0;
  z-index: 2147483646;
  display: flex;
  gap: 16px;
  align-items: center;
  padding: 8px 16px;
  font: 14px/1.3 system-ui, sans-serif;
  background: #1c2330;
  color: #fff;
}
#bk-preview-bar a { color: #cfe3ff; text-decoration: none; }
#bk-preview-bar a[aria-current='page'] { color: #fff; font-weight: 700; }
#bk-preview-bar .bk-preview-status { margin-left: auto; color: #c9d1db; }
#bk-preview-bar .bk-preview-status[data-state='failed'] { color: #ffb4ab; font-weight: 700; }
#bk-preview-errors {
  position: relative;
  z-index: 2147483647;
  box-sizing: border-box;
  margin: 0 auto 16px;
  max-width: 10in;
  padding: 16px 20px;
  font: 14px/1.45 system-ui, sans-serif;
  color: #fff;
  background: #8c1d18;
  box-shadow: 0 2px 10px rgb(0 0 0 / 0.35);
}
#bk-preview-warnings {
  box-sizing: border-box;
  margin: 0 auto 16px;
  max-width: 10in;
  padding: 8px 20px;
  font: 14px/1.45 system-ui, sans-serif;
  color: #3d2c00;
  background: #ffe9a8;
}
#bk-preview-warnings summary { cursor: pointer; font-weight: 600; }
#bk-preview-warnings pre {
  margin: 8px 0 0;
  white-space: pre-wrap;
  font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
#bk-preview-errors h2 {
  margin: 0 0 8px;
  padding: 0;
  border: 0;
  font: 700 16px/1.3 system-ui, sans-serif;
  letter-spacing: normal;
  text-transform: none;
  color: #fff;
}
#bk-preview-errors p { margin: 0 0 8px; }
#bk-preview-errors pre {
  margin: 0;
  white-space: pre-wrap;
  font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
body.bk-preview-page {
  max-width: 900px;
  margin: 0 auto;
  padding: 40px 24px;
  font: 16px/1.5 system-ui, sans-serif;
  color: #1c2330;
}
.bk-preview-page table { border-collapse: collapse; width: 100%; }
.bk-preview-page th, .bk-preview-page td { text-align: left; padding: 8px; border-bottom: 1px solid #c9d1db; }
.bk-preview-page .bk-preview-failed { color: #8c1d18; font-weight: 600; }
`;
