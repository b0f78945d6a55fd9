import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { newClient, pay, sale } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The financial report's files read back: the PDF's text (poppler's pdftotext) and its first page
// rendered (pdftoppm), the workbook re-opened with exceljs, the CSV parsed — each against the JSON.
const it = studioTest();

async function withSales(studio: StudioTenant) {
  const put = await studio.owner.http("PUT", "/api/config/business/", {
    body: { tradeName: "Fotografía Begoña", taxId: "20123456789" },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const client = await newClient(studio);
  const a = await sale(studio, { clientId: client, prices: ["1250.00"] });
  await sale(studio, { clientId: client, prices: ["80.50"] });
  await pay(studio, a.id, "deposit", "100.00", "cash");
  return (await studio.owner.http("GET", "/api/reports/financial/")).body;
}

/** The bytes of an export over REST, with its headers. */
async function exported(base: string, studio: StudioTenant, format: string, query = "report=financial") {
  const res = await fetch(`${base}/api/reports/export/${format}/?${query}`, {
    headers: { authorization: `Bearer ${studio.owner.token}`, "x-tenant-id": studio.slug },
  });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

const scratch = mkdtempSync(join(tmpdir(), "exports-"));

describe("GET /api/reports/export/{pdf,excel,csv}/", () => {
  it("the PDF shows the studio, the title with accents, the total of the JSON and a chart", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const json = await withSales(studio);
    const { res, body } = await exported(server.url, studio, "pdf");
    expect(res.status, body.toString()).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="reporte-financiero_${json.period.from}_${json.period.to}_${studio.slug}.pdf"`,
    );
    const file = join(scratch, `${studio.slug}.pdf`);
    writeFileSync(file, body);
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    expect(text).toContain("Fotografía Begoña");
    expect(text).toContain("RUC 20123456789");
    expect(text).toContain("Reporte financiero");
    expect(text).toContain("Pagos por método");
    expect(text).toMatch(/Página 1 de \d/);
    // The revenue total, as the studio's locale prints it (S/ 1,330.50 for PEN).
    const total = Number(json.revenue.total).toLocaleString("en-US", { minimumFractionDigits: 2 });
    expect(text).toContain(total);
    // The chart is vectors: its axis title is text, and it paints the page.
    expect(text).toContain("Ingresos");
    expect(execFileSync("pdffonts", [file]).toString()).toMatch(/Roboto.*yes/);
    execFileSync("pdftoppm", ["-r", "30", "-gray", "-f", "1", "-l", "1", file, join(scratch, studio.slug)]);
    const pgm = readFileSync(join(scratch, `${studio.slug}-1.pgm`));
    const dark = [...pgm.subarray(pgm.length - 200_000 > 0 ? pgm.length - 200_000 : 20)].filter((v) => v < 128).length;
    expect(dark).toBeGreaterThan(200);
  });

  it("the workbook has a sheet per section with typed cells equal to the JSON", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const json = await withSales(studio);
    const { res, body } = await exported(server.url, studio, "excel");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Resumen",
      "Ingresos por servicio",
      "Ingresos por periodo",
      "Pagos por método",
      "Cuentas por cobrar",
    ]);
    const byService = book.getWorksheet("Ingresos por servicio") as ExcelJS.Worksheet;
    expect(byService.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const totals = byService.getRow(byService.rowCount);
    expect(totals.getCell(1).value).toBe("Total");
    expect(totals.getCell(3).value).toBe(Number(json.revenue.total));
    expect(totals.getCell(3).numFmt).toContain("PEN");
    expect(totals.getCell(2).value).toBe(json.ordersCount);
    const summary = book.getWorksheet("Resumen") as ExcelJS.Worksheet;
    const from = summary.getColumn(1).values.indexOf("Desde");
    expect(summary.getRow(from).getCell(2).value).toEqual(new Date(`${json.period.from}T00:00:00.000Z`));
  });

  it("the CSV starts with a BOM, splits on ; or , and carries the JSON's amounts", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const json = await withSales(studio);
    for (const delimiter of [";", ","]) {
      const { res, body } = await exported(
        server.url,
        studio,
        "csv",
        `report=financial&delimiter=${encodeURIComponent(delimiter)}`,
      );
      expect(res.status).toBe(200);
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(body, {
        bom: true,
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as string[][];
      expect(rows).toContainEqual(["Ingresos del periodo", json.revenue.total]);
      expect(rows).toContainEqual(["Total", String(json.ordersCount), json.revenue.total]);
    }
  });

  it("refuses bad input and readers without reports:read; tRPC gets the file in base64", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    expect((await exported(server.url, studio, "pdf", "report=nope")).res.status).toBe(400);
    expect(
      (await exported(server.url, studio, "pdf", "report=financial&from=2026-03-10&to=2026-03-01")).res.status,
    ).toBe(400);
    const sales = await fetch(`${server.url}/api/reports/export/pdf/?report=financial`, {
      headers: { authorization: `Bearer ${studio.users.sales.token}`, "x-tenant-id": studio.slug },
    });
    expect(sales.status).toBe(403);
    const file = await studio.owner.sdk.reports.exportFile.query({ report: "financial", format: "csv" });
    expect(file.fileName).toMatch(new RegExp(`^reporte-financiero_.*_${studio.slug}\\.csv$`));
    expect(Buffer.from(file.base64, "base64").length).toBe(file.size);
  });
});
