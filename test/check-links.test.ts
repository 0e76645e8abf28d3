/**
 * `briefkit check --links`: every source URL requested once, with a timeout, against a local
 * HTTP server started here (never the internet): a page that answers, one that is gone, one
 * moved for good, a temporary redirect, a redirect to a missing page, a redirect loop, one that
 * never answers and a port nobody listens on. Each failure is a warning at the URL in
 * stats.yaml; a plain `check`, a build and `sources` request nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeMessage,
  makeTempDir,
  normalizeSpace,
  parseReport,
  pdfText,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

let dir: string;
let server: Server;
let base: string;
let closedPort: number;
/** Paths requested, in order, with their method and user agent. */
const requests: { path: string; method: string; agent: string }[] = [];

/** The routes: each answers as a real site might. */
function answer(path: string): { status: number; location?: string } | undefined {
  switch (path) {
    case '/ok':
      return { status: 200 };
    case '/gone':
      return { status: 404 };
    case '/forbidden':
      return { status: 403 };
    case '/moved':
      return { status: 301, location: '/ok' };
    case '/hop':
      return { status: 302, location: `${base}/ok` };
    case '/moved-missing':
      return { status: 308, location: '/missing' };
    case '/missing':
      return { status: 404 };
    case '/loop':
      return { status: 302, location: '/loop' };
    default:
      return undefined; // /slow: never answers
  }
}

const sources: [id: string, path: string][] = [
  ['live', '/ok'],
  ['gone', '/gone'],
  ['forbidden', '/forbidden'],
  ['moved', '/moved'],
  ['hop', '/hop'],
  ['moved-missing', '/moved-missing'],
  ['loop', '/loop'],
  ['slow', '/slow'],
  ['refused', ''],
];

/** A brief that cites every source, so nothing else is reported. */
async function writeBrief(root: string, id: string, urls: Map<string, string>): Promise<string> {
  const folder = join(root, 'content', id);
  await mkdir(folder, { recursive: true });
  const entries = [...urls].map(
    ([source, url]) =>
      `  ${source}:\n    publisher: Test Office\n    title: Page ${source}\n    url: ${url}\n    accessed: 2026-12-01\n`,
  );
  const stats =
    `sources:\n${entries.join('')}\nstats:\n  tonnage:\n    label: Cargo handled\n` +
    `    value: 1200\n    format: number\n    unit: tonnes\n    as_of: 2025\n    source: live\n`;
  await writeFile(join(folder, 'stats.yaml'), stats);
  const cites = [...urls.keys()].map((source) => `:cite[${source}]`).join(' ');
  await writeFile(
    join(folder, 'brief.md'),
    `---\ntitle: Links ${id}\ndate: 2026-12-01\n---\n\n## Cargo\n\nThe port handled :stat[tonnage] in 2025. Sources ${cites}.\n`,
  );
  return stats;
}

/** Where `url: <url>` of `source` is written: line and column of the URL, 1-based. */
function placeOf(stats: string, url: string): string {
  const lines = stats.split('\n');
  const index = lines.findIndex((line) => line === `    url: ${url}`);
  return `${index + 1}:${'    url: '.length + 1}`;
}

let root: string;
let stats: string;
let urls: Map<string, string>;
let plain: CliResult;
let built: CliResult;
let ledger: CliResult;
let plainRequests: number;
let linked: CliResult;
let linkedEnd: number;
let copyStats: string;
let json: CliResult;

beforeAll(async () => {
  dir = await makeTempDir('links');
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({
      path,
      method: request.method ?? '',
      agent: request.headers['user-agent'] ?? '',
    });
    const reply = answer(path);
    if (!reply) return; // held open until the client gives up
    response.writeHead(reply.status, reply.location ? { location: reply.location } : {});
    response.end(reply.status === 200 ? 'a source page\n' : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was free a moment ago and is closed now: nobody answers there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));

  urls = new Map(
    sources.map(([id, path]) => [id, path ? `${base}${path}` : `http://127.0.0.1:${closedPort}/`]),
  );
  root = join(dir, 'project');
  stats = await writeBrief(root, 'port', urls);
  // A second brief with the same pages: each URL is still requested once.
  copyStats = await writeBrief(
    root,
    'port-copy',
    new Map([
      ['gone', `${base}/gone`],
      ['live', `${base}/ok`],
    ]),
  );

  plain = await runCli(['check'], { cwd: root });
  // A build (the PDF printed, the web edition written) and the ledger read the same sources.
  built = await runCli(['build', 'port', '--format', 'brief,web', '--out', 'built'], {
    cwd: root,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });
  ledger = await runCli(['sources', 'port'], { cwd: root });
  plainRequests = requests.length;
  linked = await runCli(['check', '--links', '--link-timeout', '1'], { cwd: root });
  linkedEnd = requests.length;
  json = await runCli(
    [
      'check',
      'port-copy',
      '--links',
      '--link-timeout',
      '1',
      '--reporter',
      'json',
      '--max-warnings',
      '0',
    ],
    { cwd: root },
  );
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await removeDir(dir);
});

