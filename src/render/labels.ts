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
  },
};

export function labelsFor(lang: string): Labels {
  const language = new Intl.Locale(lang).language;
  return labels[language] ?? (labels.en as Labels);
}
