import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { cliPath } from '../paths.js';

type PdfState = 'off' | 'idle' | 'queued' | 'building' | 'done' | 'failed';

export interface PdfStatus {
  state: PdfState;
  summary: string;
  details?: string | undefined;
}

export interface PdfBuildOptions {
  cwd: string;
  contentDir: string;
  outputDir: string;
  /** More flags for the builds (`--config`, `--paper`, `--allow-overflow`). */
  buildArgs?: readonly string[] | undefined;
  log: (line: string) => void;
  /** Each status change of a brief's PDFs, for the pages to show. */
  status: (id: string, status: PdfStatus) => void;
}

/**
 * The PDFs rebuilt in the background. Builds run as `briefkit build <ids>` in a child process:
 * printing and pdf-lib work never stall the server, a crashed browser cannot take the preview
 * down, and the build reads the config and flags exactly as a build from the command line would.
 */
export class PdfBuilds {
  private readonly queue = new Set<string>();
  private readonly statuses = new Map<string, PdfStatus>();
  private run: Promise<void> | undefined;
  private closed = false;
  /** Stops a build under way when the preview closes. */
  private readonly builds = new AbortController();

  constructor(private readonly options: PdfBuildOptions) {}

  /** The last status of each brief's PDFs. */
  all(): Record<string, PdfStatus> {
    return Object.fromEntries(this.statuses);
  }

  get(id: string): PdfStatus | undefined {
    return this.statuses.get(id);
  }

  /** Resolves when no build runs or waits. */
  get running(): Promise<void> | undefined {
    return this.run;
  }

  add(id: string): void {
    if (this.closed) return;
    this.queue.add(id);
    this.set(id, { state: 'queued', summary: 'PDFs: queued' });
    if (this.run) return;
    this.run = this.buildAll().finally(() => {
      this.run = undefined;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    this.builds.abort();
    await this.run;
  }

  private set(id: string, status: PdfStatus): void {
    this.statuses.set(id, status);
    this.options.status(id, status);
  }

  private async buildAll(): Promise<void> {
    while (this.queue.size > 0 && !this.closed) {
      const ids = [...this.queue];
      this.queue.clear();
      for (const id of ids) this.set(id, { state: 'building', summary: 'PDFs: building…' });
      const started = performance.now();
      const args = [
        cliPath,
        'build',
        ...ids,
        '--content',
        this.options.contentDir,
        '--out',
        this.options.outputDir,
        ...(this.options.buildArgs ?? []),
      ];
      const result = await runChild(args, this.options.cwd, this.builds);
      if (this.closed) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const output = result.output.trim();
      for (const id of ids) {
        if (result.code === 0) {
          this.set(id, {
            state: 'done',
            summary: `PDFs: up to date (${seconds} s)`,
            details: output,
          });
        } else {
          this.set(id, { state: 'failed', summary: 'PDFs: build failed', details: output });
        }
      }
      if (result.code === 0) this.options.log(`${ids.join(', ')}: PDFs rebuilt in ${seconds} s`);
      else this.options.log(`${ids.join(', ')}: PDF build failed\n${output}`);
    }
  }
}

/** Runs `node <args>` and collects what it prints; never rejects. */
function runChild(
  args: readonly string[],
  cwd: string,
  controller: AbortController,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: controller.signal,
    });
    // Background work: the build (and the browser it starts) yields the CPU to the preview.
    try {
      if (child.pid !== undefined) setPriority(child.pid, 10);
    } catch {
      // Not permitted here: it runs at normal priority.
    }
    let output = '';
    const collect = (chunk: Buffer) => {
      // Keep the end: that is where the summary and the failures are.
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (cause) => {
      if (cause.name !== 'AbortError') output += `\n${cause.message}`;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
