import { table } from "../../../shared/documents/model.js";
import { cents, METHOD_LABELS } from "../../../shared/documents/payments.js";
import type { ReportExport } from "../report-export.js";
import { seesCosts } from "../report-export.js";
import { financialReport } from "./financial.service.js";

const c = cents;

const AGING: Record<string, string> = {
  "0-30": "0–30 días",
  "31-60": "31–60 días",
  "61-90": "61–90 días",
  "90+": "Más de 90 días",
};

/** The financial report on paper: the same service call as the JSON, laid out in Spanish. */
export const financialExport: ReportExport = {
  key: "financial",
  fileStem: "reporte-financiero",
  async build(ctx, input) {
    const r = await financialReport(ctx.db, input, { costs: seesCosts(ctx) });
    const revenue = c(r.revenue.total);
    return {
      title: "Reporte financiero",
      period: r.period,
      facts: [
        { label: "Ingresos del periodo", value: revenue, type: "money" },
        { label: "Ventas (pedidos confirmados)", value: r.ordersCount, type: "integer" },
        { label: "Ticket promedio", value: c(r.averageTicket), type: "money" },
        { label: "Crecimiento vs. periodo anterior", value: r.growthPercent, type: "percent" },
        { label: "Cuentas por cobrar", value: c(r.receivables.total), type: "money" },
        ...(r.margin
          ? [
              { label: "Margen bruto", value: c(r.margin.gross), type: "money" as const },
              { label: "Margen bruto %", value: r.margin.percent, type: "percent" as const },
            ]
          : []),
      ],
      tables: [
        table({
          title: "Ingresos por servicio",
          columns: [
            { key: "service", header: "Servicio", type: "text", width: 30 },
            { key: "count", header: "Pedidos", type: "integer" },
            { key: "total", header: "Ingresos", type: "money", width: 18 },
          ],
          rows: r.revenue.byService.map((s) => ({ service: s.service, count: s.count, total: c(s.total) })),
          totals: { service: "Total", count: r.ordersCount, total: revenue },
        }),
        table({
          title: "Ingresos por periodo",
          columns: [
            { key: "period", header: "Periodo", type: "text", width: 14 },
            { key: "count", header: "Pedidos", type: "integer" },
            { key: "total", header: "Ingresos", type: "money", width: 18 },
          ],
          rows: r.revenue.series.map((s) => ({ period: s.period, count: s.count, total: c(s.total) })),
          totals: { period: "Total", count: r.ordersCount, total: revenue },
        }),
        table({
          title: "Pagos por método",
          columns: [
            { key: "method", header: "Método", type: "text", width: 24 },
            { key: "total", header: "Recibido", type: "money", width: 18 },
          ],
          rows: r.payments.byMethod.map((m) => ({ method: METHOD_LABELS[m.method], total: c(m.total) })),
          totals: { method: "Total", total: c(r.payments.total) },
        }),
        table({
          title: "Cuentas por cobrar",
          columns: [
            { key: "bucket", header: "Antigüedad", type: "text", width: 20 },
            { key: "count", header: "Pedidos", type: "integer" },
            { key: "total", header: "Saldo", type: "money", width: 18 },
          ],
          rows: r.receivables.aging.map((a) => ({
            bucket: AGING[a.bucket] ?? a.bucket,
            count: a.count,
            total: c(a.total),
          })),
          totals: {
            bucket: "Total",
            count: r.receivables.aging.reduce((n, a) => n + a.count, 0),
            total: c(r.receivables.total),
          },
        }),
      ],
      charts: [
        {
          kind: "bar",
          title: "Ingresos por periodo",
          xTitle: "Periodo",
          yTitle: "Ingresos",
          points: r.revenue.series.map((s) => ({ label: s.period, value: c(s.total) / 100 })),
        },
        {
          kind: "pie",
          title: "Pagos por método",
          points: r.payments.byMethod
            .filter((m) => c(m.total) > 0)
            .map((m) => ({ label: METHOD_LABELS[m.method], value: c(m.total) / 100 })),
        },
      ],
    };
  },
};
