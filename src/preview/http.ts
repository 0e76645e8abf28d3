import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { error } from '../errors.js';

/** How many ports above the asked one are tried when it is taken. */
const portAttempts = 20;

export const noStore = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

export function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain; charset=utf-8', 'Not found');
}

/** A preview page: it may load only what this server serves, and run only its own script. */
export function sendPage(response: ServerResponse, html: string): void {
  send(response, 200, 'text/html; charset=utf-8', html, {
    ...noStore,
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
  });
}

/** A file from disk, revalidated by its size and time (ETag), with HEAD answered too. */
export async function streamFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  type: string,
): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound(response);
  const etag = `W/"${info.size.toString(16)}-${Math.round(info.mtimeMs).toString(16)}"`;
  const headers: OutgoingHttpHeaders = {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    // An SVG opened on its own runs no script and loads nothing.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
    return;
  }
  response.writeHead(200, headers);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(response);
  });
}

/** A name from a URL segment (a brief id, a batch row), or undefined when it cannot be one. */
export function safeSegment(segment: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return id && !id.startsWith('.') && !/[\\/\0]/.test(id) ? id : undefined;
}

/** Server-sent events: every open page hears of new versions and PDF builds. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(': ping\n\n');
    }, 20_000);
    this.heartbeat.unref();
  }

  /** Keeps the response open as an event stream, starting with `hello`. */
  open(request: IncomingMessage, response: ServerResponse, hello: unknown): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 1000\n\n');
    response.write(event('hello', hello));
    this.clients.add(response);
    request.on('close', () => this.clients.delete(response));
  }

  broadcast(name: string, data: unknown): void {
    const message = event(name, data);
    for (const client of this.clients) client.write(message);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Listens on the loopback address: the port asked for, else (unless strict) the next free one. */
export async function listen(
  server: Server,
  port: number,
  strict: boolean,
  log: (line: string) => void,
): Promise<number> {
  const last = port === 0 ? 0 : Math.min(port + portAttempts, 65535);
  for (let candidate = port; candidate <= last; candidate++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === 'EACCES')
        error(
          'USAGE',
          `Port ${candidate} needs privileges on this system: use --port 1024 or above`,
        );
      if (code !== 'EADDRINUSE') throw cause;
      if (strict)
        error(
          'USAGE',
          `Port ${candidate} on 127.0.0.1 is in use (another preview?): stop that program, or choose another port with --port`,
        );
      if (candidate < last) log(`Port ${candidate} is in use; trying ${candidate + 1}`);
    }
  }
  return error(
    'USAGE',
    `Ports ${port}–${last} on 127.0.0.1 are all in use: choose another with --port`,
  );
}
