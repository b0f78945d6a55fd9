import { date, decimal, index, json, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, ref, timestamps } from "../columns.js";

/** The periods a saved KPI is read over; `custom` uses its own from/to days. */
export const metricPeriods = ["today", "week", "month", "quarter", "year", "custom"] as const;
/** Whether a higher value is better (revenue) or a lower one (waste %): decides the level. */
export const metricDirections = ["higher", "lower"] as const;

/**
 * A metric definition: a saved KPI the studio watches (which KPI, its filters and period), with a
 * target and the warning and critical thresholds that turn its current value into a level.
 * Thresholds are stored as decimals in the KPI's own unit (money, a count or a percent).
 */
export const metrics = mysqlTable(
  "metrics",
  {
    id: id(),
    name: varchar({ length: 200 }).notNull(),
    /** A KPI key of the metrics module (`revenue`, `averageTicket`, `wastePercent`…). */
    kpi: varchar({ length: 40 }).notNull(),
    filters: json().$type<Record<string, unknown>>(),
    period: mysqlEnum(metricPeriods).notNull().default("month"),
    fromDay: date({ mode: "string" }),
    toDay: date({ mode: "string" }),
    direction: mysqlEnum(metricDirections).notNull().default("higher"),
    target: decimal({ precision: 16, scale: 2 }),
    warning: decimal({ precision: 16, scale: 2 }),
    critical: decimal({ precision: 16, scale: 2 }),
    notes: text(),
    createdBy: ref(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("metrics_name_uq").on(t.name),
    index("metrics_kpi_idx").on(t.kpi),
    index("metrics_created_idx").on(t.createdAt),
  ],
);

export type MetricRow = typeof metrics.$inferSelect;
