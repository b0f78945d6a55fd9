import { type Executor, materials, productionOrders, stockAlerts } from "@fotostudio/db";
import { and, asc, eq, isNotNull, isNull, lt, lte, notInArray } from "drizzle-orm";
import { formatQuantity } from "../../../shared/fields.js";
import { addDays, studioToday } from "../../../shared/studio-days.js";
import type { alertKinds } from "../schema/reports.js";
import { idleMaterials } from "./idle.js";
import { signedThousandths, stockTotals, totalColumns } from "./totals.js";

export const EXPIRING_DAYS = 30;
/** The alerts list names at most this many late production orders (oldest due first). */
export const LATE_PRODUCTION_LIMIT = 100;

export interface AlertRow {
  kind: (typeof alertKinds)[number];
  alertId: number | null;
  materialId: number | null;
  code: string | null;
  name: string | null;
  available: string | null;
  minimum: string | null;
  productionOrderId: number | null;
  wastePercent: string | null;
  expiresAt: string | null;
  lastMovementAt: Date | null;
  openedAt: Date | null;
  dueAt: Date | null;
}

const KIND_ORDER = ["out_of_stock", "low_stock", "expiring", "late_production", "high_waste", "inactive"];

/** Most critical first: available − minimum ascending (rows without a material last), then kind. */
export function byCriticality(a: AlertRow, b: AlertRow): number {
  const gap = (r: AlertRow) =>
    r.available === null || r.minimum === null
      ? Number.POSITIVE_INFINITY
      : signedThousandths(r.available) - signedThousandths(r.minimum);
  const d = gap(a) - gap(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.materialId ?? 0) - (b.materialId ?? 0);
}

/**
 * The alerts list: every open stored alert (low and out of stock, high waste), with the material's
 * available stock now, plus two derived kinds never stored: active materials whose expiry falls
 * within 30 days (or has passed), and active materials without a movement for 90 days (counted
 * from their creation when they never had one), and production orders past their due date that are
 * neither done nor cancelled (late_production; `code` is the production order's number).
 */
export async function listAlerts(db: Executor, now = new Date()): Promise<AlertRow[]> {
  const t = stockTotals(db);
  const stock = totalColumns(t);
  const materialFields = { code: materials.code, name: materials.name, minimum: materials.minQty, ...stock };
  const today = await studioToday(db, now);
  const idle = idleMaterials(db, now);
  const [stored, expiring, inactive, late] = await Promise.all([
    db
      .select({ alert: stockAlerts, ...materialFields })
      .from(stockAlerts)
      .leftJoin(materials, eq(materials.id, stockAlerts.materialId))
      .leftJoin(t, eq(t.materialId, stockAlerts.materialId))
      .where(isNull(stockAlerts.closedAt)),
    db
      .select({ id: materials.id, expiresAt: materials.expiresAt, ...materialFields })
      .from(materials)
      .leftJoin(t, eq(t.materialId, materials.id))
      .where(
        and(
          eq(materials.active, true),
          isNotNull(materials.expiresAt),
          lte(materials.expiresAt, addDays(today, EXPIRING_DAYS)),
        ),
      ),
    db
      .select({ id: materials.id, lastAt: idle.last.at, ...materialFields })
      .from(materials)
      .leftJoin(t, eq(t.materialId, materials.id))
      .leftJoin(idle.last, eq(idle.last.materialId, materials.id))
      .where(idle.where),
    db
      .select({ id: productionOrders.id, number: productionOrders.number, dueAt: productionOrders.dueAt })
      .from(productionOrders)
      .where(and(lt(productionOrders.dueAt, now), notInArray(productionOrders.status, ["done", "cancelled"])))
      .orderBy(asc(productionOrders.dueAt))
      .limit(LATE_PRODUCTION_LIMIT),
  ]);
  const base = (r: {
    code: string | null;
    name: string | null;
    minimum: string | null;
    onHand: string;
    reserved: string;
  }) => ({
    code: r.code,
    name: r.name,
    available: r.code === null ? null : formatQuantity(signedThousandths(r.onHand) - signedThousandths(r.reserved)),
    minimum: r.minimum === null ? null : formatQuantity(signedThousandths(r.minimum)),
    productionOrderId: null,
    wastePercent: null,
    expiresAt: null,
    lastMovementAt: null,
    openedAt: null,
    dueAt: null,
  });
  const rows: AlertRow[] = [
    ...stored.map((r) => ({
      ...base(r),
      kind: r.alert.kind,
      alertId: r.alert.id,
      materialId: r.alert.materialId,
      productionOrderId: r.alert.productionOrderId,
      wastePercent: r.alert.wastePercent,
      openedAt: r.alert.openedAt,
    })),
    ...expiring.map((r) => ({
      ...base(r),
      kind: "expiring" as const,
      alertId: null,
      materialId: r.id,
      expiresAt: r.expiresAt,
    })),
    ...inactive.map((r) => ({
      ...base(r),
      kind: "inactive" as const,
      alertId: null,
      materialId: r.id,
      lastMovementAt: r.lastAt ? new Date(r.lastAt) : null,
    })),
    ...late.map((r) => ({
      ...base({ code: r.number, name: null, minimum: null, onHand: "0", reserved: "0" }),
      available: null,
      kind: "late_production" as const,
      alertId: null,
      materialId: null,
      productionOrderId: r.id,
      dueAt: r.dueAt,
    })),
  ];
  return rows.sort(byCriticality);
}
