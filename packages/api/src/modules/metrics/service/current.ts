import type { Executor, MetricRow } from "@fotostudio/db";
import { parseCents } from "../../../shared/fields.js";
import { type Period, periodView, resolvePeriod } from "../../../shared/periods.js";
import { studioZone } from "../../../shared/studio-days.js";
import type { KpiKey } from "../kpi-keys.js";
import { type Kpi, kpiOf, type Value } from "../kpis.js";
import type { metricLevels } from "../metrics.schema.js";
import { show, valuesOf } from "./values.js";

// A saved metric's value now and its level. The list computes each distinct (KPI, period,
// filters) of its page once, so ten definitions of revenue this month cost one sales statement.

export type Level = (typeof metricLevels)[number];

export const filtersOf = (row: Pick<MetricRow, "filters">): { serviceId?: number } => {
  const raw = typeof row.filters === "string" ? JSON.parse(row.filters) : row.filters;
  return raw && typeof raw === "object" ? (raw as { serviceId?: number }) : {};
};

export function periodOf(row: Pick<MetricRow, "period" | "fromDay" | "toDay">, zone: string, now: Date): Period {
  if (row.period === "custom" && row.fromDay && row.toDay)
    return resolvePeriod({ from: row.fromDay, to: row.toDay }, zone, now);
  return resolvePeriod({ period: row.period === "custom" ? "month" : row.period }, zone, now);
}

/** A value in hundredths of its unit (money is already cents), comparable with a threshold. */
const hundredths = (kpi: Kpi, value: number) => (kpi.unit === "money" ? value : Math.round(value * 100));
const thresholdOf = (text: string | null) => (text === null ? null : parseCents(text));

/**
 * higher is better: at or below critical → critical, at or below warning → warning, else ok;
 * lower is better: at or above critical → critical, at or above warning → warning, else ok.
 * No value, or neither threshold set: null (nothing to judge by). The target only informs.
 */
export function levelOf(
  kpi: Kpi,
  row: Pick<MetricRow, "direction" | "warning" | "critical">,
  value: Value,
): Level | null {
  const warning = thresholdOf(row.warning);
  const critical = thresholdOf(row.critical);
  if (value === null || (warning === null && critical === null)) return null;
  const v = hundredths(kpi, value);
  const past = (t: number | null) => t !== null && (row.direction === "higher" ? v <= t : v >= t);
  if (past(critical)) return "critical";
  if (past(warning)) return "warning";
  return "ok";
}

type Current = { value: string | number | null; level: Level | null; period: ReturnType<typeof periodView> };

/** The current value and level of each row, each distinct computation once. */
export async function currentOf(
  db: Executor,
  rows: readonly MetricRow[],
  costs: boolean,
): Promise<Map<number, Current>> {
  const out = new Map<number, Current>();
  if (rows.length === 0) return out;
  const now = new Date();
  const zone = await studioZone(db);
  // Rows reading the same period and filters share one load of each source they need.
  const groups = new Map<string, { p: Period; filters: { serviceId?: number }; rows: MetricRow[] }>();
  for (const row of rows) {
    const filters = filtersOf(row);
    const p = periodOf(row, zone, now);
    const key = JSON.stringify([p.from, p.to, filters.serviceId ?? null]);
    const group = groups.get(key) ?? { p, filters, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  for (const { p, filters, rows: members } of groups.values()) {
    const keys = [...new Set(members.map((r) => r.kpi as KpiKey))];
    const values = await valuesOf(db, p, keys, { costs, filters, now });
    for (const row of members) {
      const kpi = kpiOf(row.kpi as KpiKey);
      const value = values.get(kpi.key) ?? null;
      out.set(row.id, { value: show(kpi, value), level: levelOf(kpi, row, value), period: periodView(p) });
    }
  }
  return out;
}
