import { request } from 'node:http';
import type { Browser } from 'puppeteer-core';
import { findBrowser } from '../src/print/find-browser.js';

/** The browser the project prints with, started the way the printer starts it. */
export async function launchBrowser(): Promise<Browser> {
  const found = await findBrowser();
  if (!found) throw new Error('No Chrome or Chromium found (see README, "The browser")');
  const puppeteer = (await import('puppeteer-core')).default;
  const runsAsRoot = process.getuid?.() === 0;
  return puppeteer.launch({
    executablePath: found.executablePath,
    headless: true,
    args: runsAsRoot || process.env.BRIEFKIT_NO_SANDBOX ? ['--no-sandbox'] : [],
  });
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET (or another method) with full control of the headers, Host included. */
export function get(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Reads server-sent events from `url` until `done` says it has what it needs (or the time is up,
 * which fails the caller's assertions rather than hanging the test).
 */
export function readEvents(
  url: string,
  done: (events: { event: string; data: unknown }[]) => boolean,
  timeout = 20_000,
): Promise<{ event: string; data: unknown }[]> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: unknown }[] = [];
    const target = new URL(url);
    const req = request({ host: target.hostname, port: target.port, path: target.pathname });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(events);
    }, timeout);
    req.on('response', (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as unknown });
        }
        if (done(events)) {
          clearTimeout(timer);
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on('error', (cause) => {
      clearTimeout(timer);
      if (events.length > 0) resolve(events);
      else reject(cause);
    });
    req.end();
  });
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeout` ms. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeout = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
