import PptxGenJSModule from 'pptxgenjs';

type PptxGenJSClass = typeof PptxGenJSModule.default;

/**
 * pptxgenjs is CommonJS with an `exports.default`: Node's ES-module loader hands over the whole
 * `module.exports` (the class is its `default`), a bundler the class itself. This is the class
 * either way.
 */
const loaded = PptxGenJSModule as unknown as { default?: PptxGenJSClass } & PptxGenJSClass;
export const PptxGenJS: PptxGenJSClass = loaded.default ?? loaded;

export type Presentation = InstanceType<PptxGenJSClass>;
export type PptxSlide = PptxGenJSModule.default.Slide;
export type TextRun = PptxGenJSModule.default.TextProps;
export type TextOptions = PptxGenJSModule.default.TextPropsOptions;
export type TableRow = PptxGenJSModule.default.TableRow;
export type TableCell = PptxGenJSModule.default.TableCell;
export type ChartOptions = PptxGenJSModule.default.IChartOpts;
export type PlaceholderOptions = PptxGenJSModule.default.PlaceholderProps;
