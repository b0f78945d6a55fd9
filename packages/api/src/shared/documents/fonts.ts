/// <reference path="./pdfmake.d.ts" />
import { createRequire } from "node:module";
import path from "node:path";
import type pdfmake from "pdfmake";

// pdfmake's own Roboto TTFs, embedded (subset) in every PDF: the standard-14 fonts are WinAnsi
// only, and Spanish needs á, ñ, ü and the currency signs. Nothing depends on system fonts.

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf"));
const font = (name: string) => path.join(FONT_DIR, `Roboto-${name}.ttf`);

let ready: Promise<typeof pdfmake> | undefined;

/**
 * pdfmake, with Roboto registered and no file or URL reachable from a document but the fonts.
 * Imported on the first PDF, not at boot (~0.4 s to load, as exceljs: excel.ts).
 */
export function pdfMaker(): Promise<typeof pdfmake> {
  ready ??= import("pdfmake").then(({ default: maker }) => configured(maker));
  return ready;
}

function configured(maker: typeof pdfmake): typeof pdfmake {
  maker.addFonts({
    Roboto: {
      normal: font("Regular"),
      bold: font("Medium"),
      italics: font("Italic"),
      bolditalics: font("MediumItalic"),
    },
  });
  // A document definition could name a URL or a path (images, fonts): none is allowed but the fonts.
  maker.setUrlAccessPolicy(() => false);
  maker.setLocalAccessPolicy((target: string) => path.resolve(target).startsWith(FONT_DIR + path.sep));
  return maker;
}
