import type { LoadedBrief } from '../load/load-brief.js';

/** What requesting one URL gave. */
export type LinkResult =
  | {
      ok: true;
      status: number;
      /** Where it ends, when every redirect on the way was permanent. */
      movedTo?: string | undefined;
    }
  | { ok: false; problem: string };

export interface LinkOptions {
  /** Milliseconds to wait for an answer's headers. */
  timeoutMs: number;
  /** URLs requested at once. */
  concurrency?: number | undefined;
}

/**
 * `check --links`: requests every source URL of the briefs and warns, at the URL in stats.yaml,
 * about those that fail (an error status, no answer in time, no connection). A URL that has
 * moved for good (301, 308) gets an info line naming where, so the source can be updated. Only
 * this command reaches the network: a build never does.
 */
export async function checkLinks(
  briefs: readonly LoadedBrief[],
  options: LinkOptions,
): Promise<number> {
  const urls = new Set<string>();
  for (const brief of briefs)
    for (const source of Object.values(brief.data.sources)) urls.add(source.url);
  const results = await requestAll([...urls], options);
  for (const brief of briefs) {
    for (const [id, source] of Object.entries(brief.data.sources)) {
      const result = results.get(source.url);
      if (!result) continue;
      const place = brief.statPlaces.get(`sources.${id}.url`);
      if (!result.ok) {
        brief.statsFile.message(`Source \`${id}\`: ${source.url} ${result.problem}`, {
          place,
          ruleId: 'dead-link',
          source: 'briefkit',
        });
      } else if (result.movedTo) {
        brief.statsFile.info(`Source \`${id}\`: ${source.url} has moved to ${result.movedTo}`, {
          place,
          ruleId: 'redirected-link',
          source: 'briefkit',
        });
      }
    }
  }
  return urls.size;
}

/** Each URL once, a few at a time (sources of several briefs are often the same pages). */
async function requestAll(
  urls: readonly string[],
  options: LinkOptions,
): Promise<Map<string, LinkResult>> {
  const results = new Map<string, LinkResult>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      results.set(url, await requestLink(url, options.timeoutMs));
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, urls.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

const userAgent = 'Mozilla/5.0 (compatible; briefkit-links)';

/** Statuses a site gives a script it turns away: forbidden, unauthorized, too many requests. */
const refusals = new Set([401, 403, 429]);

/** Redirects followed before giving up (browsers allow 20; a source page needs a few). */
const maxRedirects = 10;

/**
 * One GET (some servers refuse HEAD), redirects followed by hand so a permanent move (301, 308)
 * can be told from a temporary one; no body is read. A status of 400 or more, no headers within
 * the timeout (for the whole chain), too many redirects or no connection is a failure.
 */
export async function requestLink(url: string, timeoutMs: number): Promise<LinkResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let current = url;
  let permanent = true;
  try {
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const response = await fetch(current, {
        redirect: 'manual',
        signal: controller.signal,
        // A crawler's usual form: some sites refuse any user agent that does not start so.
        headers: { accept: 'text/html,application/pdf,*/*;q=0.8', 'user-agent': userAgent },
      });
      // Only the status matters: drop the body rather than download a whole report.
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        permanent &&= response.status === 301 || response.status === 308;
        current = new URL(location, current).href;
        continue;
      }
      if (response.status >= 400) {
        const text = response.statusText ? ` ${response.statusText}` : '';
        const via = current === url ? '' : ` (redirected to ${current})`;
        // Government and news sites often turn scripts away while the page is there for people.
        const refused = refusals.has(response.status)
          ? ': the site may refuse automated requests, so open it in a browser to be sure'
          : '';
        return { ok: false, problem: `answered ${response.status}${text}${via}${refused}` };
      }
      return {
        ok: true,
        status: response.status,
        movedTo: permanent && current !== url ? current : undefined,
      };
    }
    return { ok: false, problem: `redirects more than ${maxRedirects} times` };
  } catch (cause) {
    if (controller.signal.aborted)
      return { ok: false, problem: `did not answer within ${seconds(timeoutMs)}` };
    return { ok: false, problem: `could not be reached (${reason(cause)})` };
  } finally {
    clearTimeout(timer);
  }
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** fetch's "fetch failed" hides the cause (ECONNREFUSED, ENOTFOUND, a bad certificate). */
function reason(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (inner && typeof inner.code === 'string') return inner.code;
  if (inner && typeof inner.message === 'string') return inner.message;
  return cause instanceof Error ? cause.message : String(cause);
}
