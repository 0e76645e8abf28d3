/**
 * Reads back what an accessibility checker reads from a PDF: its structure tree, its metadata
 * packet, its link annotations and any painting that is neither tagged nor an artifact. Each
 * check names the PDF/UA-1 (Matterhorn Protocol) condition it stands for, so a failure says which
 * rule broke. pdf.js reads the file, as a viewer would; nothing here shares code with briefkit.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role: string;
  alt: string | undefined;
  children: StructNode[];
  /** Ids of the objects (link annotations) this element refers to. */
  annotations: string[];
  /** Number of marked-content pieces (text, drawings) this element owns directly. */
  contents: number;
}

export interface AccessibilityReading {
  /** One structure tree root per page, as pdf.js gives them. */
  trees: StructNode[];
  lang: string | undefined;
  displayDocTitle: boolean;
  pageMode: string | undefined;
  xmp: { title: unknown; language: unknown; raw: string } | undefined;
  links: {
    page: number;
    id: string;
    contents: string;
    url: string | undefined;
    dest: string | undefined;
  }[];
  /** Per page: painting operators outside any marked-content sequence. */
  unmarked: number[];
}

interface RawStructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: RawStructNode[];
}

const painting = new Set<number>([
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.fill,
  OPS.eoFill,
  OPS.stroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
  OPS.paintFormXObjectBegin,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.shadingFill,
]);

export async function readAccessibility(bytes: Uint8Array): Promise<AccessibilityReading> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const trees: StructNode[] = [];
    const links: AccessibilityReading['links'] = [];
    const unmarked: number[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const tree = (await page.getStructTree()) as RawStructNode | null;
      if (tree) trees.push(toNode(tree));
      const annotations = (await page.getAnnotations()) as {
        subtype: string;
        id: string;
        url?: string;
        dest?: unknown;
        contentsObj?: { str: string };
      }[];
      for (const annotation of annotations.filter((a) => a.subtype === 'Link'))
        links.push({
          page: number,
          id: annotation.id,
          contents: annotation.contentsObj?.str ?? '',
          url: annotation.url,
          dest: typeof annotation.dest === 'string' ? annotation.dest : undefined,
        });
      unmarked.push(countUnmarked(await page.getOperatorList()));
    }
    const { info, metadata } = (await doc.getMetadata()) as {
      info: { Language?: string };
      metadata: { get(name: string): unknown; getRaw(): string } | null;
    };
    const viewer = (await doc.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
    return {
      trees,
      lang: info.Language,
      displayDocTitle: viewer?.DisplayDocTitle === true,
      pageMode: (await doc.getPageMode()) ?? undefined,
      xmp: metadata
        ? {
            title: metadata.get('dc:title'),
            language: metadata.get('dc:language'),
            raw: metadata.getRaw(),
          }
        : undefined,
      links,
      unmarked,
    };
  } finally {
    await doc.destroy();
  }
}

function toNode(raw: RawStructNode): StructNode {
  const kids = raw.children ?? [];
  return {
    role: raw.role ?? '',
    alt: raw.alt,
    children: kids.filter((kid) => kid.role !== undefined).map(toNode),
    // pdf.js names an object reference (`/OBJR`) by the object's id, as on the annotation.
    annotations: kids.filter((kid) => kid.type === 'object').map((kid) => kid.id ?? ''),
    contents: kids.filter((kid) => kid.type === 'content').length,
  };
}

/** Painting done at marked-content depth 0: content a reader's software cannot classify. */
function countUnmarked(list: { fnArray: number[]; argsArray: unknown[] }): number {
  let depth = 0;
  let count = 0;
  list.fnArray.forEach((op, index) => {
    if (op === OPS.beginMarkedContent || op === OPS.beginMarkedContentProps) depth++;
    else if (op === OPS.endMarkedContent) depth--;
    else if (depth === 0 && (painting.has(op) || paintsPath(op, list.argsArray[index]))) count++;
  });
  return count;
}

/** pdf.js folds a path's painting operator into `constructPath` (its first argument). */
function paintsPath(op: number, args: unknown): boolean {
  if (op !== OPS.constructPath || !Array.isArray(args)) return false;
  const paint = args[0];
  return typeof paint === 'number' && painting.has(paint);
}

/** Every element of the trees, depth first. */
export const allNodes = (nodes: readonly StructNode[]): StructNode[] =>
  nodes.flatMap((node) => [node, ...allNodes(node.children)]);
