import { contracts } from "@fotostudio/db";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import {
  exportOf,
  limaDay,
  moveContract,
  newContract,
  newSchool,
  payContract,
  pdfText,
  statementsOf,
} from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The contracts report against a hand count of the contracts each test builds: the period's
// contracts are the signed ones (never a draft) whose validity overlaps the period's days and that
// were not rescinded before it began; paid is what was paid before the period's end (or now);
// expiring is the dashboard's rule, from today.
const it = studioTest();

const report = (studio: StudioTenant, query = "") => studio.owner.http("GET", `/api/reports/contracts/${query}`);

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe("GET /api/reports/contracts/", () => {
  it("this month's contracts: value, paid and balance in total, by state and one by one; expiring as the dashboard counts it", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const { body: empty } = await report(studio);
    const { from, to } = empty.period;
    const school = await newSchool(studio, "Colegio San Martín");
    const other = await newSchool(studio, "Colegio Los Andes");
    const c = (opts: Omit<Parameters<typeof newContract>[1], "schoolId">, schoolId = school) =>
      newContract(studio, { schoolId, ...opts });

    const a = await c({ validFrom: limaDay(-100), validTo: limaDay(100), value: "1000.00" });
    await payContract(studio, a, "deposit", "300.00", "cash");
    await payContract(studio, a, "payment", "200.00");
    await payContract(studio, a, "refund", "50.00");
    const b = await c({ validFrom: addDays(from, -200), validTo: from, value: "500.00" }, other);
    await payContract(studio, b, "payment", "500.00");
    await moveContract(studio, b, "completed");
    const j = await c({ validFrom: limaDay(-5), validTo: limaDay(0), value: "0.00" }); // ends today
    const rescinded = await c({ validFrom: limaDay(-30), validTo: limaDay(60), value: "800.00" });
    await payContract(studio, rescinded, "deposit", "100.00");
    await moveContract(studio, rescinded, "rescinded"); // today: still in force this month
    const h = await c({ validFrom: limaDay(-10), validTo: limaDay(10), value: "200.00" });
    const i = await c({ validFrom: limaDay(-10), validTo: limaDay(40), value: "300.00" });
    // Not this month's: a draft, one ended before the 1st, one starting after the last day, one
    // rescinded before the 1st (the stamp moved back on the studio's database: no endpoint back-dates).
    await c({ validFrom: limaDay(-10), validTo: limaDay(10), value: "9000.00", status: "draft" });
    await c({ validFrom: addDays(from, -300), validTo: addDays(from, -1), value: "9000.00" });
    await c({ validFrom: addDays(to, 1), validTo: addDays(to, 200), value: "9000.00" });
    const gone = await c({ validFrom: limaDay(-30), validTo: limaDay(60), value: "9000.00", status: "rescinded" });
    await studio.db
      .update(contracts)
      .set({ rescindedAt: new Date(new Date(`${from}T05:00:00Z`).getTime() - 1000) })
      .where(eq(contracts.id, gone));

    const res = await report(studio, "?period=month");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    // 1000 + 500 + 0 + 800 + 200 + 300; paid 450 (A) + 500 (B) + 100 (rescinded).
    expect(r.totals).toEqual({ count: 6, value: "2800.00", paid: "1050.00", balance: "1750.00", paidPercent: 37.5 });
    expect(r.byStatus).toEqual([
      { status: "active", count: 4, value: "1500.00", paid: "450.00", balance: "1050.00" },
      { status: "completed", count: 1, value: "500.00", paid: "500.00", balance: "0.00" },
      { status: "rescinded", count: 1, value: "800.00", paid: "100.00", balance: "700.00" },
    ]);
    expect(r.contracts.map((x: { id: number }) => x.id)).toEqual([b, j, h, i, rescinded, a]);
    expect(r.contracts[0]).toMatchObject({
      schoolId: other,
      schoolName: "Colegio Los Andes",
      type: "annual",
      status: "completed",
      validTo: from,
      value: "500.00",
      paid: "500.00",
      balance: "0.00",
      paidPercent: 100,
    });
    expect(r.contracts[1]).toMatchObject({ value: "0.00", paidPercent: null });
    expect(r.contracts.at(-1)).toMatchObject({
      schoolName: "Colegio San Martín",
      status: "active",
      paid: "450.00",
      balance: "550.00",
      paidPercent: 45,
    });
    // Active and ending today … today + 30: j (today) and h (in 10 days); i ends in 40.
    expect(r.expiring).toMatchObject({ days: 30, count: 2 });
    expect(r.expiring.first.map((x: { id: number }) => x.id)).toEqual([j, h]);
    const dashboard = await studio.owner.http("GET", "/api/dashboard/");
    expect(dashboard.body.expiringContracts.count).toBe(r.expiring.count);
  });

  it("a past period counts what was paid by its end, and a contract rescinded after it", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const school = await newSchool(studio);
    const open = await newContract(studio, {
      schoolId: school,
      validFrom: "2026-01-01",
      validTo: limaDay(200),
      value: "1200.00",
    });
    await payContract(studio, open, "payment", "400.00"); // today: after March
    const later = await newContract(studio, {
      schoolId: school,
      validFrom: "2026-02-01",
      validTo: "2026-03-01",
      value: "600.00",
    });
    await moveContract(studio, later, "rescinded");

    const { body: march } = await report(studio, "?from=2026-03-01&to=2026-03-31");
    expect(march.period).toMatchObject({ kind: "custom", from: "2026-03-01", to: "2026-03-31" });
    expect(march.totals).toEqual({ count: 2, value: "1800.00", paid: "0.00", balance: "1800.00", paidPercent: 0 });
    expect(march.contracts.map((x: { id: number; status: string }) => [x.id, x.status])).toEqual([
      [later, "rescinded"],
      [open, "active"],
    ]);
    // April: the rescinded one had ended; this month: the payment counts.
    expect((await report(studio, "?from=2026-04-01&to=2026-04-30")).body.totals.count).toBe(1);
    const { body: now } = await report(studio, "?period=month");
    expect(now.totals).toMatchObject({ count: 1, value: "1200.00", paid: "400.00", balance: "800.00" });
  });

  it("counts only the studio's own contracts, in the same statements however many there are", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await using other = await server.openTenant();
    const theirs = await newSchool(other);
    await newContract(other, { schoolId: theirs, validFrom: limaDay(-10), validTo: limaDay(5), value: "7777.00" });
    const school = await newSchool(studio);
    const first = await newContract(studio, {
      schoolId: school,
      validFrom: limaDay(-10),
      validTo: limaDay(5),
      value: "10.00",
    });
    await payContract(studio, first, "payment", "1.00");
    const few = await statementsOf(studio, "reports.contracts", () => report(studio));
    for (let n = 0; n < 6; n++) {
      const id = await newContract(studio, {
        schoolId: school,
        validFrom: limaDay(-10),
        validTo: limaDay(5 + n),
        value: "10.00",
      });
      await payContract(studio, id, "payment", "1.00");
    }
    const many = await statementsOf(studio, "reports.contracts", () => report(studio));
    expect(many.length).toBe(few.length);
    expect(few.length).toBeLessThanOrEqual(6);
    const { body: r } = await report(studio);
    expect(r.totals).toEqual({ count: 7, value: "70.00", paid: "7.00", balance: "63.00", paidPercent: 10 });
    expect(r.expiring.count).toBe(7);
  });

  it("answers roles with reports:read only, and refuses bad periods", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    expect((await studio.users.viewer.http("GET", "/api/reports/contracts/")).status).toBe(200);
    expect((await studio.users.sales.http("GET", "/api/reports/contracts/")).status).toBe(403);
    const backwards = await report(studio, "?from=2026-03-10&to=2026-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    expect((await report(studio, "?period=decade")).status).toBe(400);
  });
});

