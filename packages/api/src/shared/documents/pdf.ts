import { chartSvg } from "./charts.js";
import { pdfMaker } from "./fonts.js";
import { cellText, dayText } from "./format.js";
import type { DocumentTable, ReportDocument } from "./model.js";

// A report or a printable document as a PDF (pdfmake 0.3): the studio's logo, name and RUC, the
// title, the period and when it was generated (the studio's clock), headline facts, tables whose
// header row repeats on every page with a totals row, charts as vectors, "Página X de Y".

// pdfmake's document definitions, as loosely as it takes them (see pdfmake.d.ts for why not its types).
type Content = string | { [key: string]: unknown } | Content[];
type TableCell = { [key: string]: unknown };

const NUMERIC = new Set(["money", "integer", "quantity", "percent"]);

/** When, in the studio's zone and words: "02/12/2026 16:05". */
export function generatedText(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return parts.replace(",", "");
}

function table(t: DocumentTable, currency: string): Content {
  const align = (type: string) => (NUMERIC.has(type) ? "right" : "left");
  const header: TableCell[] = t.columns.map((c) => ({ text: c.header, style: "th", alignment: align(c.type) }));
  const rows: TableCell[][] = t.rows.map((row) =>
    t.columns.map((c) => ({ text: cellText(row[c.key] ?? null, c.type, currency), alignment: align(c.type) })),
  );
  if (t.totals) {
    const totals = t.totals;
    rows.push(
      t.columns.map((c) => ({
        text: cellText(totals[c.key] ?? null, c.type, currency),
        alignment: align(c.type),
        bold: true,
      })),
    );
  }
  const empty: TableCell[] = [{ text: "Sin datos en el periodo", italics: true, colSpan: t.columns.length }];
  for (let i = 1; i < t.columns.length; i++) empty.push({ text: "" });
  return [
    { text: t.title, style: "h2" },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: t.columns.map((c, i) => (i === 0 ? "*" : c.width ? c.width * 5 : "auto")),
        body: [header, ...(rows.length ? rows : [empty])],
      },
      layout: "lightHorizontalLines",
      fontSize: 9,
      margin: [0, 0, 0, 12],
    },
  ];
}

/** The document as PDF bytes. */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const { studio } = doc;
  const charts = await Promise.all(
    // Unbreakable: a chart's title never stays at the foot of one page with its drawing on the next.
    (doc.charts ?? []).map(async (c) => ({
      stack: [
        { text: c.title, style: "h2" },
        { svg: await chartSvg(c), width: 480 },
      ],
      unbreakable: true,
    })),
  );
  const identity: Content[] = [
    { text: studio.name, style: "studio" },
    ...(studio.taxId ? [{ text: `RUC ${studio.taxId}`, fontSize: 9 }] : []),
    ...(studio.address ? [{ text: studio.address, fontSize: 9 }] : []),
    ...(studio.phone || studio.email
      ? [{ text: [studio.phone, studio.email].filter(Boolean).join(" · "), fontSize: 9 }]
      : []),
  ];
  const header: Content = {
    columns: [
      ...(studio.logo ? [{ image: `data:image/png;base64,${studio.logo.toString("base64")}`, fit: [80, 60] }] : []),
      { stack: identity, margin: [studio.logo ? 10 : 0, 0, 0, 0] },
      {
        stack: [
          { text: `Generado el ${generatedText(doc.generatedAt, studio.timeZone)}`, fontSize: 8, alignment: "right" },
        ],
        width: 150,
      },
    ],
    margin: [0, 0, 0, 12],
  } as Content;
  const facts: Content[] = doc.facts?.length
    ? [
        {
          table: {
            widths: ["*", "auto"],
            body: doc.facts.map((f) => [
              { text: f.label },
              { text: cellText(f.value, f.type, studio.currency), alignment: "right", bold: true },
            ]),
          },
          layout: "noBorders",
          margin: [0, 0, 0, 12],
        },
      ]
    : [];
  const definition = {
    info: { title: doc.title, author: studio.name, creator: "FotoStudio Cloud" },
    pageSize: "A4",
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: "Roboto", fontSize: 10 },
    styles: {
      studio: { fontSize: 14, bold: true },
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 2] },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      th: { bold: true, fillColor: "#eeeeee" },
    },
    footer: (page: number, pages: number) => ({
      text: `Página ${page} de ${pages}`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content: [
      header,
      { text: doc.title, style: "title" },
      ...(doc.subtitle ? [{ text: doc.subtitle }] : []),
      ...(doc.period ? [{ text: `Del ${dayText(doc.period.from)} al ${dayText(doc.period.to)}`, fontSize: 9 }] : []),
      { text: " " },
      ...facts,
      ...doc.tables.map((t) => table(t, studio.currency)),
      ...charts,
      ...(doc.notes ?? []).map((n) => ({ text: n, fontSize: 9, margin: [0, 6, 0, 0] }) as Content),
    ],
  };
  return Buffer.from(await (await pdfMaker()).createPdf(definition).getBuffer());
}
