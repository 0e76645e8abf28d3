import { defaultSchema, type Schema } from 'hast-util-sanitize';

/**
 * GitHub's schema, plus what briefkit's own directives produce. Classes are allowed anywhere
 * (they cannot run anything); `data-*` only where briefkit marks stats, sources and blocks.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Dropped with their contents: CSS or script text is never printed as words.
  strip: ['script', 'style'],
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'figure',
    'figcaption',
    'abbr',
    'dfn',
    'mark',
    'small',
    'caption',
    'cite',
  ],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'],
    span: ['dataStat', 'dataField'],
    figure: ['dataStat', 'dataChart'],
    sup: ['dataSource'],
    div: [...(defaultSchema.attributes?.['div'] ?? []), 'dataBlock', 'dataChart', 'dataSpark'],
  },
};

/** Elements the schema allows, for telling the writer what sanitizing removed. */
export const allowedTags = new Set(sanitizeSchema.tagNames);