describe("GET /api/reports/export/{pdf,excel,csv}/?report=contracts", () => {
  it("the workbook's cells, the CSV's values and the PDF's text equal the JSON", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const school = await newSchool(studio, "Colegio Exporta");
    const a = await newContract(studio, {
      schoolId: school,
      validFrom: limaDay(-50),
      validTo: limaDay(20),
      value: "12000.00",
      title: "Fotografía escolar",
    });
    await payContract(studio, a, "deposit", "4000.00");
    const b = await newContract(studio, {
      schoolId: school,
      validFrom: limaDay(-50),
      validTo: limaDay(90),
      value: "500.50",
    });
    await moveContract(studio, b, "rescinded");
    const json = (await report(studio)).body;
    expect(json.totals).toMatchObject({ count: 2, value: "12500.50", paid: "4000.00", balance: "8500.50" });

    const excel = await exportOf(server.url, studio, "excel", "report=contracts");
    expect(excel.res.status, excel.body.toString()).toBe(200);
    expect(excel.res.headers.get("content-disposition")).toBe(
      `attachment; filename="reporte-de-contratos_${json.period.from}_${json.period.to}_${studio.slug}.xlsx"`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(excel.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Resumen", "Contratos", "Contratos por estado", "Por vencer"]);
    const list = book.getWorksheet("Contratos") as ExcelJS.Worksheet;
    json.contracts.forEach(
      (k: { id: number; value: string; paid: string; balance: string; validTo: string }, i: number) => {
        const row = list.getRow(i + 2);
        expect([2, 5, 6, 7, 8].map((n) => row.getCell(n).value)).toEqual([
          k.id,
          new Date(`${k.validTo}T00:00:00.000Z`),
          Number(k.value),
          Number(k.paid),
          Number(k.balance),
        ]);
      },
    );
    const totals = list.getRow(list.rowCount);
    expect([1, 6, 7, 8].map((n) => totals.getCell(n).value)).toEqual([
      "Total",
      Number(json.totals.value),
      Number(json.totals.paid),
      Number(json.totals.balance),
    ]);
    const byStatus = book.getWorksheet("Contratos por estado") as ExcelJS.Worksheet;
    expect([2, 3, 4].map((r) => byStatus.getRow(r).getCell(2).value)).toEqual(
      json.byStatus.map((s: { count: number }) => s.count),
    );

    const csv = await exportOf(server.url, studio, "csv", "report=contracts&delimiter=%2C");
    expect(csv.res.status).toBe(200);
    const rows = parse(csv.body, { bom: true, delimiter: ",", relax_column_count: true, skip_empty_lines: true });
    expect(rows).toContainEqual(["Valor total", "12500.50"]);
    expect(rows).toContainEqual([
      "Colegio Exporta",
      String(a),
      "Fotografía escolar",
      "Vigente",
      limaDay(20),
      "12000.00",
      "4000.00",
      "8000.00",
    ]);
    expect(rows).toContainEqual(["Total", "", "", "", "", "12500.50", "4000.00", "8500.50"]);
    expect(rows).toContainEqual(["Rescindido", "1", "500.50", "0.00", "500.50"]);

    const pdf = await exportOf(server.url, studio, "pdf", "report=contracts");
    expect(pdf.res.status).toBe(200);
    const text = pdfText(pdf.body);
    expect(text).toContain("Reporte de contratos");
    // The contracts' table fits the page: its totals row carries the balance.
    expect(text).toMatch(/Total\s+S\/ 12,500\.50\s+S\/ 4,000\.00\s+S\/ 8,500\.50/);
    expect(text).toContain("Contratos por estado");
    expect(text).toContain("Colegio Exporta");
    expect(text).toContain("12,500.50");
  });
});
