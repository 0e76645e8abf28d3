import { Option, type Command } from 'commander';
import { handoutLayouts } from '../outputs.js';
import { papers, type Paper } from '../paper.js';
import { loadSettings, type Settings } from './settings.js';

/** `--config <file>`: the config file to use instead of looking for one. */
export const configOption = () =>
  new Option(
    '--config <file>',
    'config file (default: the nearest briefkit.config.{ts,mts,cts,js,mjs,cjs,json}, or package.json "briefkit", from this folder up)',
  );

/** `--no-config`: briefkit's defaults and the flags only. */
export const noConfigOption = () => new Option('--no-config', 'read no config file');

/** `--paper`: over the config's `paper` and each brief's front matter. */
export const paperOption = () =>
  new Option(
    '--paper <paper>',
    'paper of every brief and handout (over config and front matter)',
  ).choices(papers);

/** `--handout`: over each brief's `handout:`. */
export const handoutOption = () =>
  new Option(
    '--handout <layout>',
    "handout layout (default: each brief's `handout:`, else lines)",
  ).choices(handoutLayouts);

/**
 * The settings of a command: its flags, else the config file, else briefkit's defaults. Only
 * flags really given count as the command line: commander's defaults do not override the config.
 */
export async function settingsFor(command: Command, cwd = process.cwd()): Promise<Settings> {
  const options = command.opts<Record<string, unknown>>();
  const given = (name: string): string | undefined => {
    const value = options[name];
    return command.getOptionValueSource(name) === 'cli' && typeof value === 'string'
      ? value
      : undefined;
  };
  return loadSettings(cwd, {
    config: given('config'),
    noConfig: options.config === false,
    content: given('content'),
    out: given('out'),
    paper: given('paper') as Paper | undefined,
  });
}
