import type { Executor } from "@fotostudio/db";
import { changePercent, type Grouping, type Period, percentOf, previousPeriod } from "../../shared/periods.js";
import { efficiencyPercent } from "../production/metrics.js";
import { averageOf } from "../reports/financial/facts.js";
import { clientFacts, clientSeries } from "./facts/clients.js";
import { deliveryFacts, deliverySeries, pipelineFacts } from "./facts/deliveries.js";
import { productionFacts, productionSeries } from "./facts/production.js";
import { rotationFacts } from "./facts/rotation.js";
import { growthFacts, marginFacts, marginSeries, type SalesFilter, salesFacts, salesSeries } from "./facts/sales.js";
import { stockFacts } from "./facts/stock.js";
import { type KpiKey, kpiKeys } from "./kpi-keys.js";

// The KPI registry: every KPI the metrics endpoints, the saved metric definitions and the
// dashboard read, one entry each. A KPI picks its number from a *source*, the facts one or two
// SQL statements give for a period (sales, deliveries, production…); a request loads each source
// it needs once, whatever the number of KPIs that read it, and a series is the same pick over the
// source's GROUP BY bucket rows. Snapshot sources (what is pending, the stock now) have no
// history, so their KPIs offer no trend or comparison (400) rather than a query per bucket.
//
// Values are numbers in the KPI's unit: money in integer cents (a decimal string in the API),
// counts integers, percents, days and ratios with two decimals; null where there is nothing to divide by,
// and for the costs KPIs (grossMargin, grossMarginPercent, inventoryValue) without costs:read.

export type KpiUnit = "money" | "count" | "percent" | "days" | "ratio";
export type KpiDirection = "higher" | "lower";
export type Value = number | null;

export interface KpiContext {
  /** The caller holds costs:read. */
  costs: boolean;
  filters: SalesFilter;
  now: Date;
}

interface Source<F> {
  load(db: Executor, p: Period, ctx: KpiContext): Promise<F>;
  /** Facts per bucket (absent buckets are `zero`); none for a snapshot. */
  series?: (db: Executor, p: Period, g: Grouping, ctx: KpiContext) => Promise<Map<string, F>>;
  zero: F;
  /** Takes the sales filter (`serviceId`). */
  filterable?: true;
  /** Read "now", not over the period: no trend, no comparison. */
  snapshot?: true;
  /** Why a period source offers no series (a trend is then a 400 saying so). */
  noTrend?: string;
}

const source = <F>(s: Source<F>) => s;

export const sources = {
  sales: source({
    load: (db, p, c) => salesFacts(db, p, c.filters),
    series: (db, p, g, c) => salesSeries(db, p, g, c.filters),
    zero: { revenueCents: 0, ordersCount: 0 },
    filterable: true,
  }),
  margin: source({
    load: (db, p, c) => marginFacts(db, p, c.filters),
    series: (db, p, g, c) => marginSeries(db, p, g, c.filters),
    zero: { revenueCents: 0, ordersCount: 0, costCents: 0 },
    filterable: true,
  }),
  growth: source({
    load: (db, p, c) => growthFacts(db, p, previousPeriod(p), c.filters),
    zero: { currentCents: 0, previousCents: 0 },
    filterable: true,
    noTrend: "growth already compares two periods: read the revenue trend, or a comparison",
  }),
  clients: source({ load: (db, p) => clientFacts(db, p), series: clientSeries, zero: { active: 0, new: 0 } }),
  pipeline: source({
    load: (db, _p, c) => pipelineFacts(db, c.now),
    zero: { byStatus: { confirmed: 0, in_production: 0, ready: 0 }, pending: 0, late: 0 },
    snapshot: true,
  }),
  deliveries: source({
    load: deliveryFacts,
    series: deliverySeries,
    zero: { delivered: 0, promised: 0, onTime: 0, averageDays: null },
  }),
  stock: source({ load: (db) => stockFacts(db), zero: { valueCents: 0, lowStock: 0 }, snapshot: true }),
  // Opening and closing stock need the ledger rolled back: one statement a period, no series.
  rotation: source({
    load: (db, p) => rotationFacts(db, p),
    zero: { consumedCents: 0, openingCents: 0, closingCents: 0 },
    noTrend: "each period's rotation rolls the stock ledger back: ask for a comparison",
  }),
  production: source({
    load: productionFacts,
    series: productionSeries,
    zero: { done: 0, leadDays: null, consumedCents: 0, wasteCents: 0 },
  }),
};

