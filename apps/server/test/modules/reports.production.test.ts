import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import {
  confirmedDaysBeforeDone,
  exportOf,
  moveStock,
  newMaterial,
  pdfText,
  productionOrder,
  statementsOf,
} from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The production report against a hand count of a workshop built over REST: moulding at 8.00/m,
// glass at 40.00/m², paper at 10.00/m². Done this month: a frame (1.560 m and 0.120 m² used,
// 0.100 m wasted; confirmed 2 days before it was done) and a minilab print (0.900 m² of paper used,
// 0.100 m² wasted; confirmed 1 day before). Open: a frame in progress and due yesterday (late),
// a minilab draft due next year, a cancelled frame due yesterday (not late).
//   moulding waste 0.100 / 1.660 = 6.02 %, efficiency 1 − 0.80 / 13.28 = 93.98 %
//   glass 0.00 %, 100.00 %; paper 0.100 / 1.000 = 10.00 %, 90.00 %
//   by cost: used 12.48 + 4.80 + 9.00 = 26.28, wasted 0.80 + 1.00 = 1.80 → waste 1.80 / 28.08 = 6.41 %,
//   efficiency 93.59 %; framing 0.80 / 18.08 = 4.42 % (95.58 %), minilab 10.00 % (90.00 %).
const it = studioTest();

const report = (studio: StudioTenant, query = "") => studio.owner.http("GET", `/api/reports/production/${query}`);
const DAY = 86_400_000;

async function workshop(studio: StudioTenant) {
  const moulding = await newMaterial(studio, { category: "varillas", unit: "m", faceWidthMm: 20, costPrice: "8.00" });
  const glass = await newMaterial(studio, { category: "impresion", unit: "m2", costPrice: "40.00" });
  const paper = await newMaterial(studio, { category: "impresion", unit: "m2", costPrice: "10.00" });
  await moveStock(studio, moulding, "20", { unitCost: "8.00" });
  await moveStock(studio, glass, "4", { unitCost: "40.00" });
  await moveStock(studio, paper, "10", { unitCost: "10.00" });
  const frame = await productionOrder(studio, [
    { materialId: moulding, consumed: "1.560", waste: "0.100" },
    { materialId: glass, consumed: "0.120" },
  ]);
  const print = await productionOrder(studio, [{ materialId: paper, consumed: "0.900", waste: "0.100" }], {
    type: "minilab",
  });
  await confirmedDaysBeforeDone(studio, frame.id, 2);
  await confirmedDaysBeforeDone(studio, print.id, 1);
  const yesterday = new Date(Date.now() - DAY).toISOString();
  const late = await productionOrder(studio, [{ materialId: moulding, consumed: "1.000" }], {
    to: "in_progress",
    dueAt: yesterday,
  });
  await productionOrder(studio, [{ materialId: paper, consumed: "1.000" }], {
    type: "minilab",
    to: "draft",
    dueAt: new Date(Date.now() + 365 * DAY).toISOString(),
  });
  await productionOrder(studio, [{ materialId: moulding, consumed: "1.000" }], { to: "cancelled", dueAt: yesterday });
  return { moulding, glass, paper, late };
}

