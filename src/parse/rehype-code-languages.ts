import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { contentWarning } from '../messages.js';

/**
 * rehype-highlight warns once per block whose fence names a language it has no grammar for
 * (```` ```foo ````); a document with twenty such blocks got twenty lines. This folds them into
 * one warning per language, at its first block, with the count. The code still prints, as
 * written and uncoloured. Runs right after rehype-highlight, on the messages it left.
 */
export default function rehypeCodeLanguages() {
  return (_tree: Root, file: VFile) => {
    // Keyed by the name in lower case (`Foo` and `foo` are one language), shown as first written.
    const byLanguage = new Map<string, { first: (typeof file.messages)[number]; count: number }>();
    file.messages = file.messages.filter((message) => {
      if (message.source !== 'rehype-highlight' || message.ruleId !== 'missing-language')
        return true;
      const language = /`([^`]+)`/.exec(message.reason)?.[1] ?? '';
      const seen = byLanguage.get(language.toLowerCase());
      if (seen) seen.count++;
      else byLanguage.set(language.toLowerCase(), { first: message, count: 1 });
      return false;
    });
    for (const { first, count } of byLanguage.values()) {
      const language = /`([^`]+)`/.exec(first.reason)?.[1] ?? '';
      const blocks = count === 1 ? 'a code block' : `${count} code blocks (the first here)`;
      contentWarning(
        file,
        `\`${language}\`: ${blocks} printed as written, without highlighting: briefkit has no grammar for \`${language}\` (name the language, e.g. \`js\`, \`python\`, \`text\`)`,
        first.place,
        'code-language',
      );
    }
  };
}
