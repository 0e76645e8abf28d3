/** The few words briefkit itself prints, by language; content supplies everything else. */
export interface Labels {
  summary: string;
  keyFigures: string;
  notes: string;
  /** A footnote's link back to where it is cited (`{n}`: its number), read by screen readers. */
  backToReference: string;
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
  /** Under the alt text a slide shows in place of a picture on the web, which no build fetches. */
  webPicture: string;
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
    backToReference: 'Back to reference {n}',
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
    webPicture: 'Picture on the web, not included: run briefkit fetch-images to add it',
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
    backToReference: 'Volver a la referencia {n}',
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
    webPicture: 'Imagen en la web, no incluida: ejecute briefkit fetch-images para añadirla',
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
    backToReference: 'Retour à l’appel {n}',
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
    webPicture: 'Image sur le web, non incluse : lancez briefkit fetch-images pour l’ajouter',
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
    backToReference: 'Zurück zum Verweis {n}',
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
    webPicture: 'Bild im Web, nicht enthalten: briefkit fetch-images lädt es herunter',
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
  pt: {
    summary: 'Sumário executivo',
    keyFigures: 'Números-chave',
    notes: 'Notas',
    backToReference: 'Voltar à referência {n}',
    sources: 'Fontes',
    source: 'Fonte',
    accessed: 'acessado em',
    page: 'Página',
    of: 'de',
    agenda: 'Pauta',
    recommendations: 'Recomendações',
    slide: 'Slide',
    chartData: 'Dados dos gráficos',
    preparedFor: 'Preparado para',
    overview: 'Visão geral',
    continued: 'continuação',
    part: 'Parte',
    webPicture: 'Imagem na web, não incluída: execute briefkit fetch-images para adicioná-la',
    barChart: 'Gráfico de barras',
    columnChart: 'Gráfico de colunas',
    lineChart: 'Gráfico de linhas',
    stackedBarChart: 'Gráfico de barras empilhadas',
    chartCompares: 'Compara {list}',
    chartComparesMany: 'Compara {count} valores, de {first} a {last}',
    chartAcross: ' em {list}',
    chartExtremes: 'Máximo: {highest}, {highestValue}; mínimo: {lowest}, {lowestValue}.',
    chartNoData: 'Sem dados.',
    contents: 'Sumário',
    alertNote: 'Nota',
    alertTip: 'Dica',
    alertImportant: 'Importante',
    alertWarning: 'Aviso',
    alertCaution: 'Cuidado',
  },
  ar: {
    summary: 'الملخص التنفيذي',
    keyFigures: 'أرقام رئيسية',
    notes: 'ملاحظات',
    backToReference: 'العودة إلى الإحالة {n}',
    sources: 'المصادر',
    source: 'المصدر',
    accessed: 'تاريخ الاطلاع',
    page: 'صفحة',
    of: 'من',
    agenda: 'جدول الأعمال',
    recommendations: 'التوصيات',
    slide: 'شريحة',
    chartData: 'بيانات الرسوم البيانية',
    preparedFor: 'أُعدّ لـ',
    overview: 'نظرة عامة',
    continued: 'تابع',
    part: 'الجزء',
    webPicture: 'صورة على الويب، غير مضمّنة: شغّل briefkit fetch-images لإضافتها',
    barChart: 'مخطط شريطي',
    columnChart: 'مخطط عمودي',
    lineChart: 'مخطط خطي',
    stackedBarChart: 'مخطط شريطي مكدس',
    chartCompares: 'يقارن {list}',
    chartComparesMany: 'يقارن {count} قيم، من {first} إلى {last}',
    chartAcross: ' عبر {list}',
    chartExtremes: 'الأعلى: {highest}، {highestValue}؛ الأدنى: {lowest}، {lowestValue}.',
    chartNoData: 'لا توجد بيانات.',
    contents: 'المحتويات',
    alertNote: 'ملاحظة',
    alertTip: 'نصيحة',
    alertImportant: 'مهم',
    alertWarning: 'تحذير',
    alertCaution: 'تنبيه',
  },
  fa: {
    summary: 'خلاصهٔ اجرایی',
    keyFigures: 'ارقام کلیدی',
    notes: 'یادداشت‌ها',
    backToReference: 'بازگشت به ارجاع {n}',
    sources: 'منابع',
    source: 'منبع',
    accessed: 'تاریخ دسترسی',
    page: 'صفحه',
    of: 'از',
    agenda: 'دستور جلسه',
    recommendations: 'توصیه‌ها',
    slide: 'اسلاید',
    chartData: 'داده‌های نمودار',
    preparedFor: 'تهیه‌شده برای',
    overview: 'نمای کلی',
    continued: 'ادامه',
    part: 'بخش',
    webPicture: 'تصویر در وب، گنجانده نشده است: برای افزودن آن briefkit fetch-images را اجرا کنید',
    barChart: 'نمودار میله‌ای افقی',
    columnChart: 'نمودار ستونی',
    lineChart: 'نمودار خطی',
    stackedBarChart: 'نمودار میله‌ای انباشته',
    chartCompares: 'مقایسهٔ {list}',
    chartComparesMany: 'مقایسهٔ {count} مقدار، از {first} تا {last}',
    chartAcross: ' به تفکیک {list}',
    chartExtremes: 'بیشترین: {highest}، {highestValue}؛ کمترین: {lowest}، {lowestValue}.',
    chartNoData: 'داده‌ای موجود نیست.',
    contents: 'فهرست مطالب',
    alertNote: 'یادداشت',
    alertTip: 'نکته',
    alertImportant: 'مهم',
    alertWarning: 'هشدار',
    alertCaution: 'احتیاط',
  },
  ur: {
    summary: 'انتظامی خلاصہ',
    keyFigures: 'اہم اعداد و شمار',
    notes: 'حواشی',
    backToReference: 'حوالہ {n} پر واپس جائیں',
    sources: 'مآخذ',
    source: 'ماخذ',
    accessed: 'رسائی بتاریخ',
    page: 'صفحہ',
    of: 'از',
    agenda: 'ایجنڈا',
    recommendations: 'سفارشات',
    slide: 'سلائیڈ',
    chartData: 'چارٹ کا ڈیٹا',
    preparedFor: 'برائے',
    overview: 'جائزہ',
    continued: 'جاری',
    part: 'حصہ',
    webPicture: 'ویب پر تصویر، شامل نہیں: اسے شامل کرنے کے لیے briefkit fetch-images چلائیں',
    barChart: 'افقی بار چارٹ',
    columnChart: 'کالم چارٹ',
    lineChart: 'لائن چارٹ',
    stackedBarChart: 'اسٹیکڈ بار چارٹ',
    chartCompares: '{list} کا موازنہ',
    chartComparesMany: '{count} اقدار کا موازنہ، {first} سے {last} تک',
    chartAcross: '، بلحاظ {list}',
    chartExtremes: 'سب سے زیادہ: {highest}، {highestValue}؛ سب سے کم: {lowest}، {lowestValue}۔',
    chartNoData: 'کوئی ڈیٹا نہیں۔',
    contents: 'فہرست',
    alertNote: 'نوٹ',
    alertTip: 'مشورہ',
    alertImportant: 'اہم',
    alertWarning: 'انتباہ',
    alertCaution: 'احتیاط',
  },
  zh: {
    summary: '内容摘要',
    keyFigures: '关键数据',
    notes: '注释',
    backToReference: '返回引用 {n}',
    sources: '资料来源',
    source: '来源',
    accessed: '访问于',
    page: '页码',
    of: '/',
    agenda: '议程',
    recommendations: '建议',
    slide: '幻灯片',
    chartData: '图表数据',
    preparedFor: '呈送',
    overview: '概述',
    continued: '续',
    part: '部分',
    webPicture: '网络图片，未包含：运行 briefkit fetch-images 添加',
    barChart: '条形图',
    columnChart: '柱形图',
    lineChart: '折线图',
    stackedBarChart: '堆积条形图',
    chartCompares: '比较{list}',
    chartComparesMany: '比较 {count} 个数值，从{first}到{last}',
    chartAcross: '，分{list}',
    chartExtremes: '最高：{highest}，{highestValue}；最低：{lowest}，{lowestValue}。',
    chartNoData: '无数据。',
    contents: '目录',
    alertNote: '注意',
    alertTip: '提示',
    alertImportant: '重要',
    alertWarning: '警告',
    alertCaution: '小心',
  },
};

/** A label with `{name}` places filled in. */
export function fillLabel(
  label: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return label.replace(/\{(\w+)\}/g, (place, name: string) => String(values[name] ?? place));
}

const languageOf = (lang: string): string | undefined => {
  try {
    return new Intl.Locale(lang).language;
  } catch {
    return undefined;
  }
};

/** Whether briefkit has its words in this language (else it prints them in English). */
export function hasLabels(lang: string): boolean {
  const language = languageOf(lang);
  return language !== undefined && language in labels;
}

/** The languages briefkit has its words in. */
export const labelLanguages = (): string[] => Object.keys(labels);

export function labelsFor(lang: string): Labels {
  return labels[languageOf(lang) ?? 'en'] ?? (labels.en as Labels);
}
