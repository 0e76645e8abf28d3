/** The few words briefkit itself prints, by language; content supplies everything else. */
export interface Labels {
  summary: string;
  keyFigures: string;
  notes: string;
  sources: string;
  source: string;
  accessed: string;
  page: string;
  of: string;
  agenda: string;
  /** Title of a contents list (`toc: true`, kramdown's `{:toc}`). */
  contents: string;
  recommendations: string;
  slide: string;
  chartData: string;
  preparedFor: string;
  /** Heading of the slide for what comes before the first section. */
  overview: string;
  /** Marks a slide that carries on where the one before stopped. */
  continued: string;
  /** "Part 2" on a long deck's divider slides. */
  part: string;
  /** Chart descriptions (text alternatives), built from the data: the kind of chart … */
  barChart: string;
  columnChart: string;
  lineChart: string;
  stackedBarChart: string;
  /** … what it compares (`{list}`: its categories, or `{count}` of them `{first}` to `{last}`) … */
  chartCompares: string;
  chartComparesMany: string;
  /** … across which groups (`{list}`), appended to the above … */
  chartAcross: string;
  /** … and its extremes. */
  chartExtremes: string;
  chartNoData: string;
  /** Titles of GitHub's alerts (`> [!NOTE]` …). */
  alertNote: string;
  alertTip: string;
  alertImportant: string;
  alertWarning: string;
  alertCaution: string;
}

const labels: Record<string, Labels> = {
  en: {
    summary: 'Executive summary',
    keyFigures: 'Key figures',
    notes: 'Notes',
    sources: 'Sources',
    source: 'Source',
    accessed: 'accessed',
    page: 'Page',
    of: 'of',
    agenda: 'Agenda',
    contents: 'Contents',
    recommendations: 'Recommendations',
    slide: 'Slide',
    chartData: 'Chart data',
    preparedFor: 'Prepared for',
    overview: 'Overview',
    continued: 'continued',
    part: 'Part',
    barChart: 'Bar chart',
    columnChart: 'Column chart',
    lineChart: 'Line chart',
    stackedBarChart: 'Stacked bar chart',
    chartCompares: 'Compares {list}',
    chartComparesMany: 'Compares {count} values, from {first} to {last}',
    chartAcross: ' across {list}',
    chartExtremes: 'Highest: {highest}, {highestValue}; lowest: {lowest}, {lowestValue}.',
    chartNoData: 'No data.',
    alertNote: 'Note',
    alertTip: 'Tip',
    alertImportant: 'Important',
    alertWarning: 'Warning',
    alertCaution: 'Caution',
  },
  es: {
    summary: 'Resumen ejecutivo',
    keyFigures: 'Cifras clave',
    notes: 'Notas',
    sources: 'Fuentes',
    source: 'Fuente',
    accessed: 'consultado el',
    page: 'Página',
    of: 'de',
    agenda: 'Temario',
    contents: 'Índice',
    recommendations: 'Recomendaciones',
    slide: 'Diapositiva',
    chartData: 'Datos de los gráficos',
    preparedFor: 'Preparado para',
    overview: 'Panorama',
    continued: 'continuación',
    part: 'Parte',
    barChart: 'Gráfico de barras',
    columnChart: 'Gráfico de columnas',
    lineChart: 'Gráfico de líneas',
    stackedBarChart: 'Gráfico de barras apiladas',
    chartCompares: 'Compara {list}',
    chartComparesMany: 'Compara {count} valores, de {first} a {last}',
    chartAcross: ' en {list}',
    chartExtremes: 'Máximo: {highest}, {highestValue}; mínimo: {lowest}, {lowestValue}.',
    chartNoData: 'Sin datos.',
    alertNote: 'Nota',
    alertTip: 'Consejo',
    alertImportant: 'Importante',
    alertWarning: 'Advertencia',
    alertCaution: 'Precaución',
  },
  fr: {
    summary: 'Synthèse',
    keyFigures: 'Chiffres clés',
    notes: 'Notes',
    sources: 'Sources',
    source: 'Source',
    accessed: 'consulté le',
    page: 'Page',
    of: 'sur',
    agenda: 'Ordre du jour',
    contents: 'Sommaire',
    recommendations: 'Recommandations',
    slide: 'Diapositive',
    chartData: 'Données des graphiques',
    preparedFor: 'Préparé pour',
    overview: 'Aperçu',
    continued: 'suite',
    part: 'Partie',
    barChart: 'Graphique en barres',
    columnChart: 'Histogramme',
    lineChart: 'Graphique linéaire',
    stackedBarChart: 'Graphique en barres empilées',
    chartCompares: 'Compare {list}',
    chartComparesMany: 'Compare {count} valeurs, de {first} à {last}',
    chartAcross: ' pour {list}',
    chartExtremes: 'Maximum : {highest}, {highestValue} ; minimum : {lowest}, {lowestValue}.',
    chartNoData: 'Aucune donnée.',
    alertNote: 'Remarque',
    alertTip: 'Astuce',
    alertImportant: 'Important',
    alertWarning: 'Avertissement',
    alertCaution: 'Attention',
  },
  de: {
    summary: 'Zusammenfassung',
    keyFigures: 'Kennzahlen',
    notes: 'Anmerkungen',
    sources: 'Quellen',
    source: 'Quelle',
    accessed: 'abgerufen am',
    page: 'Seite',
    of: 'von',
    agenda: 'Agenda',
    contents: 'Inhalt',
    recommendations: 'Empfehlungen',
    slide: 'Folie',
    chartData: 'Diagrammdaten',
    preparedFor: 'Erstellt für',
    overview: 'Überblick',
    continued: 'Fortsetzung',
    part: 'Teil',
    barChart: 'Balkendiagramm',
    columnChart: 'Säulendiagramm',
    lineChart: 'Liniendiagramm',
    stackedBarChart: 'Gestapeltes Balkendiagramm',
    chartCompares: 'Vergleicht {list}',
    chartComparesMany: 'Vergleicht {count} Werte, von {first} bis {last}',
    chartAcross: ' für {list}',
    chartExtremes:
      'Höchster Wert: {highest}, {highestValue}; niedrigster: {lowest}, {lowestValue}.',
    chartNoData: 'Keine Daten.',
    alertNote: 'Hinweis',
    alertTip: 'Tipp',
    alertImportant: 'Wichtig',
    alertWarning: 'Warnung',
    alertCaution: 'Vorsicht',
  },
};

/** A label with `{name}` places filled in. */
export function fillLabel(
  label: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return label.replace(/\{(\w+)\}/g, (place, name: string) => String(values[name] ?? place));
}

export function labelsFor(lang: string): Labels {
  const language = new Intl.Locale(lang).language;
  return labels[language] ?? (labels.en as Labels);
}
