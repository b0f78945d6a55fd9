import { materials } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { exportOf, moveStock, newMaterial, pdfText, productionOrder, statementsOf } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The inventory report against a hand count of a workshop built over REST: 10 m of moulding at
// 8.00, 2 m² of glass at 40.00 and 3 m² of paper at 10.00 (minimum 5: low), half a metre of
// moulding adjusted out, one framed piece registered (1.560 m and 0.120 m² used, 0.100 m wasted),
// and an oil paint received then deactivated (its receipt is in the ledger, not in the stock).
// On hand: 7.840 m × 8.00 = 62.72 (varillas); 1.880 m² × 40.00 + 3 m² × 10.00 = 105.20 (impresion).
const it = studioTest();

const report = (studio: StudioTenant, query = "") => studio.owner.http("GET", `/api/reports/inventory/${query}`);

async function workshop(studio: StudioTenant) {
  const moulding = await newMaterial(studio, { category: "varillas", unit: "m", faceWidthMm: 20, costPrice: "8.00" });
  const glass = await newMaterial(studio, { category: "impresion", unit: "m2", costPrice: "40.00" });
  const paper = await newMaterial(studio, {
    category: "impresion",
    unit: "m2",
    costPrice: "10.00",
    minQty: "5",
    maxQty: "10",
  });
  const oil = await newMaterial(studio, { category: "pinturas", unit: "unit", costPrice: "50.00" });
  await moveStock(studio, moulding, "10", { unitCost: "8.00" });
  await moveStock(studio, glass, "2", { unitCost: "40.00" });
  await moveStock(studio, paper, "3", { unitCost: "10.00" });
  await moveStock(studio, oil, "2", { unitCost: "50.00" });
  const off = await studio.owner.http("PATCH", `/api/inventory/materials/${oil}/`, { body: { active: false } });
  expect(off.status, JSON.stringify(off.body)).toBe(200);
  await moveStock(studio, moulding, "-0.5", { type: "adjust" });
  await productionOrder(studio, [
    { materialId: moulding, consumed: "1.560", waste: "0.100" },
    { materialId: glass, consumed: "0.120" },
  ]);
  return { moulding, glass, paper, oil };
}

