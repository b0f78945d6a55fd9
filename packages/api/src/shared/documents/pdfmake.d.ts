// The part of pdfmake 0.3's server API we use. @types/pdfmake is not used: its interfaces pull
// the DOM library into every program that sees them (`/// <reference lib="dom" />`), and the DOM's
// fetch types then clash with Node's in the server's tests.
declare module "pdfmake" {
  type FontFiles = Record<"normal" | "bold" | "italics" | "bolditalics", string>;
  interface CreatedPdf {
    getBuffer(): Promise<Uint8Array>;
  }
  const pdfmake: {
    addFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: object): CreatedPdf;
  };
  // biome-ignore lint/style/noDefaultExport: pdfmake is a CommonJS module: its export is the default.
  export default pdfmake;
}