describe("GET /api/reports/production/", () => {
  it("counts orders by status and type, output, lead time, waste and efficiency per material and type", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const w = await workshop(studio);
    const res = await report(studio, "?period=month");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r.orders.total).toBe(5);
    expect(r.orders.byStatus).toEqual([
      { status: "draft", count: 1 },
      { status: "confirmed", count: 0 },
      { status: "waiting_material", count: 0 },
      { status: "in_progress", count: 1 },
      { status: "done", count: 2 },
      { status: "cancelled", count: 1 },
    ]);
    expect(r.orders.byType).toEqual(
      expect.arrayContaining([
        { type: "framing", count: 3 },
        { type: "minilab", count: 2 },
        { type: "graduation", count: 0 },
      ]),
    );
    expect(r.output).toBe(2);
    expect(r.leadTimeDays).toBe(1.5);
    expect(r).toMatchObject({
      wastePercent: 6.41,
      efficiencyPercent: 93.59,
      consumedCost: "26.28",
      wasteCost: "1.80",
    });
    const material = (id: number) => r.materials.find((m: { materialId: number }) => m.materialId === id);
    expect(material(w.moulding)).toMatchObject({
      unit: "m",
      orders: 1,
      consumed: "1.560",
      waste: "0.100",
      wastePercent: 6.02,
      efficiencyPercent: 93.98,
      consumedCost: "12.48",
      wasteCost: "0.80",
    });
    expect(material(w.glass)).toMatchObject({ unit: "m2", consumed: "0.120", waste: "0.000", wastePercent: 0 });
    expect(material(w.paper)).toMatchObject({
      unit: "m2",
      consumed: "0.900",
      waste: "0.100",
      wastePercent: 10,
      efficiencyPercent: 90,
    });
    expect(r.materials).toHaveLength(3);
    const type = (t: string) => r.types.find((x: { type: string }) => x.type === t);
    expect(type("framing")).toMatchObject({
      done: 1,
      leadTimeDays: 2,
      wastePercent: 4.42,
      efficiencyPercent: 95.58,
    });
    expect(type("minilab")).toMatchObject({
      done: 1,
      leadTimeDays: 1,
      wastePercent: 10,
      efficiencyPercent: 90,
    });
    expect(type("graduation")).toMatchObject({
      done: 0,
      leadTimeDays: null,
      wastePercent: null,
      efficiencyPercent: null,
    });
    expect(r.late).toEqual([
      expect.objectContaining({ id: w.late.id, number: w.late.number, status: "in_progress", daysLate: 1 }),
    ]);
    expect(r.series).toEqual([
      { period: r.period.from.slice(0, 7), done: 2, wastePercent: 6.41, efficiencyPercent: 93.59 },
    ]);
    const { body: weekly } = await report(studio, "?groupBy=week");
    expect(weekly.series.filter((s: { done: number }) => s.done > 0)).toHaveLength(1);
    expect(
      weekly.series.every((s: { done: number; wastePercent: unknown }) => s.done > 0 || s.wastePercent === null),
    ).toBe(true);
  });

  it("shows usage costs only to roles that see costs, the percents to every report reader", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await workshop(studio);
    const viewer = await studio.users.viewer.http("GET", "/api/reports/production/");
    expect(viewer.status).toBe(200);
    expect(viewer.body).toMatchObject({
      wastePercent: 6.41,
      efficiencyPercent: 93.59,
      consumedCost: null,
      wasteCost: null,
    });
    expect(viewer.body.materials.every((m: { consumedCost: unknown }) => m.consumedCost === null)).toBe(true);
    expect(viewer.body.types.every((m: { wasteCost: unknown }) => m.wasteCost === null)).toBe(true);
    expect((await studio.users.sales.http("GET", "/api/reports/production/")).status).toBe(403);
    // Last year's period: nothing done then, the ratios null (no usage), late orders are now's.
    const { body: past } = await report(studio, "?period=custom&from=2025-01-01&to=2025-01-31");
    expect(past).toMatchObject({ output: 0, leadTimeDays: null, wastePercent: null, efficiencyPercent: null });
    expect(past.materials).toEqual([]);
    expect(past.orders.total).toBe(0);
    expect(past.late).toHaveLength(1);
  });

  it("refuses a period that ends before it starts, or half a range", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const backwards = await report(studio, "?from=2026-03-10&to=2026-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    expect((await report(studio, "?to=2026-03-01")).status).toBe(400);
  });

  it("counts only the studio's own rows, in the same statements however many orders", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    await using other = await server.openTenant();
    const theirs = await newMaterial(other, { category: "impresion", unit: "m2", costPrice: "10.00" });
    await moveStock(other, theirs, "5", { unitCost: "10.00" });
    await productionOrder(other, [{ materialId: theirs, consumed: "1.000", waste: "1.000" }], { type: "minilab" });
    const paper = await newMaterial(studio, { category: "impresion", unit: "m2", costPrice: "10.00" });
    await moveStock(studio, paper, "20", { unitCost: "10.00" });
    await productionOrder(studio, [{ materialId: paper, consumed: "1.000" }], { type: "minilab" });
    const few = await statementsOf(studio, "reports.production", () => report(studio));
    for (let i = 0; i < 4; i++) {
      await productionOrder(studio, [{ materialId: paper, consumed: "0.500" }], { type: i % 2 ? "minilab" : "other" });
    }
    const many = await statementsOf(studio, "reports.production", () => report(studio));
    expect(many.length).toBe(few.length);
    expect(few.length).toBeLessThanOrEqual(10);
    const { body: r } = await report(studio);
    expect(r).toMatchObject({ output: 5, wastePercent: 0, efficiencyPercent: 100 });
    expect(r.materials).toEqual([expect.objectContaining({ materialId: paper, consumed: "3.000", orders: 5 })]);
  });
});

describe("the production report's export", () => {
  it("the workbook's cells equal the JSON; the PDF has the title and the totals", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    await workshop(studio);
    const { body: json } = await report(studio);
    const excel = await exportOf(server.url, studio, "excel", "report=production");
    expect(excel.res.status, excel.body.toString()).toBe(200);
    expect(excel.res.headers.get("content-disposition")).toContain("reporte-produccion_");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(excel.body as unknown as ArrayBuffer);
    const rowsOf = (name: string) => {
      const sheet = book.getWorksheet(name) as ExcelJS.Worksheet;
      expect(sheet, name).toBeDefined();
      const rows = new Map<string, ExcelJS.Row>();
      sheet.eachRow((row) => rows.set(String(row.getCell(1).value), row));
      return rows;
    };
    const status = rowsOf("Órdenes por estado");
    expect(status.get("Terminada")?.getCell(2).value).toBe(2);
    expect(status.get("Total")?.getCell(2).value).toBe(json.orders.total);
    const byMaterial = rowsOf("Mermas por material");
    const moulding = json.materials.find((m: { unit: string }) => m.unit === "m");
    const row = byMaterial.get(`${moulding.code} ${moulding.name}`) as ExcelJS.Row;
    expect(row.getCell(3).value).toBe(Number(moulding.consumed));
    expect(row.getCell(4).value).toBe(Number(moulding.waste));
    expect(row.getCell(5).value).toBe(Number(moulding.wastePercent));
    expect(row.getCell(6).value).toBe(Number(moulding.efficiencyPercent));
    expect(row.getCell(8).value).toBe(Number(moulding.wasteCost));
    const summary = rowsOf("Resumen");
    expect(summary.get("Mermas %")?.getCell(2).value).toBe(Number(json.wastePercent));
    expect(summary.get("Órdenes terminadas")?.getCell(2).value).toBe(json.output);

    const pdf = await exportOf(server.url, studio, "pdf", "report=production");
    expect(pdf.res.status).toBe(200);
    const text = pdfText(pdf.body);
    expect(text).toContain("Reporte de producción");
    expect(text).toContain("Órdenes por estado");
    expect(text).toContain(`${json.efficiencyPercent.toFixed(2)} %`);
    expect(text).toContain("Mermas por periodo");
    // The widest tables fit the page: their last columns are printed.
    expect(text).toContain(`S/ ${json.wasteCost}`);
    expect(text).toContain("Responsable");
  });
});
