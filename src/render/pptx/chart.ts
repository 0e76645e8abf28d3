import type { Chart } from '../../model/brief.js';
import { chartPalette } from '../charts.js';
import { excelFormat } from './number-format.js';
import type { ChartOptions, Presentation, PptxSlide } from './pptxgen.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface ChartData {
  name: string;
  labels: string[];
  values: number[];
}

/**
 * A chart as PowerPoint's own: its numbers in the chart's sheet, editable there, drawn in the
 * brief's palette (greys apart in grayscale) with value labels on and no value axis, as the PDF
 * draws it.
 */
export function addNativeChart(
  presentation: Presentation,
  slide: PptxSlide,
  chart: Chart,
  box: Box,
  style: { font: string; ink: string; lang: string },
): void {
  const { series, stacked } = chartData(chart);
  const colours = chartPalette.map((colour) => colour.slice(1));
  const format = excelFormat(
    chart.valueFormat,
    chart.rows.map((row) => row.value),
    style.lang,
  );
  const fontSize = 14;
  // The parts of a split chart share the whole chart's scale, as in the PDF.
  const values = chart.rows.map((row) => row.value);
  const scale = chart.part
    ? { valAxisMinVal: Math.min(0, ...values), valAxisMaxVal: Math.max(0, ...values) }
    : {};
  const options: ChartOptions = {
    ...scale,
    ...box,
    altText: chart.alt,
    chartColors: colours,
    showValue: true,
    dataLabelFormatCode: format,
    valLabelFormatCode: format,
    dataLabelFontFace: style.font,
    dataLabelFontSize: fontSize,
    dataLabelColor: style.ink,
    catAxisLabelFontFace: style.font,
    catAxisLabelFontSize: fontSize,
    catAxisLabelColor: style.ink,
    valAxisHidden: true,
    valGridLine: { style: 'none' },
    catGridLine: { style: 'none' },
    showLegend: series.length > 1,
    legendPos: 't',
    legendFontFace: style.font,
    legendFontSize: fontSize,
    legendColor: style.ink,
  };
  if (chart.type === 'line') {
    slide.addChart(presentation.ChartType.line, series, {
      ...options,
      lineSize: 2.5,
      lineDataSymbol: 'circle',
      lineDataSymbolSize: 8,
      dataLabelPosition: 't',
    });
    return;
  }
  slide.addChart(presentation.ChartType.bar, series, {
    ...options,
    barDir: chart.type === 'column' ? 'col' : 'bar',
    barGrouping: stacked ? 'stacked' : 'clustered',
    barGapWidthPct: 60,
    // A single series is drawn in one colour, as in the PDF.
    ...(series.length === 1 && !stacked ? { chartColors: [colours[0] ?? '1b4a72'] } : {}),
    dataLabelPosition: stacked ? 'ctr' : 'outEnd',
    // Bars read top-down like the PDF's; the package's types list only 'minMax', its code both.
    catAxisOrientation: (chart.type === 'column' ? 'minMax' : 'maxMin') as 'minMax',
    // One stacked bar needs no name beside it: the title names it.
    catAxisHidden: stacked && series[0]?.labels.length === 1,
    showLegend: stacked || series.length > 1,
    legendPos: stacked ? 'b' : 't',
  });
}

/**
 * Series as PowerPoint groups them. Grouped bars and lines: one series per group over the
 * categories. A stacked bar: one series per part (category), one bar per group.
 */
function chartData(chart: Chart): { series: ChartData[]; stacked: boolean } {
  // A slide's part of a split chart shows its own categories.
  const categories = [
    ...(chart.part?.categories ?? new Set(chart.rows.map((row) => row.category))),
  ];
  const groups = [...new Set(chart.rows.map((row) => row.group ?? ''))];
  const value = (category: string, group: string) =>
    chart.rows.find((row) => row.category === category && (row.group ?? '') === group)?.value ?? 0;
  if (chart.type === 'stacked-bar') {
    const bars = groups.map((group) => group || chart.title);
    return {
      stacked: true,
      series: categories.map((category) => ({
        name: category,
        labels: bars,
        values: groups.map((group) => value(category, group)),
      })),
    };
  }
  return {
    stacked: false,
    series: groups.map((group) => ({
      name: group || chart.title,
      labels: categories,
      values: categories.map((category) => value(category, group)),
    })),
  };
}
