import type { Command } from 'commander';
import { settingsFor } from '../config/command-line.js';
import { displayPath } from '../config/settings.js';
import { scaffoldBrief } from './new-brief.js';

export interface NewFlags {
  title?: string;
  date?: string;
}

/** `briefkit new <id>`: a brief that checks clean and builds at once, and what to do next. */
export async function newCommand(id: string, flags: NewFlags, command: Command): Promise<void> {
  const cwd = process.cwd();
  const settings = await settingsFor(command, cwd);
  const result = await scaffoldBrief({
    contentDir: settings.contentDir,
    id,
    title: flags.title,
    date: flags.date,
    organization: settings.config.organization,
    paper: settings.document.paper,
  });
  const content = displayPath(cwd, settings.contentDir);
  for (const file of result.files) process.stderr.write(`created ${displayPath(cwd, file)}\n`);
  process.stderr.write(
    [
      '',
      'Next:',
      `  briefkit preview ${id}    see it at http://127.0.0.1:4400/${id}/brief as you edit`,
      `  briefkit check ${id}      validate it (no browser)`,
      `  briefkit build ${id}      write the PDFs to ${displayPath(cwd, settings.outputDir)}/${id}/`,
      `Edit ${content}/${id}/brief.md and ${content}/${id}/stats.yaml; the README's "Writing a brief" has the syntax.`,
      '',
    ].join('\n'),
  );
}