describe('check --links', () => {
  it('nothing else requests a source URL: not a plain check, a build or the ledger', async () => {
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('2 brief(s) checked\n');
    expect(built.code, built.stderr).toBe(0);
    expect(ledger.code, ledger.stderr).toBe(0);
    // The build did print the URLs (in the sources list) without requesting them.
    const text = normalizeSpace(
      (await pdfText(await readFile(join(root, 'built', 'port', 'brief.pdf')))).join(' '),
    );
    expect(text).toContain(`${base}/gone`);
    expect(ledger.stdout).toContain(`${base}/gone`);
    expect(plainRequests).toBe(0);
  });

  it('warns about each failing source at its URL in stats.yaml, and notes a permanent move', () => {
    expect(linked.code, linked.stderr).toBe(0);
    const file = 'content/port/stats.yaml';
    const at = (id: string) => `${file}:${placeOf(stats, urls.get(id) ?? '')}`;
    const messages = parseReport(linked.stderr)
      .filter((message) => message.file === file)
      .map(describeMessage);
    expect(messages).toEqual([
      `${at('gone')} warning  Source \`gone\`: ${base}/gone answered 404 Not Found  dead-link`,
      `${at('forbidden')} warning  Source \`forbidden\`: ${base}/forbidden answered 403 Forbidden: the site may refuse automated requests, so open it in a browser to be sure  dead-link`,
      `${at('moved')} info  Source \`moved\`: ${base}/moved has moved to ${base}/ok  redirected-link`,
      `${at('moved-missing')} warning  Source \`moved-missing\`: ${base}/moved-missing answered 404 Not Found (redirected to ${base}/missing)  dead-link`,
      `${at('loop')} warning  Source \`loop\`: ${base}/loop redirects more than 10 times  dead-link`,
      `${at('slow')} warning  Source \`slow\`: ${base}/slow did not answer within 1 s  dead-link`,
      `${at('refused')} warning  Source \`refused\`: http://127.0.0.1:${closedPort}/ could not be reached (ECONNREFUSED)  dead-link`,
    ]);
    expect(linked.stderr).toContain(
      `2 brief(s) checked, ${sources.length} source link(s) requested\n`,
    );
  });

  it('requests each URL once, with GET, and follows redirects itself', () => {
    const run = requests.slice(plainRequests, linkedEnd);
    expect(run.every((request) => request.method === 'GET')).toBe(true);
    // Named as crawlers name themselves, so sites that admit only those answer.
    expect(new Set(run.map((request) => request.agent))).toEqual(
      new Set(['Mozilla/5.0 (compatible; briefkit-links)']),
    );
    const counts: Record<string, number> = {};
    for (const request of run) counts[request.path] = (counts[request.path] ?? 0) + 1;
    expect(counts).toEqual({
      // Cited by both briefs, requested once; /ok is reached again through two redirects.
      '/gone': 1,
      '/forbidden': 1,
      '/ok': 3,
      '/moved': 1,
      '/hop': 1,
      '/moved-missing': 1,
      '/missing': 1,
      // The first request and ten redirects, then it gives up.
      '/loop': 11,
      '/slow': 1,
    });
  });

  it('reports JSON at the same places, and --max-warnings counts them', () => {
    expect(json.code).toBe(1);
    const lines = json.stdout
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as {
            file?: string;
            line?: number;
            column?: number;
            rule?: string;
            message: string;
          },
      );
    const copy = lines.filter((line) => line.file === 'content/port-copy/stats.yaml');
    expect(copy).toHaveLength(1);
    const [line, column] = placeOf(copyStats, `${base}/gone`).split(':').map(Number);
    expect(copy[0]).toMatchObject({ rule: 'dead-link', line, column });
    expect(copy[0]?.message).toBe(`Source \`gone\`: ${base}/gone answered 404 Not Found`);
    expect(lines.at(-1)?.message).toBe('1 warnings, more than --max-warnings 0 allows');
  });
});
