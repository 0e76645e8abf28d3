/**
 * Where things are on a PDF's pages, read with pdf.js the way a viewer draws them: each text
 * run's size and position, and each image's box, in points from the page's bottom left.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextRun {
  str: string;
  /** The run's advance, in points. */
  width: number;
  /** The size the text is drawn at, in points (font size times the page's scale). */
  size: number;
  x: number;
  y: number;
}

export interface ImageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageLayout {
  width: number;
  height: number;
  runs: TextRun[];
  images: ImageBox[];
  /** Filled and stroked paths: each one's box and its colour (`#rrggbb`). */
  shapes: (ImageBox & { color: string })[];
  /** Text as painted, each piece with its fill colour (`#rrggbb`). */
  inks: { text: string; color: string }[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

export async function readLayout(bytes: Uint8Array): Promise<PageLayout[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: PageLayout[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const content = await page.getTextContent();
      const runs = content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== ''
          ? [
              {
                str: item.str,
                width: item.width,
                size: Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0),
                x: item.transform[4] ?? 0,
                y: item.transform[5] ?? 0,
              },
            ]
          : [],
      );
      // Images: follow the transformation matrix through the operator list to each paint.
      const operators = await page.getOperatorList();
      const images: ImageBox[] = [];
      const shapes: (ImageBox & { color: string })[] = [];
      const inks: { text: string; color: string }[] = [];
      let color = '#000000';
      let strokeColor = '#000000';
      let matrix: Matrix = [1, 0, 0, 1, 0, 0];
      const saved: Matrix[] = [];
      operators.fnArray.forEach((op, index) => {
        const args = operators.argsArray[index] as unknown[];
        if (op === OPS.save) saved.push(matrix);
        else if (op === OPS.restore) matrix = saved.pop() ?? matrix;
        else if (op === OPS.transform) matrix = multiply(matrix, args as Matrix);
        else if (op === OPS.setFillRGBColor) color = toHex(args);
        else if (op === OPS.setStrokeRGBColor) strokeColor = toHex(args);
        else if (op === OPS.constructPath) {
          // [painting operator, path data, [minX, minY, maxX, maxY] in user space]
          const [paint, , minMax] = args as [number, unknown, number[] | null];
          const painted = paint === OPS.stroke || paint === OPS.closeStroke ? strokeColor : color;
          if (minMax && paint !== OPS.endPath) {
            const [ax, ay, bx, by] = [
              [minMax[0] ?? 0, minMax[1] ?? 0],
              [minMax[2] ?? 0, minMax[3] ?? 0],
            ].flatMap(([u = 0, v = 0]) => [
              matrix[0] * u + matrix[2] * v + matrix[4],
              matrix[1] * u + matrix[3] * v + matrix[5],
            ]) as [number, number, number, number];
            shapes.push({
              x: Math.min(ax, bx),
              y: Math.min(ay, by),
              width: Math.abs(bx - ax),
              height: Math.abs(by - ay),
              color: painted,
            });
          }
        } else if (op === OPS.showText) {
          const glyphs = (args[0] ?? []) as ({ unicode?: string } | number)[];
          const text = glyphs
            .map((glyph) => (typeof glyph === 'object' ? glyph.unicode : ''))
            .join('');
          // Consecutive pieces in one colour are one run (Chromium paints glyph by glyph).
          const last = inks.at(-1);
          if (last?.color === color) last.text += text;
          else inks.push({ text, color });
        } else if (op === OPS.paintImageXObject) {
          const corners = [
            [0, 0],
            [1, 1],
          ].map(([u = 0, v = 0]) => [
            matrix[0] * u + matrix[2] * v + matrix[4],
            matrix[1] * u + matrix[3] * v + matrix[5],
          ]);
          const [[ax = 0, ay = 0] = [], [bx = 0, by = 0] = []] = corners;
          images.push({
            x: Math.min(ax, bx),
            y: Math.min(ay, by),
            width: Math.abs(bx - ax),
            height: Math.abs(by - ay),
          });
        }
      });
      pages.push({ width: x1 - x0, height: y1 - y0, runs, images, shapes, inks });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Runs of a page between its header and footer bands (the page furniture is left out). */
export const bodyRuns = (page: PageLayout, band = 54): TextRun[] =>
  page.runs.filter((run) => run.y > band && run.y < page.height - band);

/** The runs' text in reading order (top to bottom, then left to right), without spaces. */
export const squashRuns = (runs: readonly TextRun[]): string =>
  [...runs]
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((run) => run.str)
    .join('')
    .replace(/\s+/g, '');

/** pdf.js gives a fill colour as `#rrggbb` or as three 0–255 numbers. */
function toHex(args: unknown[]): string {
  if (typeof args[0] === 'string') return args[0].toLowerCase();
  return `#${args
    .slice(0, 3)
    .map((value) => Math.round(Number(value)).toString(16).padStart(2, '0'))
    .join('')}`;
}

/** The grey a colour prints as (Rec. 601 luma, 0–255). */
export function greyOf(color: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
