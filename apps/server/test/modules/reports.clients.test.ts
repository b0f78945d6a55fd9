import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { confirmedAt, exportOf, money, newClient, pdfText, sale, statementsOf, toCents } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The clients report against a hand count of the sales each test builds, with the metrics' own
// definitions: a client is active with a sale in the period (confirmed, never a draft or a
// cancelled order, on the studio's day it was confirmed), new when their first sale ever falls in
// it, returning otherwise; retention is the share of the previous period's clients who came back.
const it = studioTest();

const report = (studio: StudioTenant, query = "") => studio.owner.http("GET", `/api/reports/clients/${query}`);

/** The first instant of a Lima day (UTC−5 all year). */
const limaMidnight = (day: string) => new Date(`${day}T05:00:00.000Z`);

describe("GET /api/reports/clients/", () => {
  it("this month's active, new and returning clients, retention and top clients equal the sales built, and the KPIs agree", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const { body: empty } = await report(studio);
    const monthStart = limaMidnight(empty.period.from);
    const ana = await newClient(studio, "Ana Nueva");
    const beto = await newClient(studio, "Beto Vuelve");
    const carla = await newClient(studio, "Carla Se Fue");
    const dario = await newClient(studio, "Darío Cotiza");
    const elena = await newClient(studio, "Elena Cancela");
    const a1 = await sale(studio, { clientId: ana, prices: ["100.00"] });
    const a2 = await sale(studio, { clientId: ana, prices: ["50.00"] });
    const bLast = await sale(studio, { clientId: beto, prices: ["70.00"] });
    await confirmedAt(studio, bLast.id, new Date(+monthStart - 1000)); // 23:59:59 Lima, last month's last day
    const bNow = await sale(studio, { clientId: beto, prices: ["400.00"] });
    await confirmedAt(studio, bNow.id, monthStart); // 00:00 Lima on the 1st: this month
    const cLast = await sale(studio, { clientId: carla, prices: ["30.00"] });
    await confirmedAt(studio, cLast.id, new Date(+monthStart - 10 * 86_400_000));
    await sale(studio, { clientId: dario, prices: ["999.00"], status: "draft" });
    await sale(studio, { clientId: elena, prices: ["888.00"], status: "cancelled" });

    const res = await report(studio, "?period=month");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    // Ana (first sale this month) and Beto (bought last month too); Carla only last month; Darío
    // and Elena never bought.
    expect(r.clients).toEqual({ active: 2, new: 1, returning: 1 });
    const revenue = toCents(a1.total) + toCents(a2.total) + toCents(bNow.total);
    expect(r.sales).toEqual({ revenue: money(revenue), ordersCount: 3 });
    // Last month: Beto and Carla bought; Beto came back.
    expect(r.retention).toMatchObject({ base: 2, retained: 1, percent: 50 });
    expect(r.retention.previous.to).toBe(new Date(+monthStart - 86_400_000).toISOString().slice(0, 10));
    const share = (c: number) => Math.round((c / revenue) * 10_000) / 100;
    expect(r.topClients).toEqual([
      {
        clientId: beto,
        name: "Beto Vuelve",
        kind: "person",
        ordersCount: 1,
        revenue: bNow.total,
        sharePercent: share(toCents(bNow.total)),
        isNew: false,
      },
      {
        clientId: ana,
        name: "Ana Nueva",
        kind: "person",
        ordersCount: 2,
        revenue: money(toCents(a1.total) + toCents(a2.total)),
        sharePercent: share(toCents(a1.total) + toCents(a2.total)),
        isNew: true,
      },
    ]);
    expect(r.series).toEqual([{ period: r.period.from.slice(0, 7), active: 2, new: 1, returning: 1 }]);

    const kpis = await studio.owner.http("GET", "/api/metrics/clients/?period=month");
    expect(kpis.body.kpis).toEqual({ activeClients: 2, newClients: 1, returningClients: 1 });
    const { body: last } = await report(studio, `?from=${r.retention.previous.from}&to=${r.retention.previous.to}`);
    expect(last.clients).toEqual({ active: 2, new: 2, returning: 0 });
  });

  it("a custom range by day: each day's active and new clients, Lima's midnight, retention over the days before", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const xime = await newClient(studio, "Ximena");
    const yago = await newClient(studio, "Yago");
    const zoe = await newClient(studio, "Zoe");
    const at = async (clientId: number, price: string, instant: string) => {
      const s = await sale(studio, { clientId, prices: [price] });
      await confirmedAt(studio, s.id, new Date(instant));
      return s;
    };
    await at(yago, "20.00", "2026-02-27T15:00:00Z"); // in the previous three days (Feb 26–28)
    const x1 = await at(xime, "300.00", "2026-03-01T15:00:00Z");
    const x2 = await at(xime, "10.00", "2026-03-02T15:00:00Z");
    const y2 = await at(yago, "200.00", "2026-03-02T20:00:00Z");
    const z3 = await at(zoe, "5.00", "2026-03-04T04:59:59Z"); // 23:59:59 on March 3rd in Lima
    await at(zoe, "7.00", "2026-03-04T05:00:00Z"); // March 4th: outside

    const res = await report(studio, "?from=2026-03-01&to=2026-03-03&groupBy=day");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r.series).toEqual([
      { period: "2026-03-01", active: 1, new: 1, returning: 0 },
      { period: "2026-03-02", active: 2, new: 0, returning: 2 },
      { period: "2026-03-03", active: 1, new: 1, returning: 0 },
    ]);
    expect(r.clients).toEqual({ active: 3, new: 2, returning: 1 });
    expect(r.retention).toEqual({
      previous: { from: "2026-02-26", to: "2026-02-28" },
      base: 1,
      retained: 1,
      percent: 100,
    });
    expect(r.topClients).toEqual([
      expect.objectContaining({
        clientId: xime,
        ordersCount: 2,
        revenue: money(toCents(x1.total) + toCents(x2.total)),
        isNew: true,
      }),
      expect.objectContaining({ clientId: yago, ordersCount: 1, revenue: y2.total, isNew: false }),
      expect.objectContaining({ clientId: zoe, ordersCount: 1, revenue: z3.total, isNew: true }),
    ]);
  });

  it("lists the top 10 only, retention null without a base, and counts only the studio's own rows in the same statements", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await using other = await server.openTenant();
    await sale(other, { clientId: await newClient(other), prices: ["9000.00"] });
    const first = await newClient(studio);
    await sale(studio, { clientId: first, prices: ["1.00"] });
    const few = await statementsOf(studio, "reports.clients", () => report(studio, "?groupBy=day"));
    const ids = [first];
    let biggest = "";
    for (let i = 2; i <= 12; i++) {
      const id = await newClient(studio);
      ids.push(id);
      biggest = (await sale(studio, { clientId: id, prices: [`${i}.00`] })).total;
    }
    const many = await statementsOf(studio, "reports.clients", () => report(studio, "?groupBy=day"));
    expect(many.length).toBe(few.length);
    expect(few.length).toBeLessThanOrEqual(8);

    const { body: r } = await report(studio);
    expect(r.clients).toEqual({ active: 12, new: 12, returning: 0 });
    expect(r.retention).toMatchObject({ base: 0, retained: 0, percent: null });
    // Largest first: the clients of 12.00 … 3.00; those of 2.00 and 1.00 are left out.
    expect(r.topClients.map((c: { clientId: number }) => c.clientId)).toEqual(ids.slice(2).reverse());
    expect(r.topClients[0]).toMatchObject({ ordersCount: 1, revenue: biggest, isNew: true });
  });

  it("answers roles with reports:read only, and refuses bad periods", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    expect((await studio.users.viewer.http("GET", "/api/reports/clients/")).status).toBe(200);
    expect((await studio.users.sales.http("GET", "/api/reports/clients/")).status).toBe(403);
    const backwards = await report(studio, "?from=2026-03-10&to=2026-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    expect((await report(studio, "?period=decade")).status).toBe(400);
    expect((await report(studio, "?groupBy=hour")).status).toBe(400);
  });
});

