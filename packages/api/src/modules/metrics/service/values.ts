import type { Executor } from "@fotostudio/db";
import { AppError } from "../../../errors.js";
import { formatCents } from "../../../shared/fields.js";
import { fillSeries, type Grouping, type Period } from "../../../shared/periods.js";
import type { SalesFilter } from "../facts/sales.js";
import type { KpiKey } from "../kpi-keys.js";
import { type Kpi, type KpiContext, kpiOf, type SourceKey, sources, type Value } from "../kpis.js";

/** A KPI's value as the API shows it: money as a decimal string, everything else a number. */
export type Shown = string | number | null;

export const show = (kpi: Kpi, value: Value): Shown =>
  value === null ? null : kpi.unit === "money" ? formatCents(value) : value;

/** A costs KPI read without costs:read: null, and its source is not even loaded. */
const hidden = (kpi: Kpi, ctx: KpiContext) => kpi.costs === true && !ctx.costs;

/** The raw values of some KPIs over one period, each source loaded once (one or two statements each). */
export async function valuesOf(db: Executor, p: Period, keys: readonly KpiKey[], ctx: KpiContext) {
  return (await factsOf(db, p, keys, ctx)).values;
}

/** The values and the facts of the sources they were read from. */
async function factsOf(db: Executor, p: Period, keys: readonly KpiKey[], ctx: KpiContext) {
  const kpis = keys.map(kpiOf);
  const needed = new Set<SourceKey>(kpis.filter((k) => !hidden(k, ctx)).map((k) => k.source));
  const facts = new Map<SourceKey, unknown>();
  // One after another: a request's statements share its connection, and their count is fixed.
  for (const key of needed) facts.set(key, await sources[key].load(db, p, ctx));
  const values = new Map<KpiKey, Value>(kpis.map((k) => [k.key, hidden(k, ctx) ? null : k.pick(facts.get(k.source))]));
  return { values, facts };
}

/** Some KPIs of a period as `{ key: shown value }`, and the facts behind them. */
export async function shownValues(db: Executor, p: Period, keys: readonly KpiKey[], ctx: KpiContext) {
  const { values, facts } = await factsOf(db, p, keys, ctx);
  return { kpis: Object.fromEntries(keys.map((key) => [key, show(kpiOf(key), values.get(key) ?? null)])), facts };
}

/**
 * What a KPI can be asked for beyond its current value: a period's history needs a source that
 * is not a snapshot, the costs KPIs need costs:read (a trend of nulls would say nothing), and a
 * filter needs a KPI that takes it.
 */
export function checkHistoric(kpi: Kpi, ctx: KpiContext, what: "trend" | "comparison") {
  if (sources[kpi.source].snapshot) {
    throw new AppError(
      "BAD_REQUEST",
      `${kpi.key} is read as it is now (a snapshot of the current stock or pipeline): it has no ${what}`,
    );
  }
  const noTrend = (sources[kpi.source] as { noTrend?: string }).noTrend;
  if (what === "trend" && noTrend) throw new AppError("BAD_REQUEST", `${kpi.key} has no trend: ${noTrend}`);
  if (kpi.costs && !ctx.costs) throw new AppError("FORBIDDEN", `${kpi.key} is a costs figure: it needs costs:read`);
  checkFilters(kpi, ctx.filters);
}

/** A filter on a KPI that does not take it is a 400 on the filter, never silently ignored. */
export function checkFilters(kpi: Kpi, filters: SalesFilter) {
  const given = Object.entries(filters).filter(([, v]) => v !== undefined);
  const source = sources[kpi.source] as { filterable?: true };
  if (given.length > 0 && !source.filterable) {
    throw new AppError("VALIDATION_ERROR", `${kpi.key} takes no filter`, {
      issues: given.map(([key]) => ({ path: key, message: `${kpi.key} takes no ${key} filter`, code: "custom" })),
    });
  }
}

/** A KPI per bucket of the period: one or two GROUP BY statements, every bucket present. */
export async function seriesOf(db: Executor, kpi: Kpi, p: Period, g: Grouping, ctx: KpiContext) {
  checkHistoric(kpi, ctx, "trend");
  const src = sources[kpi.source] as {
    series: (db: Executor, p: Period, g: Grouping, ctx: KpiContext) => Promise<Map<string, unknown>>;
    zero: unknown;
  };
  const rows = await src.series(db, p, g, ctx);
  return fillSeries(p, g, rows, src.zero).map(({ period, value }) => ({ period, value: show(kpi, kpi.pick(value)) }));
}