export type SourceKey = keyof typeof sources;
type FactsOf<S extends SourceKey> = (typeof sources)[S]["zero"];

export interface Kpi {
  key: KpiKey;
  label: string;
  unit: KpiUnit;
  direction: KpiDirection;
  source: SourceKey;
  /** Answered only to costs:read (null otherwise). */
  costs?: true;
  pick(facts: unknown): Value;
}

const kpi = <S extends SourceKey>(
  key: KpiKey,
  source: S,
  label: string,
  unit: KpiUnit,
  direction: KpiDirection,
  pick: (f: FactsOf<S>) => Value,
  opts: { costs?: true } = {},
): Kpi => ({ key, source, label, unit, direction, pick: pick as (f: unknown) => Value, ...opts });

const percentNumber = (text: string | null): Value => (text === null ? null : Number(text));

const entries: Kpi[] = [
  kpi("revenue", "sales", "Ventas", "money", "higher", (f) => f.revenueCents),
  kpi("ordersCount", "sales", "Número de ventas", "count", "higher", (f) => f.ordersCount),
  kpi("averageTicket", "sales", "Ticket promedio", "money", "higher", (f) => averageOf(f.revenueCents, f.ordersCount)),
  kpi("growthPercent", "growth", "Crecimiento vs. periodo anterior", "percent", "higher", (f) =>
    changePercent(f.currentCents, f.previousCents),
  ),
  kpi("grossMargin", "margin", "Margen bruto", "money", "higher", (f) => f.revenueCents - f.costCents, { costs: true }),
  kpi(
    "grossMarginPercent",
    "margin",
    "Margen bruto %",
    "percent",
    "higher",
    (f) => percentOf(f.revenueCents - f.costCents, f.revenueCents),
    { costs: true },
  ),
  kpi("activeClients", "clients", "Clientes activos", "count", "higher", (f) => f.active),
  kpi("newClients", "clients", "Clientes nuevos", "count", "higher", (f) => f.new),
  kpi("returningClients", "clients", "Clientes recurrentes", "count", "higher", (f) => f.active - f.new),
  kpi("pendingOrders", "pipeline", "Pedidos pendientes", "count", "lower", (f) => f.pending),
  kpi("lateOrders", "pipeline", "Pedidos atrasados", "count", "lower", (f) => f.late),
  kpi("deliveredOrders", "deliveries", "Pedidos entregados", "count", "higher", (f) => f.delivered),
  kpi("onTimeDeliveryPercent", "deliveries", "Entregas a tiempo %", "percent", "higher", (f) =>
    percentOf(f.onTime, f.promised),
  ),
  kpi("averageDeliveryDays", "deliveries", "Tiempo promedio de entrega (días)", "days", "lower", (f) => f.averageDays),
  // Stock ties up cash: a lower value is the better direction by default (a definition may say otherwise).
  kpi("inventoryValue", "stock", "Valor del inventario", "money", "lower", (f) => f.valueCents, { costs: true }),
  kpi("lowStockCount", "stock", "Materiales con stock bajo", "count", "lower", (f) => f.lowStock),
  kpi("rotation", "rotation", "Rotación de inventario", "ratio", "higher", (f) => {
    const average = (f.openingCents + f.closingCents) / 2;
    return average <= 0 ? null : Math.round((f.consumedCents / average) * 100) / 100;
  }),
  kpi("productionDone", "production", "Órdenes de producción terminadas", "count", "higher", (f) => f.done),
  kpi("averageLeadDays", "production", "Tiempo promedio de producción (días)", "days", "lower", (f) => f.leadDays),
  // Across materials quantities do not add (metres and m²): the period's waste % weighs each
  // material by cost — waste cost ÷ (consumed + waste cost) —, efficiency is metrics.ts' own.
  kpi("wastePercent", "production", "Mermas %", "percent", "lower", (f) =>
    percentOf(f.wasteCents, f.consumedCents + f.wasteCents),
  ),
  kpi("efficiencyPercent", "production", "Eficiencia de producción %", "percent", "higher", (f) =>
    percentNumber(efficiencyPercent({ consumedCents: f.consumedCents, wasteCents: f.wasteCents })),
  ),
];

export const KPIS = new Map(entries.map((k) => [k.key, k])) as ReadonlyMap<KpiKey, Kpi>;
if (KPIS.size !== kpiKeys.length) throw new Error("every KPI key needs exactly one registry entry");

export const kpiOf = (key: KpiKey): Kpi => KPIS.get(key) as Kpi;
