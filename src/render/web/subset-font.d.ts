/** subset-font ships no types: the one call briefkit makes (harfbuzz's hb-subset in WebAssembly). */
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype'; noLayoutClosure?: boolean },
  ): Promise<Buffer>;
}
