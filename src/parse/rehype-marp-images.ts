import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** `w:300`, `width:300px`, `h:1.5em`: a length as Marp reads it (a bare number is pixels). */
const sizeWord = /^(w|width|h|height):((?:\d*\.)?\d+(?:%|ch|cm|em|ex|in|mm|pc|pt|px)?|auto)$/;
/** Marp's CSS filters, each with or without its value (`sepia`, `blur:5px`). */
const filterWord =
  /^(blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)(:.+)?$/;
/** A share (`60%`): a background's size; Marp takes it out of any picture's alt text. */
const shareWord = /^(\d*\.)?\d+%$/;

/**
 * Marp's image keywords: in a Marp document, the words of an image's alt text that size it
 * (`w:300`, `height:1.5em`) or filter it (`sepia`, `blur:5px`) are Marp's, never the picture's
 * description. They are taken out of the alt text, as Marp does, so no output prints or reads
 * them out (a web picture's stand-in text included: this runs before rehype-images), and kept
 * as `data-marp-width`, `data-marp-height` and `data-marp-filter` for the deck, which sizes the
 * picture on its slide and names the filters it leaves out (src/model/slide-images.ts). Background pictures (`bg`) are left whole:
 * their keywords are the deck's to read (src/model/slide-background.ts).
 */
export default function rehypeMarpImages(options: { marp: boolean }) {
  return (tree: Root) => {
    if (!options.marp) return;
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'img' || typeof node.properties.alt !== 'string') return;
      const words = node.properties.alt.split(/\s+/).filter(Boolean);
      if (words.includes('bg')) return;
      const kept: string[] = [];
      const filters: string[] = [];
      for (const word of words) {
        const size = sizeWord.exec(word);
        if (size) {
          const [, name = '', value = ''] = size;
          const length = /^(\d*\.)?\d+$/.test(value) ? `${value}px` : value;
          node.properties[name.startsWith('w') ? 'dataMarpWidth' : 'dataMarpHeight'] = length;
        } else if (filterWord.test(word)) filters.push(word);
        else if (!shareWord.test(word)) kept.push(word);
      }
      if (kept.length === words.length) return;
      if (filters.length > 0) node.properties.dataMarpFilter = filters.join(' ');
      node.properties.alt = kept.join(' ');
    });
  };
}
