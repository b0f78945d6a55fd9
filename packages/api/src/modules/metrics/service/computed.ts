import type { Executor } from "@fotostudio/db";
import {
  changePercent,
  type PeriodInput,
  periodView,
  previousPeriod,
  resolvePeriod,
  sameLastYear,
} from "../../../shared/periods.js";
import { studioZone } from "../../../shared/studio-days.js";
import type { PipelineFacts } from "../facts/deliveries.js";
import { type KpiArea, kpiAreas, kpiKeys } from "../kpi-keys.js";
import { type KpiContext, kpiOf, sources } from "../kpis.js";
import type { ComparisonInput, TrendsInput } from "../kpis.schema.js";
import { checkHistoric, seriesOf, show, shownValues, valuesOf } from "./values.js";

// The computed endpoints: an area's KPIs, a KPI's trend and its comparison. The studio's zone is
// one (cached) settings read; each source one or two statements; nothing per row or per bucket.

export type Caller = Pick<KpiContext, "costs">;

const context = (caller: Caller, serviceId?: number): KpiContext => ({
  costs: caller.costs,
  filters: { serviceId },
  now: new Date(),
});

export async function areaKpis(db: Executor, area: KpiArea, input: PeriodInput, caller: Caller) {
  const ctx = context(caller);
  const p = resolvePeriod(input, await studioZone(db), ctx.now);
  const { kpis, facts } = await shownValues(db, p, kpiAreas[area], ctx);
  if (area !== "orders") return { period: periodView(p), kpis };
  // The orders area also breaks its pending orders down by status (SPEC 5b), from the same read.
  const pipeline = facts.get("pipeline") as PipelineFacts;
  const pendingByStatus = Object.entries(pipeline.byStatus).map(([status, count]) => ({ status, count }));
  return { period: periodView(p), kpis, pendingByStatus };
}

export async function kpiTrend(db: Executor, input: TrendsInput, caller: Caller) {
  const ctx = context(caller, input.serviceId);
  const kpi = kpiOf(input.kpi);
  checkHistoric(kpi, ctx, "trend");
  const p = resolvePeriod(input, await studioZone(db), ctx.now);
  return {
    kpi: kpi.key,
    unit: kpi.unit,
    period: periodView(p),
    groupBy: input.groupBy,
    series: await seriesOf(db, kpi, p, input.groupBy, ctx),
  };
}

/** The KPI over the period, the one before it and the same one last year: the source loaded thrice. */
export async function kpiComparison(db: Executor, input: ComparisonInput, caller: Caller) {
  const ctx = context(caller, input.serviceId);
  const kpi = kpiOf(input.kpi);
  checkHistoric(kpi, ctx, "comparison");
  const p = resolvePeriod(input, await studioZone(db), ctx.now);
  const before = previousPeriod(p);
  const lastYear = sameLastYear(p);
  const valueIn = async (period: typeof p) => (await valuesOf(db, period, [kpi.key], ctx)).get(kpi.key) ?? null;
  const current = await valueIn(p);
  const previous = await valueIn(before);
  const last = await valueIn(lastYear);
  const change = (from: number | null) => (current === null || from === null ? null : changePercent(current, from));
  return {
    kpi: kpi.key,
    unit: kpi.unit,
    period: periodView(p),
    current: show(kpi, current),
    previous: show(kpi, previous),
    changePercent: change(previous),
    sameLastYear: show(kpi, last),
    changeVsLastYearPercent: change(last),
    previousPeriod: { from: before.from, to: before.to },
    sameLastYearPeriod: { from: lastYear.from, to: lastYear.to },
  };
}

/** The registry as clients read it: what each KPI is and what can be asked of it. */
export function kpiList() {
  return {
    results: kpiKeys.map((key) => {
      const k = kpiOf(key);
      const src = sources[k.source] as { snapshot?: true; filterable?: true };
      return {
        key,
        label: k.label,
        unit: k.unit,
        direction: k.direction,
        costs: k.costs === true,
        trend: !src.snapshot && "series" in src,
        filters: src.filterable ? ["serviceId"] : [],
      };
    }),
  };
}
