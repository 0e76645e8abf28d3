import type { Root, Text } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

/**
 * `untracked-number`: a figure typed straight into the prose, where no source follows it. Flags
 * amounts ($12 million), percentages (40%, 40 percent), figures with a scale word (3 billion),
 * counts with a unit (1,954 miles, 300 people) and measures (−3.5°C), a range whole from its
 * first number (10–15 km). Leaves alone years (1944, 1846–1848), dates (31 December 2026),
 * ordinals (21st), numbered things (Minute 323, Article 10, No. 1, § 3.2, section 3.2.1, Level 3,
 * Route 66, #1, EO 14028, 01), names with a number (F-16, I-35, COVID-19, M-21-31), ratios (24/7,
 * 50/50, 4×4), deadlines and periods (within 60 days, over the past 10 years), and
 * everything in headings, code, links, directives (`:stat[…]`, `:field[…]`) and HTML.
 */
export default function remarkUntrackedNumbers() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const place = location(file);
    visitParents(tree, 'text', (node: Text, ancestors) => {
      if (ancestors.some((parent) => skipped.has(parent.type))) return;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      // The raw Markdown of this text, so columns are exact even with escapes or line breaks.
      const raw = source.slice(start, end);
      for (const match of raw.matchAll(figurePattern)) {
        const figure = untracked(raw, match);
        if (!figure) continue;
        const from = start + (match.index ?? 0) + figure.offset;
        file.message(
          `Figure \`${figure.text.replace(/\s+/g, ' ')}\` comes from no stat: add it to stats.yaml and write \`:stat[id]\``,
          {
            place: {
              start: place.toPoint(from) ?? { line: 1, column: 1 },
              end: place.toPoint(from + figure.text.length) ?? { line: 1, column: 1 },
            },
            ruleId: 'untracked-number',
            source: 'briefkit',
          },
        );
      }
    });
  };
}

/** Nodes whose text is not prose a reader takes a figure from, or is a figure already. */
const skipped = new Set([
  'heading',
  'link',
  'linkReference',
  'inlineCode',
  'code',
  'html',
  'yaml',
  'textDirective',
  'leafDirective',
  'definition',
]);

const scale = 'thousand|million|billion|trillion|bn|mn';
const scaleWord = new RegExp(`(?:${scale})$`);
const months =
  'January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
/** Words after which a number names a thing rather than counting: Minute 323, Article 10. */
const namingWords = new Set(
  (
    'minute article section chapter title page pages figure table rule recommendation step ' +
    'phase part annex appendix resolution no no. number version item point paragraph clause ' +
    'line lines slide slides volume vol vol. act law decree § §§ sections articles chapters ' +
    'paragraphs clauses annexes appendices figures tables rules steps items minutes ' +
    'level levels tier tiers stage stages grade category class round route highway interstate ' +
    'gate terminal platform pier zone district form schedule exhibit box question option ' +
    'amendment amendments order orders memorandum memo example examples note notes footnote ' +
    'case test goal objective principle play plays lesson module unit task issue release'
  ).split(' '),
);
/** Words before a span of time that make it a deadline or a period: within 60 days. */
const deadlineWords = new Set(
  'within every after before next first following past last over for have has had'.split(' '),
);
const timeUnit = /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|business)$/i;

/** Words that follow a bare number without making it a count of something. */
const notUnits = new Set(
  (
    'and or to the of in on at for with by from through as than a an was were is are be ' +
    'when while after before until since that which who this these those its their ' +
    'cannot can could should would must will may might shall does did do has have had ' +
    'unless above below most more less different'
  ).split(' '),
);

/**
 * A number with what may make it a figure: an optional currency sign and minus or plus sign
 * before it; after it, a percent sign or word, a scale word, degrees, or the next word (a
 * possible unit, km² included).
 */
const figurePattern = new RegExp(
  String.raw`(?<currency>[$€£¥]\s?)?(?<sign>[−+])?(?<number>\d+(?:[.,]\d+)*)` +
    String.raw`(?<suffix>\s?%|\s(?:percent|per cent)\b|\s?(?:${scale})\b|\s?°[CF]?)?` +
    String.raw`(?<next>[\s-]+[A-Za-z][A-Za-z²³-]*)?`,
  'gu',
);

/** The start of a range that ends at the number after it: `10–` of 10–15 km, `$5-` of $5-10. */
const rangeStart = /(?:^|[^\p{L}\d.,\-–—])((?:[$€£¥]\s?)?\d+(?:[.,]\d+)*\s?[–—-]\s?)$/u;

interface Figure {
  text: string;
  /** Where the figure starts within the match. */
  offset: number;
}

