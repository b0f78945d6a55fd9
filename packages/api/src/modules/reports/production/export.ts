import type { ProductionStatus, ProductionType } from "@fotostudio/db";
import { type DocumentColumn, table } from "../../../shared/documents/model.js";
import { parseCents } from "../../../shared/fields.js";
import { dayOf } from "../../../shared/studio-days.js";
import { signedThousandths } from "../../inventory/service/totals.js";
import { UNIT_LABELS } from "../inventory/export.js";
import type { ReportExport } from "../report-export.js";
import { seesCosts } from "../report-export.js";
import { productionReport } from "./production.service.js";

const c = (money: string | null) => (money === null ? null : (parseCents(money) as number));
/** The report's percent strings ("4.42") as the document's percent numbers; null stays empty. */
const days = (value: number | null) => (value === null ? "—" : `${value.toFixed(2)} días`);

const STATUS_LABELS: Record<ProductionStatus, string> = {
  draft: "Borrador",
  confirmed: "Confirmada",
  waiting_material: "Esperando material",
  in_progress: "En proceso",
  done: "Terminada",
  cancelled: "Cancelada",
};
const TYPE_LABELS: Record<ProductionType, string> = {
  framing: "Enmarcado",
  minilab: "Minilab",
  graduation: "Graduación",
  laser_cut: "Corte láser",
  digital_editing: "Edición digital",
  other: "Otro",
};

/** The production report on paper: the same service call as the JSON; money columns only with costs:read. */
export const productionExport: ReportExport = {
  key: "production",
  fileStem: "reporte-produccion",
  async build(ctx, input) {
    const costs = seesCosts(ctx);
    const r = await productionReport(ctx.db, input, { costs });
    const costColumns: DocumentColumn[] = costs
      ? [
          { key: "consumedCost", header: "Costo consumido", type: "money", width: 11 },
          { key: "wasteCost", header: "Costo mermas", type: "money", width: 10 },
        ]
      : [];
    const usage = (u: {
      wastePercent: number | null;
      efficiencyPercent: number | null;
      consumedCost: string | null;
      wasteCost: string | null;
    }) => ({
      wastePercent: u.wastePercent,
      efficiencyPercent: u.efficiencyPercent,
      consumedCost: c(u.consumedCost),
      wasteCost: c(u.wasteCost),
    });
    const ratios: DocumentColumn[] = [
      { key: "wastePercent", header: "Mermas %", type: "percent" },
      { key: "efficiencyPercent", header: "Eficiencia %", type: "percent" },
    ];
    const created = new Map(r.orders.byType.map((t) => [t.type, t.count]));
    return {
      title: "Reporte de producción",
      period: r.period,
      facts: [
        { label: "Órdenes creadas", value: r.orders.total, type: "integer" },
        { label: "Órdenes terminadas", value: r.output, type: "integer" },
        { label: "Tiempo promedio (de confirmada a terminada)", value: days(r.leadTimeDays), type: "text" },
        { label: "Mermas %", value: r.wastePercent, type: "percent" },
        { label: "Eficiencia %", value: r.efficiencyPercent, type: "percent" },
        ...(costs ? [{ label: "Costo de mermas", value: c(r.wasteCost), type: "money" as const }] : []),
        { label: "Órdenes atrasadas", value: r.late.length, type: "integer" },
      ],
      tables: [
        table({
          title: "Órdenes por estado",
          columns: [
            { key: "status", header: "Estado", type: "text", width: 22 },
            { key: "count", header: "Órdenes", type: "integer" },
          ],
          rows: r.orders.byStatus.map((s) => ({ status: STATUS_LABELS[s.status], count: s.count })),
          totals: { status: "Total", count: r.orders.total },
        }),
        table({
          title: "Por tipo de producción",
          columns: [
            { key: "type", header: "Tipo", type: "text", width: 18 },
            { key: "created", header: "Creadas", type: "integer" },
            { key: "done", header: "Terminadas", type: "integer" },
            { key: "lead", header: "Tiempo promedio", type: "text", width: 11 },
            ...ratios,
            ...costColumns,
          ],
          rows: r.types.map((t) => ({
            type: TYPE_LABELS[t.type],
            created: created.get(t.type) ?? 0,
            done: t.done,
            lead: days(t.leadTimeDays),
            ...usage(t),
          })),
          totals: {
            type: "Total",
            created: r.orders.total,
            done: r.output,
            lead: days(r.leadTimeDays),
            ...usage(r),
          },
        }),
        table({
          title: "Mermas por material",
          columns: [
            { key: "material", header: "Material", type: "text" },
            { key: "unit", header: "Unidad", type: "text", width: 6 },
            { key: "consumed", header: "Consumido", type: "quantity" },
            { key: "waste", header: "Merma", type: "quantity" },
            ...ratios,
            ...costColumns,
          ],
          // Quantities do not total across materials (metres and m²); the ratios and money do.
          rows: r.materials.map((m) => ({
            material: `${m.code} ${m.name}`,
            unit: UNIT_LABELS[m.unit],
            consumed: signedThousandths(m.consumed),
            waste: signedThousandths(m.waste),
            ...usage(m),
          })),
          totals: { material: "Total", ...usage(r) },
        }),
        table({
          title: "Mermas por periodo",
          columns: [
            { key: "period", header: "Periodo", type: "text", width: 14 },
            { key: "done", header: "Terminadas", type: "integer" },
            ...ratios,
          ],
          rows: r.series.map((s) => ({
            period: s.period,
            done: s.done,
            wastePercent: s.wastePercent,
            efficiencyPercent: s.efficiencyPercent,
          })),
          totals: {
            period: "Total",
            done: r.output,
            wastePercent: r.wastePercent,
            efficiencyPercent: r.efficiencyPercent,
          },
        }),
        table({
          title: "Órdenes atrasadas",
          columns: [
            { key: "number", header: "Orden", type: "text" },
            { key: "type", header: "Tipo", type: "text", width: 12 },
            { key: "status", header: "Estado", type: "text", width: 12 },
            { key: "due", header: "Vencía", type: "date", width: 10 },
            { key: "daysLate", header: "Días", type: "integer", width: 5 },
            { key: "order", header: "Pedido", type: "text", width: 12 },
            { key: "assignee", header: "Responsable", type: "text", width: 14 },
          ],
          rows: r.late.map((o) => ({
            number: o.number,
            type: TYPE_LABELS[o.type],
            status: STATUS_LABELS[o.status],
            due: dayOf(o.dueAt, r.period.timeZone),
            daysLate: o.daysLate,
            order: o.orderNumber,
            assignee: o.assigneeName,
          })),
          totals: { number: "Total", daysLate: r.late.length },
        }),
      ],
      charts: [
        {
          kind: "pie",
          title: "Órdenes por estado",
          points: r.orders.byStatus
            .filter((s) => s.count > 0)
            .map((s) => ({ label: STATUS_LABELS[s.status], value: s.count })),
        },
        {
          kind: "line",
          title: "Mermas por periodo",
          xTitle: "Periodo",
          yTitle: "Mermas %",
          // Buckets with nothing done have no ratio: the line joins the ones that do.
          points: r.series
            .filter((s) => s.wastePercent !== null)
            .map((s) => ({ label: s.period, value: s.wastePercent as number })),
        },
      ],
    };
  },
};
