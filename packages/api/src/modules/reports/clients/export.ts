import { table } from "../../../shared/documents/model.js";
import { parseCents } from "../../../shared/fields.js";
import { percentOf } from "../../../shared/periods.js";
import type { ReportExport } from "../report-export.js";
import { clientsReport } from "./clients.service.js";

const c = (money: string) => parseCents(money) as number;

const KINDS: Record<string, string> = { person: "Particular", school: "Colegio", company: "Empresa" };

/** The clients report on paper: the same service call as the JSON, laid out in Spanish. */
export const clientsExport: ReportExport = {
  key: "clients",
  fileStem: "reporte-de-clientes",
  async build(ctx, input) {
    const r = await clientsReport(ctx.db, input);
    const top = r.topClients;
    const topCents = top.reduce((sum, t) => sum + c(t.revenue), 0);
    return {
      title: "Reporte de clientes",
      period: r.period,
      facts: [
        { label: "Clientes activos", value: r.clients.active, type: "integer" },
        { label: "Clientes nuevos", value: r.clients.new, type: "integer" },
        { label: "Clientes recurrentes", value: r.clients.returning, type: "integer" },
        { label: "Retención vs. periodo anterior", value: r.retention.percent, type: "percent" },
        { label: "Ingresos del periodo", value: c(r.sales.revenue), type: "money" },
        { label: "Ventas (pedidos confirmados)", value: r.sales.ordersCount, type: "integer" },
      ],
      tables: [
        table({
          title: "Principales clientes",
          columns: [
            { key: "name", header: "Cliente", type: "text", width: 30 },
            { key: "kind", header: "Tipo", type: "text", width: 12 },
            { key: "isNew", header: "Nuevo", type: "text", width: 8 },
            { key: "orders", header: "Pedidos", type: "integer" },
            { key: "revenue", header: "Ingresos", type: "money", width: 18 },
            { key: "share", header: "% de ingresos", type: "percent" },
          ],
          rows: top.map((t) => ({
            name: t.name ?? `Cliente ${t.clientId}`,
            kind: t.kind ? (KINDS[t.kind] ?? t.kind) : "",
            isNew: t.isNew ? "Sí" : "No",
            orders: t.ordersCount,
            revenue: c(t.revenue),
            share: t.sharePercent,
          })),
          totals: {
            name: "Total",
            kind: "",
            isNew: "",
            orders: top.reduce((n, t) => n + t.ordersCount, 0),
            revenue: topCents,
            share: percentOf(topCents, c(r.sales.revenue)),
          },
        }),
        table({
          title: "Clientes por periodo",
          columns: [
            { key: "period", header: "Periodo", type: "text", width: 14 },
            { key: "active", header: "Activos", type: "integer" },
            { key: "new", header: "Nuevos", type: "integer" },
            { key: "returning", header: "Recurrentes", type: "integer" },
          ],
          rows: r.series.map((s) => ({ period: s.period, active: s.active, new: s.new, returning: s.returning })),
          // A client active in two buckets counts once in the period: the totals are the period's.
          totals: { period: "Periodo", active: r.clients.active, new: r.clients.new, returning: r.clients.returning },
        }),
        table({
          title: "Retención",
          columns: [
            { key: "from", header: "Periodo anterior desde", type: "date" },
            { key: "to", header: "Hasta", type: "date" },
            { key: "base", header: "Clientes del periodo anterior", type: "integer", width: 16 },
            { key: "retained", header: "Volvieron a comprar", type: "integer", width: 16 },
            { key: "percent", header: "Retención", type: "percent" },
          ],
          rows: [
            {
              from: r.retention.previous.from,
              to: r.retention.previous.to,
              base: r.retention.base,
              retained: r.retention.retained,
              percent: r.retention.percent,
            },
          ],
        }),
      ],
      charts: [
        {
          kind: "bar",
          title: "Principales clientes",
          xTitle: "Cliente",
          yTitle: "Ingresos",
          points: top.map((t) => ({ label: t.name ?? `Cliente ${t.clientId}`, value: c(t.revenue) / 100 })),
        },
        {
          kind: "pie",
          title: "Nuevos y recurrentes",
          points: [
            { label: "Nuevos", value: r.clients.new },
            { label: "Recurrentes", value: r.clients.returning },
          ].filter((p) => p.value > 0),
        },
      ],
    };
  },
};