function untracked(raw: string, match: RegExpMatchArray): Figure | undefined {
  const groups = match.groups ?? {};
  const index = match.index ?? 0;
  const number = groups.number ?? '';
  const currency = groups.currency ?? '';
  const sign = groups.sign ?? '';
  const before = raw.slice(0, index);
  const after = raw.slice(index + match[0].length);
  // Right after the number itself, before any suffix or unit.
  const rest = raw.slice(index + currency.length + sign.length + number.length);
  // Part of a word or code-like token (T-MEC2, v1.2, H2O) or an ordinal (21st, 1940s).
  if (/[\p{L}\d_.]$/u.test(before) && !currency) return undefined;
  // A name with a number (F-16, I-35, COVID-19, memo M-21-31), a rank (#1), part of a ratio,
  // time or verse (24/7, 4×4, 3:1, 10:59:59, John 3:16).
  if (!currency && !sign && /(?:\p{L}[-‐‑](?:\d+[-‐‑])*|#|\d[/×:])$/u.test(before)) {
    return undefined;
  }
  if (/^[/×:]\d/u.test(rest)) return undefined;
  // The first number of a range (10–15 km): the range is reported from its last number.
  if (!sign && /^\s?[–—-]\s?[$€£¥]?\d/u.test(rest)) return undefined;
  if (!groups.next && !groups.suffix && /^\p{L}/u.test(after)) return undefined;
  const suffix = groups.suffix ?? '';
  const nextWord = (groups.next ?? '').replace(/^[\s-]+/, '');
  // A range reads as one figure from its first number, and what names it is before that.
  const range = /\d{4}[–-]$/.test(before) ? '' : (rangeStart.exec(before)?.[1] ?? '');
  const lead = before.slice(0, before.length - range.length);
  const figureText = (extra: string): Figure => ({
    text: `${range}${currency}${sign}${number}${suffix}${extra}`,
    offset: -range.length,
  });

  if (currency || suffix) {
    // A currency, percent or scale word makes it a figure; name the unit after a scale word.
    const unit = scaleWord.test(suffix) && isUnit(nextWord) ? (groups.next ?? '') : '';
    return figureText(unit);
  }
  const previous = /([\p{L}.§]+)\)?\s*$/u.exec(lead)?.[1] ?? '';
  const previousWord = previous.toLowerCase();
  if (namingWords.has(previousWord)) return undefined;
  // After an abbreviation a number names what it abbreviates: EO 14028, BOD 18-01, HR 3684.
  if (/^\p{Lu}{2,5}$/u.test(previous)) return undefined;
  // A number written with a leading zero is a code (01, 007), never a count.
  if (/^0\d/.test(number)) return undefined;
  // A deadline or a span of time (within 60 days, every 2 years), not a figure from a source.
  if (deadlineWords.has(previousWord) && timeUnit.test(nextWord)) return undefined;
  // A section or clause number (3.2.1): two or more dots, not all in groups of three as
  // thousands are written in German (1.234.567).
  if (/^\d+(?:\.\d+){2,}$/.test(number) && !/^\d{1,3}(?:\.\d{3})+$/.test(number)) return undefined;
  const whole = /^\d+$/.test(number);
  const value = Number(number.replace(/,/g, ''));
  // Years, alone or in ranges (1846–1848, 1846–48, 2021–2022), and days of a month.
  if (whole && number.length === 2 && /\d{4}[–-]$/.test(before)) return undefined;
  if (whole && number.length === 4 && value >= 1000 && value <= 2199) return undefined;
  if (whole && value <= 31 && (monthNear(lead, 'before') || monthNear(nextWord, 'after'))) {
    return undefined;
  }
  if (isUnit(nextWord)) return figureText(groups.next ?? '');
  // A number with separators or decimals is a figure even without a unit (1,954; 7.5).
  if ((!whole && /\d[.,]\d/.test(number)) || sign) return figureText('');
  return undefined;
}

function isUnit(word: string): boolean {
  if (!word || word.length < 2) return false;
  const lower = word.toLowerCase();
  if (notUnits.has(lower)) return false;
  if (new RegExp(`^(?:${months})$`, 'i').test(word)) return false;
  // "2021 Colorado" (a name) is not a unit; units are written in lower case.
  return /^[a-z]/.test(word);
}

function monthNear(text: string, where: 'before' | 'after'): boolean {
  const pattern =
    where === 'before'
      ? new RegExp(`\\b(?:${months})\\.?\\s*$`, 'i')
      : new RegExp(`^(?:${months})\\b`, 'i');
  return pattern.test(text);
}
