import type { FSWatcher } from 'chokidar';
import { basename } from 'node:path';
import { isInside } from './files.js';

export interface WatchOptions {
  contentDir: string;
  /** Never watched: the background builds write there. */
  outputDir: string;
  /** Quiet time after a file event, in ms (editors write in bursts). */
  debounce: number;
  /** The paths saved in one burst, once it is over. */
  changed: (paths: string[]) => void;
}

export interface FileWatch {
  /** Watches more paths (a reloaded config's brand folders). */
  add(paths: readonly string[]): void;
  /** A burst is under way: `changed` is still to be called. */
  pending(): boolean;
  close(): Promise<void>;
}

/**
 * Watches what the pages are made from (content, templates, brand folders, the config) with
 * chokidar, and reports each burst of saves once. Editors' swap and backup files, dotfiles,
 * node_modules and the output folder are left out.
 */
export async function watchFiles(
  paths: readonly string[],
  options: WatchOptions,
): Promise<FileWatch> {
  const chokidar = await import('chokidar');
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const watcher: FSWatcher = chokidar.watch([...paths], {
    ignoreInitial: true,
    ignored: (path: string) => {
      const name = basename(path);
      return (
        (name.startsWith('.') && path !== options.contentDir) ||
        name.endsWith('~') ||
        /\.(swp|swx|tmp)$/.test(name) ||
        name === 'node_modules' ||
        isInside(options.outputDir, path)
      );
    },
  });
  watcher.on('all', (_event, path) => {
    if (closed) return;
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const burst = [...changed];
      changed.clear();
      options.changed(burst);
    }, options.debounce);
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  return {
    add: (more) => watcher.add([...more]),
    pending: () => timer !== undefined,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await watcher.close();
    },
  };
}
