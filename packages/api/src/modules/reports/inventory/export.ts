import type { MaterialCategory, MaterialUnit, MovementType } from "@fotostudio/db";
import { table } from "../../../shared/documents/model.js";
import { parseCents } from "../../../shared/fields.js";
import { dayOf } from "../../../shared/studio-days.js";
import { signedThousandths } from "../../inventory/service/totals.js";
import type { ReportExport } from "../report-export.js";
import { seesCosts } from "../report-export.js";
import { inventoryReport } from "./inventory.service.js";

const c = (money: string | null) => (money === null ? null : (parseCents(money) as number));
/** A quantity string (signed: net effects) → thousandths, the document's quantity cells. */
const t = signedThousandths;

export const CATEGORY_LABELS: Record<MaterialCategory, string> = {
  varillas: "Varillas",
  pinturas: "Obras y cuadros",
  impresion: "Impresión",
  recordatorio: "Recordatorios",
  software: "Software y equipos",
  pintura: "Pintura",
  diseno: "Diseño",
};
export const UNIT_LABELS: Record<MaterialUnit, string> = { m: "m", m2: "m²", sheet: "hoja", ml: "ml", unit: "unid." };
const MOVEMENT_LABELS: Record<MovementType, string> = {
  receipt: "Ingreso",
  consume: "Consumo",
  waste: "Merma",
  adjust: "Ajuste",
  return: "Devolución",
  transfer: "Transferencia",
};

/** The inventory report on paper: the same service call as the JSON; value columns only with costs:read. */
export const inventoryExport: ReportExport = {
  key: "inventory",
  fileStem: "reporte-inventario",
  async build(ctx, input) {
    const costs = seesCosts(ctx);
    const r = await inventoryReport(ctx.db, input, { costs });
    const total = c(r.totalValue);
    const material = [
      { key: "code", header: "Código", type: "text" as const, width: 14 },
      { key: "name", header: "Material", type: "text" as const, width: 28 },
      { key: "category", header: "Categoría", type: "text" as const, width: 18 },
      { key: "unit", header: "Unidad", type: "text" as const, width: 8 },
    ];
    const named = (m: { code: string; name: string; category: MaterialCategory; unit: MaterialUnit }) => ({
      code: m.code,
      name: m.name,
      category: CATEGORY_LABELS[m.category],
      unit: UNIT_LABELS[m.unit],
    });
    return {
      title: "Reporte de inventario",
      period: r.period,
      facts: [
        ...(total === null ? [] : [{ label: "Valor del inventario (al costo)", value: total, type: "money" as const }]),
        { label: "Materiales activos", value: r.items, type: "integer" },
        { label: "Con stock bajo", value: r.lowStockCount, type: "integer" },
        { label: `Inactivos (sin movimiento en ${r.inactive.days} días)`, value: r.inactive.count, type: "integer" },
      ],
      tables: [
        table({
          title: "Inventario por categoría",
          columns: [
            { key: "category", header: "Categoría", type: "text", width: 22 },
            { key: "items", header: "Materiales", type: "integer" },
            { key: "lowStock", header: "Stock bajo", type: "integer" },
            ...(costs ? [{ key: "value", header: "Valor al costo", type: "money" as const, width: 18 }] : []),
          ],
          rows: r.categories.map((x) => ({
            category: CATEGORY_LABELS[x.category],
            items: x.items,
            lowStock: x.lowStock,
            value: c(x.value),
          })),
          totals: { category: "Total", items: r.items, lowStock: r.lowStockCount, value: total },
        }),
        table({
          title: "Movimientos",
          columns: [
            { key: "type", header: "Tipo", type: "text", width: 16 },
            { key: "unit", header: "Unidad", type: "text", width: 8 },
            { key: "count", header: "Movimientos", type: "integer" },
            { key: "quantity", header: "Cantidad", type: "quantity" },
            { key: "net", header: "Efecto en stock", type: "quantity" },
            ...(costs ? [{ key: "cost", header: "Costo", type: "money" as const, width: 16 }] : []),
          ],
          // One row per type and unit (metres and m² never add); a type without movements shows 0.
          rows: r.movements.flatMap((m) =>
            m.quantities.length === 0
              ? [{ type: MOVEMENT_LABELS[m.type], unit: "", count: 0, quantity: 0, net: 0, cost: c(m.cost) }]
              : m.quantities.map((q, i) => ({
                  type: MOVEMENT_LABELS[m.type],
                  unit: UNIT_LABELS[q.unit],
                  count: i === 0 ? m.count : null,
                  quantity: t(q.quantity),
                  net: t(q.net),
                  cost: i === 0 ? c(m.cost) : null,
                })),
          ),
          // Receipts and consumption are money in and out of stock: only the count totals.
          totals: { type: "Total", count: r.movements.reduce((n, m) => n + m.count, 0) },
        }),
        table({
          title: "Stock bajo",
          columns: [
            ...material,
            { key: "available", header: "Disponible", type: "quantity" },
            { key: "minimum", header: "Mínimo", type: "quantity" },
          ],
          rows: r.lowStock.map((m) => ({ ...named(m), available: t(m.available), minimum: t(m.minimum) })),
          totals: { code: "Total", name: String(r.lowStock.length) },
        }),
        table({
          title: "Materiales inactivos",
          columns: [
            ...material,
            { key: "onHand", header: "En stock", type: "quantity" },
            { key: "last", header: "Último movimiento", type: "date", width: 14 },
          ],
          rows: r.inactive.materials.map((m) => ({
            ...named(m),
            onHand: t(m.onHand),
            last: m.lastMovementAt ? dayOf(m.lastMovementAt, r.period.timeZone) : null,
          })),
          totals: { code: "Total", name: String(r.inactive.count) },
        }),
        table({
          title: "Consumo por periodo",
          columns: [
            { key: "period", header: "Periodo", type: "text", width: 14 },
            { key: "category", header: "Categoría", type: "text", width: 18 },
            { key: "unit", header: "Unidad", type: "text", width: 8 },
            { key: "quantity", header: "Consumido", type: "quantity" },
          ],
          rows: r.consumption.map((x) => ({
            period: x.period,
            category: CATEGORY_LABELS[x.category],
            unit: UNIT_LABELS[x.unit],
            quantity: t(x.quantity),
          })),
        }),
      ],
      charts: [
        costs
          ? {
              kind: "bar",
              title: "Valor del inventario por categoría",
              xTitle: "Categoría",
              yTitle: "Valor al costo",
              points: r.categories.map((x) => ({ label: CATEGORY_LABELS[x.category], value: (c(x.value) ?? 0) / 100 })),
            }
          : {
              kind: "bar",
              title: "Materiales por categoría",
              xTitle: "Categoría",
              yTitle: "Materiales activos",
              points: r.categories.map((x) => ({ label: CATEGORY_LABELS[x.category], value: x.items })),
            },
      ],
    };
  },
};