describe("GET /api/reports/inventory/", () => {
  it("values stock per category, lists low stock and the ledger by type, per unit", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const { paper } = await workshop(studio);
    const res = await report(studio, "?period=month");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r.categories).toHaveLength(7);
    const byCategory = Object.fromEntries(r.categories.map((c: { category: string }) => [c.category, c]));
    expect(byCategory.varillas).toEqual({ category: "varillas", items: 1, lowStock: 0, value: "62.72" });
    expect(byCategory.impresion).toEqual({ category: "impresion", items: 2, lowStock: 1, value: "105.20" });
    // The deactivated oil paint is neither an item nor stock value.
    expect(byCategory.pinturas).toEqual({ category: "pinturas", items: 0, lowStock: 0, value: "0.00" });
    expect(r.totalValue).toBe("167.92");
    expect(r).toMatchObject({ items: 3, lowStockCount: 1 });
    expect(r.lowStock).toEqual([
      expect.objectContaining({
        materialId: paper,
        category: "impresion",
        unit: "m2",
        available: "3.000",
        minimum: "5.000",
      }),
    ]);

    const byType = Object.fromEntries(r.movements.map((m: { type: string }) => [m.type, m]));
    expect(r.movements.map((m: { type: string }) => m.type)).toEqual([
      "receipt",
      "consume",
      "waste",
      "adjust",
      "return",
      "transfer",
    ]);
    expect(byType.receipt).toEqual({
      type: "receipt",
      count: 4,
      quantities: [
        { unit: "m", quantity: "10.000", net: "10.000" },
        { unit: "m2", quantity: "5.000", net: "5.000" },
        { unit: "unit", quantity: "2.000", net: "2.000" },
      ],
      cost: "290.00",
    });
    expect(byType.consume).toEqual({
      type: "consume",
      count: 2,
      quantities: [
        { unit: "m", quantity: "1.560", net: "-1.560" },
        { unit: "m2", quantity: "0.120", net: "-0.120" },
      ],
      cost: "17.28",
    });
    expect(byType.waste).toEqual({
      type: "waste",
      count: 1,
      quantities: [{ unit: "m", quantity: "0.100", net: "-0.100" }],
      cost: "0.80",
    });
    expect(byType.adjust).toEqual({
      type: "adjust",
      count: 1,
      quantities: [{ unit: "m", quantity: "0.500", net: "-0.500" }],
      cost: "4.00",
    });
    expect(byType.return).toEqual({ type: "return", count: 0, quantities: [], cost: "0.00" });

    // Production took 1.660 m of moulding and 0.120 m² of glass: two lines, never one sum.
    const month = r.period.from.slice(0, 7);
    expect(r.consumption).toEqual([
      { period: month, category: "impresion", unit: "m2", quantity: "0.120" },
      { period: month, category: "varillas", unit: "m", quantity: "1.660" },
    ]);
    const { body: daily } = await report(studio, "?groupBy=day");
    expect(daily.consumption).toHaveLength(2 * Number(daily.period.to.slice(8, 10)));
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date());
    expect(daily.consumption.filter((c: { quantity: string }) => c.quantity !== "0.000")).toEqual([
      { period: today, category: "impresion", unit: "m2", quantity: "0.120" },
      { period: today, category: "varillas", unit: "m", quantity: "1.660" },
    ]);
  });

  it("leaves the ledger of another period out, and the value at cost to roles that see costs", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await workshop(studio);
    const { body: before } = await report(studio, "?from=2025-01-01&to=2025-01-31");
    expect(before.movements.every((m: { count: number }) => m.count === 0)).toBe(true);
    expect(before.consumption).toEqual([]);
    // Stock is now, whatever the period.
    expect(before.totalValue).toBe("167.92");

    const viewer = await studio.users.viewer.http("GET", "/api/reports/inventory/");
    expect(viewer.status).toBe(200);
    expect(viewer.body.totalValue).toBeNull();
    expect(viewer.body.categories.every((c: { value: unknown }) => c.value === null)).toBe(true);
    expect(viewer.body.movements.every((m: { cost: unknown }) => m.cost === null)).toBe(true);
    expect(viewer.body.lowStockCount).toBe(1);
    expect((await studio.users.sales.http("GET", "/api/reports/inventory/")).status).toBe(403);
  });

  it("counts as inactive the active materials idle for 90 days, from their creation if they never moved", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const idle = await newMaterial(studio, { category: "diseno", unit: "unit", name: "Plantilla vieja" });
    const moved = await newMaterial(studio, { category: "diseno", unit: "unit" });
    const retired = await newMaterial(studio, { category: "diseno", unit: "unit", active: false });
    await newMaterial(studio, { category: "diseno", unit: "unit" }); // new: not idle yet
    // Created 100 days ago (no endpoint backdates a material); one of them received stock today.
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    for (const id of [idle, moved, retired]) {
      await studio.db.update(materials).set({ createdAt: longAgo }).where(eq(materials.id, id));
    }
    await moveStock(studio, moved, "1", { unitCost: "5.00" });
    const { body: r } = await report(studio);
    expect(r.inactive).toEqual({
      days: 90,
      count: 1,
      materials: [
        expect.objectContaining({ materialId: idle, name: "Plantilla vieja", onHand: "0.000", lastMovementAt: null }),
      ],
    });
  });

  it("refuses a period that ends before it starts and a step it does not know", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const backwards = await report(studio, "?from=2026-03-10&to=2026-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    expect((await report(studio, "?groupBy=hour")).status).toBe(400);
  });

  it("counts only the studio's own rows, in the same statements however many materials and movements", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await using other = await server.openTenant();
    const theirs = await newMaterial(other, { category: "varillas", unit: "m", faceWidthMm: 20, costPrice: "9.00" });
    await moveStock(other, theirs, "100", { unitCost: "9.00" });
    const first = await newMaterial(studio, { category: "varillas", unit: "m", faceWidthMm: 20, costPrice: "2.00" });
    await moveStock(studio, first, "1", { unitCost: "2.00" });
    const few = await statementsOf(studio, "reports.inventory", () => report(studio));
    for (let i = 0; i < 5; i++) {
      const id = await newMaterial(studio, { category: i % 2 ? "impresion" : "pintura", unit: i % 2 ? "m2" : "ml" });
      await moveStock(studio, id, "2", { unitCost: "1.00" });
    }
    const many = await statementsOf(studio, "reports.inventory", () => report(studio));
    expect(many.length).toBe(few.length);
    expect(few.length).toBeLessThanOrEqual(6);
    const { body: r } = await report(studio);
    expect(r.items).toBe(6);
    expect(r.totalValue).toBe("12.00");
    expect(r.movements[0]).toMatchObject({ type: "receipt", count: 6 });
  });
});

describe("the inventory report's export", () => {
  it("the workbook's cells equal the JSON; the PDF has the title and the total value", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    await workshop(studio);
    const { body: json } = await report(studio);
    const excel = await exportOf(server.url, studio, "excel", "report=inventory");
    expect(excel.res.status, excel.body.toString()).toBe(200);
    expect(excel.res.headers.get("content-disposition")).toContain("reporte-inventario_");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(excel.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Inventario por categoría") as ExcelJS.Worksheet;
    expect(sheet).toBeDefined();
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    const impresion = json.categories.find((c: { category: string }) => c.category === "impresion");
    expect(rows.get("Impresión")?.getCell(2).value).toBe(impresion.items);
    expect(rows.get("Impresión")?.getCell(3).value).toBe(impresion.lowStock);
    expect(rows.get("Impresión")?.getCell(4).value).toBe(Number(impresion.value));
    expect(rows.get("Total")?.getCell(4).value).toBe(Number(json.totalValue));
    expect(rows.get("Total")?.getCell(2).value).toBe(json.items);
    const low = book.getWorksheet("Stock bajo") as ExcelJS.Worksheet;
    expect(low.getRow(2).getCell(5).value).toBe(Number(json.lowStock[0].available));

    const pdf = await exportOf(server.url, studio, "pdf", "report=inventory");
    expect(pdf.res.status).toBe(200);
    const text = pdfText(pdf.body);
    expect(text).toContain("Reporte de inventario");
    expect(text).toContain(Number(json.totalValue).toLocaleString("en-US", { minimumFractionDigits: 2 }));
    expect(text).toContain("Valor del inventario por categoría");

    const csv = await exportOf(server.url, studio, "csv", "report=inventory");
    expect(csv.res.status).toBe(200);
    expect(csv.body.toString()).toContain(json.totalValue);
  });
});
