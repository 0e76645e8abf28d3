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
    recommendations: 'Recommendations',
    slide: 'Slide',
    chartData: 'Chart data',
    preparedFor: 'Prepared for',
    overview: 'Overview',
    continued: 'continued',
    part: 'Part',
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
    recommendations: 'Recomendaciones',
    slide: 'Diapositiva',
    chartData: 'Datos de los gráficos',
    preparedFor: 'Preparado para',
    overview: 'Panorama',
    continued: 'continuación',
    part: 'Parte',
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
    recommendations: 'Recommandations',
    slide: 'Diapositive',
    chartData: 'Données des graphiques',
    preparedFor: 'Préparé pour',
    overview: 'Aperçu',
    continued: 'suite',
    part: 'Partie',
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
    recommendations: 'Empfehlungen',
    slide: 'Folie',
    chartData: 'Diagrammdaten',
    preparedFor: 'Erstellt für',
    overview: 'Überblick',
    continued: 'Fortsetzung',
    part: 'Teil',
  },
};

export function labelsFor(lang: string): Labels {
  const language = new Intl.Locale(lang).language;
  return labels[language] ?? (labels.en as Labels);
}