describe("GET /api/reports/export/{pdf,excel,csv}/?report=clients", () => {
  async function withClients(studio: StudioTenant) {
    const ana = await newClient(studio, "Ana Exporta");
    const beto = await newClient(studio, "Beto Exporta");
    await sale(studio, { clientId: ana, prices: ["1250.00"] });
    await sale(studio, { clientId: ana, prices: ["80.50"] });
    await sale(studio, { clientId: beto, prices: ["40.00"] });
    return (await report(studio)).body;
  }

  it("the workbook's cells, the CSV's values and the PDF's text equal the JSON", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const json = await withClients(studio);

    const excel = await exportOf(server.url, studio, "excel", "report=clients");
    expect(excel.res.status, excel.body.toString()).toBe(200);
    expect(excel.res.headers.get("content-disposition")).toBe(
      `attachment; filename="reporte-de-clientes_${json.period.from}_${json.period.to}_${studio.slug}.xlsx"`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(excel.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Resumen",
      "Principales clientes",
      "Clientes por periodo",
      "Retención",
    ]);
    const top = book.getWorksheet("Principales clientes") as ExcelJS.Worksheet;
    json.topClients.forEach((t: { name: string; ordersCount: number; revenue: string }, i: number) => {
      const row = top.getRow(i + 2);
      expect([row.getCell(1).value, row.getCell(4).value, row.getCell(5).value]).toEqual([
        t.name,
        t.ordersCount,
        Number(t.revenue),
      ]);
    });
    const totals = top.getRow(top.rowCount);
    expect(totals.getCell(1).value).toBe("Total");
    expect(totals.getCell(4).value).toBe(json.sales.ordersCount);
    expect(totals.getCell(5).value).toBe(Number(json.sales.revenue));
    expect(totals.getCell(6).value).toBe(100);
    const summary = book.getWorksheet("Resumen") as ExcelJS.Worksheet;
    const active = summary.getColumn(1).values.indexOf("Clientes activos");
    expect(summary.getRow(active).getCell(2).value).toBe(json.clients.active);

    const csv = await exportOf(server.url, studio, "csv", "report=clients");
    expect(csv.res.status).toBe(200);
    const rows = parse(csv.body, { bom: true, delimiter: ";", relax_column_count: true, skip_empty_lines: true });
    expect(rows).toContainEqual(["Clientes activos", "2"]);
    expect(rows).toContainEqual(["Ingresos del periodo", json.sales.revenue]);
    expect(rows).toContainEqual([
      "Ana Exporta",
      "Particular",
      "Sí",
      "2",
      json.topClients[0].revenue,
      json.topClients[0].sharePercent.toFixed(2),
    ]);
    expect(rows).toContainEqual(["Total", "", "", "3", json.sales.revenue, "100.00"]);

    const pdf = await exportOf(server.url, studio, "pdf", "report=clients");
    expect(pdf.res.status).toBe(200);
    const text = pdfText(pdf.body);
    expect(text).toContain("Reporte de clientes");
    expect(text).toContain("Principales clientes");
    expect(text).toContain("Ana Exporta");
    expect(text).toContain(Number(json.sales.revenue).toLocaleString("en-US", { minimumFractionDigits: 2 }));
  });
});
