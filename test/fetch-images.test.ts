/**
 * `briefkit fetch-images`: a README-style brief whose badges and photo live on a local HTTP
 * server. The build never asks the server for anything (the images print as their alt text, with
 * a warning); fetch-images downloads each image once into the brief's assets/web/ and rewrites
 * the links, after which the build prints them with no warning and still no request.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  makeTempDir,
  parseReport,
  pdfImages,
  png,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const badge =
  '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><rect width="90" height="20" fill="#2e7d32"/></svg>';
const photo = png(48, 32, [40, 90, 150]);

let server: Server;
let origin: string;
const requests: string[] = [];
let dir: string;
let before: CliResult;
let fetched: CliResult;
let after: CliResult;
let written: string;
let askedByBuild = -1;
let askedByFetch: string[] = [];
let askedByRebuild = -1;

const brief = (base: string) => `---
title: Seed library
date: 2026-02-01
---

[![build](${base}/badge.svg)](https://example.org/ci) ![Seed packets on a shelf](${base}/photo.png "The shelf")

<img src="${base}/photo.png" alt="The shelf again">

![Gone](${base}/missing.png)

![Ref][shelf]

[shelf]: ${base}/photo.png

\`\`\`markdown
![in code](${base}/code.png)
\`\`\`

## Borrowing

Take a packet, bring back seeds from what grew.
`;

const build = (out: string) =>
  runCli(['build', '--content', 'content', '--out', out, '--format', 'brief'], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/badge.svg') {
      response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(badge);
    } else if (request.url === '/photo.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(photo);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such file');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await makeTempDir('fetch-images');
  await mkdir(join(dir, 'content', 'seeds'), { recursive: true });
  await writeFile(join(dir, 'content', 'seeds', 'brief.md'), brief(origin));

  before = await build('before');
  askedByBuild = requests.splice(0).length;
  fetched = await runCli(['fetch-images', '--content', 'content'], { cwd: dir });
  askedByFetch = requests.splice(0);
  written = await readFile(join(dir, 'content', 'seeds', 'brief.md'), 'utf8');
  after = await build('after');
  askedByRebuild = requests.splice(0).length;
}, 180_000);

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await removeDir(dir);
});

it('builds with the web images left out, each a warning, and asks the server for nothing', () => {
  expect(before.code, before.stderr).toBe(0);
  const remote = parseReport(before.stderr).filter((message) =>
    message.text.includes('image-remote'),
  );
  // Five images: the badge, the photo three ways (one a reference) and the missing one.
  expect(remote.map((message) => message.text.split(/\s+/)[0])).toEqual(Array(5).fill('warning'));
  expect(askedByBuild).toBe(0);
});

it('downloads each address once, rewrites the image links and nothing else', async () => {
  expect(fetched.code, fetched.stderr).toBe(1); // the missing image
  expect(fetched.stderr).toMatch(/missing\.png not downloaded: the server answered 404/);
  expect(fetched.stderr).toMatch(/2 image\(s\) downloaded, 1 failed/);
  expect([...askedByFetch].sort()).toEqual(['/badge.svg', '/missing.png', '/photo.png']);
  const files = (await readdir(join(dir, 'content', 'seeds', 'assets', 'web'))).sort();
  expect(files).toEqual([
    expect.stringMatching(/^badge-\w{8}\.svg$/),
    expect.stringMatching(/^photo-\w{8}\.png$/),
  ]);
  const [svg, png] = files as [string, string];
  expect(await readFile(join(dir, 'content', 'seeds', 'assets', 'web', png))).toEqual(photo);
  expect(written).toContain(`[![build](assets/web/${svg})](https://example.org/ci)`);
  expect(written).toContain(`![Seed packets on a shelf](assets/web/${png} "The shelf")`);
  expect(written).toContain(`<img src="assets/web/${png}" alt="The shelf again">`);
  expect(written).toContain(`[shelf]: assets/web/${png}`);
  // What could not be had, and what is not an image, stay as written.
  expect(written).toContain(`![Gone](${origin}/missing.png)`);
  expect(written).toContain(`![in code](${origin}/code.png)`);
});

it('then builds with the images printed from the files, still with no request', async () => {
  expect(after.code, after.stderr).toBe(0);
  const remote = parseReport(after.stderr).filter((message) =>
    message.text.includes('image-remote'),
  );
  expect(remote).toHaveLength(1); // the missing one
  expect(askedByRebuild).toBe(0);
  const images = await pdfImages(
    new Uint8Array(await readFile(join(dir, 'after', 'seeds', 'brief.pdf'))),
  );
  expect(images.some((image) => image.width === 48 && image.height === 32)).toBe(true);
});
