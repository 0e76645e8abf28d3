import type { Command } from 'commander';
import { settingsFor } from '../config/command-line.js';
import { error } from '../errors.js';
import { release, type Shard } from './release.js';

export interface ReleaseFlags {
  version?: string;
  dryRun?: boolean;
  shard?: Shard;
  collect?: boolean;
  concurrency?: number;
  browserWsEndpoint?: string;
}

export async function releaseCommand(flags: ReleaseFlags, command: Command): Promise<void> {
  if (flags.shard && flags.collect)
    error('USAGE', '--shard builds one share and --collect assembles them: give one of the two');
  const cwd = process.cwd();
  const settings = await settingsFor(command, cwd);
  await release({
    cwd,
    contentDir: settings.contentDir,
    outputDir: settings.outputDir,
    document: settings.document,
    version: flags.version,
    dryRun: flags.dryRun,
    shard: flags.shard,
    collect: flags.collect,
    concurrency: flags.concurrency,
    browserWSEndpoint: flags.browserWsEndpoint,
    strict: settings.config.strict,
    staleAfter: settings.config.staleAfter,
  });
}
