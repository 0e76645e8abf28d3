/**
 * The printer (real Chromium) is closed to the network and runs no scripts: a page that points
 * at a local HTTP server in every way HTML and CSS allow still prints, and the server sees
 * neither a request nor a connection. Files outside the allowed folders are refused too.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Printer } from '../src/print/printer.js';
import { makeTempDir, normalizeSpace, pdfImages, pdfText, png, removeDir } from './helpers.js';

let server: Server;
let origin: string;
const requests: string[] = [];
let connections = 0;

let dir: string;
let printer: Printer;
let remotePdf: Uint8Array;
let allowedImagePdf: Uint8Array;
let refusedImagePdf: Uint8Array;
let linkedImagePdf: Uint8Array;
const probe = { width: 37, height: 23 };

function remotePage(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Network probe</title>
<style>@import url("${base}/import.css");</style>
<link rel="stylesheet" href="${base}/style.css">
<link rel="preload" as="image" href="${base}/preload.png">
<link rel="prefetch" href="${base}/prefetch.html">
<link rel="preconnect" href="${base}">
<link rel="dns-prefetch" href="${base}">
<link rel="icon" href="${base}/favicon.ico">
<style>
  @font-face { font-family: Remote; src: url("${base}/font.woff2") format("woff2"); }
  body { background: url("${base}/background.png"); }
  .remote-font { font-family: Remote, serif; }
  .remote-list { list-style-image: url("${base}/bullet.png"); }
</style>
</head>
<body>
<p id="target">original text</p>
<p class="remote-font">remote font probe</p>
<ul class="remote-list"><li>item</li></ul>
<img src="${base}/image.png" alt="remote image">
<img srcset="${base}/srcset.png 1x" alt="remote srcset">
<picture><source srcset="${base}/picture.png"><img alt="remote picture"></picture>
<svg width="10" height="10"><image href="${base}/svg-image.png" width="10" height="10"/></svg>
<video poster="${base}/poster.png"></video>
<iframe src="${base}/frame.html"></iframe>
<object data="${base}/object.html"></object>
<script src="${base}/script.js"></script>
<script>document.getElementById('target').textContent = 'changed by script';</script>
<noscript><p>scripts are off</p></noscript>
</body>
</html>`;
}

const imagePage = (src: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Image</title></head>
<body><p>picture below</p><img src="${src}" alt="probe" width="80" height="40"></body></html>`;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('body { color: red }');
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  dir = await makeTempDir('network');
  const allowed = join(dir, 'allowed');
  const elsewhere = join(dir, 'elsewhere');
  await mkdir(allowed);
  await mkdir(elsewhere);
  // An odd size, so the picture cannot be mistaken for Chromium's broken-image icon.
  await writeFile(join(allowed, 'probe.png'), png(probe.width, probe.height, [20, 90, 200]));
  await writeFile(join(elsewhere, 'probe.png'), png(probe.width, probe.height, [200, 30, 30]));
  // Inside the allowed folder by name, outside it in fact.
  await symlink(join(elsewhere, 'probe.png'), join(allowed, 'linked.png'));

  printer = new Printer({ allowedRoots: [allowed], timeout: 60_000 });
  remotePdf = await printer.print({ name: 'network-probe.pdf', html: remotePage(origin) });
  allowedImagePdf = await printer.print({
    name: 'allowed-image.pdf',
    html: imagePage(pathToFileURL(join(allowed, 'probe.png')).href),
  });
  refusedImagePdf = await printer.print({
    name: 'refused-image.pdf',
    html: imagePage(pathToFileURL(join(elsewhere, 'probe.png')).href),
  });
  linkedImagePdf = await printer.print({
    name: 'linked-image.pdf',
    html: imagePage(pathToFileURL(join(allowed, 'linked.png')).href),
  });
});

afterAll(async () => {
  await printer?.dispose();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await removeDir(dir);
});

describe('printer network isolation', () => {
  it('prints a page full of remote references', async () => {
    expect(Buffer.from(remotePdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = normalizeSpace((await pdfText(remotePdf)).join('\n'));
    expect(text).toContain('remote font probe');
  });

  it('sends no request to the network', () => {
    expect(requests).toEqual([]);
  });

  it('opens no connection to the network (no preconnect, prefetch or DNS warm-up)', () => {
    expect(connections).toBe(0);
  });

  it('runs no JavaScript from the page', async () => {
    const text = normalizeSpace((await pdfText(remotePdf)).join('\n'));
    expect(text).toContain('original text');
    expect(text).not.toContain('changed by script');
  });

  it('loads images from the allowed folders', async () => {
    expect(await pdfImages(allowedImagePdf)).toContainEqual(probe);
  });

  it('refuses files outside the allowed folders', async () => {
    const text = normalizeSpace((await pdfText(refusedImagePdf)).join('\n'));
    expect(text).toContain('picture below');
    expect(await pdfImages(refusedImagePdf)).not.toContainEqual(probe);
  });

  it('refuses a link in an allowed folder to a file outside it', async () => {
    const text = normalizeSpace((await pdfText(linkedImagePdf)).join('\n'));
    expect(text).toContain('picture below');
    expect(await pdfImages(linkedImagePdf)).not.toContainEqual(probe);
  });
});
