import { type Executor, type MetricRow, metrics, services } from "@fotostudio/db";
import { count, eq } from "drizzle-orm";
import { AppError, type Issue } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { formatCents, parseCents } from "../../shared/fields.js";
import { listPage, type Page } from "../../shared/list.js";
import { MAX_PERIOD_DAYS } from "../../shared/periods.js";
import { daysBetween } from "../../shared/studio-days.js";
import type { KpiKey } from "./kpi-keys.js";
import { kpiOf, sources } from "./kpis.js";
import {
  type CreateMetricInput,
  type ListMetricsInput,
  type Metric,
  metricSort,
  type PatchMetricInput,
} from "./metrics.schema.js";
import { currentOf, filtersOf } from "./service/current.js";

// Metric definitions. Writes check the whole record as it will be stored (a PATCH is merged with
// the row first) and refuse, with 400 naming the field, what the KPI cannot be read as.

/** A definition as the service writes it: thresholds in integer hundredths of the KPI's unit. */
type Definition = Omit<CreateMetricInput, "filters"> & { filters?: { serviceId?: number } | null };

const issue = (path: string, message: string): Issue => ({ path, message, code: "custom" });

async function check(db: Executor, d: Definition): Promise<void> {
  const kpi = kpiOf(d.kpi);
  const issues: Issue[] = [];
  const custom = d.period === "custom";
  if (custom && (!d.fromDay || !d.toDay))
    issues.push(issue(d.fromDay ? "toDay" : "fromDay", "a custom period needs fromDay and toDay"));
  if (custom && d.fromDay && d.toDay) {
    if (d.fromDay > d.toDay) issues.push(issue("toDay", "`toDay` must not be before `fromDay`"));
    else if (daysBetween(d.fromDay, d.toDay) >= MAX_PERIOD_DAYS)
      issues.push(issue("toDay", `a period spans at most ${MAX_PERIOD_DAYS} days`));
  }
  // Ordered from worst to best: higher is better → critical ≤ warning ≤ target; lower, the reverse.
  const direction = d.direction ?? kpi.direction;
  const ladder = (["critical", "warning", "target"] as const).filter((k) => d[k] != null);
  for (let i = 1; i < ladder.length; i++) {
    const [worse, better] = [ladder[i - 1] as (typeof ladder)[number], ladder[i] as (typeof ladder)[number]];
    const [a, b] = [d[worse] as number, d[better] as number];
    if (direction === "higher" ? a > b : a < b) {
      issues.push(
        issue(better, `with direction ${direction}, ${worse} must be ${direction === "higher" ? "≤" : "≥"} ${better}`),
      );
    }
  }
  const serviceId = d.filters?.serviceId;
  if (serviceId !== undefined) {
    if (!(sources[kpi.source] as { filterable?: true }).filterable) {
      issues.push(issue("filters.serviceId", `${kpi.key} takes no serviceId filter`));
    } else {
      const [found] = await db.select({ id: services.id }).from(services).where(eq(services.id, serviceId)).limit(1);
      if (!found) issues.push(issue("filters.serviceId", `service ${serviceId} not found`));
    }
  }
  if (issues.length > 0)
    throw new AppError("VALIDATION_ERROR", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

const decimal = (cents: number | null | undefined) => (cents == null ? null : formatCents(cents));

function columns(d: Definition) {
  return {
    name: d.name,
    kpi: d.kpi,
    filters: d.filters?.serviceId !== undefined ? { serviceId: d.filters.serviceId } : null,
    period: d.period ?? "month",
    // The days matter only to a custom period; another period drops them.
    fromDay: d.period === "custom" ? (d.fromDay ?? null) : null,
    toDay: d.period === "custom" ? (d.toDay ?? null) : null,
    direction: d.direction ?? kpiOf(d.kpi).direction,
    target: decimal(d.target),
    warning: decimal(d.warning),
    critical: decimal(d.critical),
    notes: d.notes ?? null,
  };
}

/** The stored row as a definition again (for merging a PATCH). */
function definitionOf(row: MetricRow): Definition {
  const hundredths = (v: string | null) => (v === null ? null : parseCents(v));
  return {
    name: row.name,
    kpi: row.kpi as KpiKey,
    filters: filtersOf(row),
    period: row.period,
    fromDay: row.fromDay,
    toDay: row.toDay,
    direction: row.direction,
    target: hundredths(row.target),
    warning: hundredths(row.warning),
    critical: hundredths(row.critical),
    notes: row.notes,
  };
}

type Current = Awaited<ReturnType<typeof currentOf>> extends Map<number, infer C> ? C : never;

/** The API's view; a costs KPI's thresholds are costs too (a margin target tells the margin). */
function view(row: MetricRow, current: Current, costs: boolean): Metric {
  const kpi = kpiOf(row.kpi as KpiKey);
  const { filters: _raw, ...rest } = row;
  const withheld = kpi.costs && !costs ? { target: null, warning: null, critical: null } : {};
  return { ...rest, ...withheld, kpi: kpi.key, unit: kpi.unit, filters: filtersOf(row), current };
}

export async function listMetrics(db: Executor, input: ListMetricsInput, costs: boolean): Promise<Page<Metric>> {
  const page = await listPage(
    { rows: db.select().from(metrics).$dynamic(), count: db.select({ n: count() }).from(metrics).$dynamic() },
    input,
    { sort: metricSort, tiebreak: metrics.id, search: [metrics.name] },
  );
  const current = await currentOf(db, page.results, costs);
  return { ...page, results: page.results.map((row) => view(row, current.get(row.id) as Current, costs)) };
}

/** The record, or 404; `lock` takes its row lock for the rest of the transaction (updates, deletes). */
export async function getMetricRow(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<MetricRow> {
  const query = db.select().from(metrics).where(eq(metrics.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Metric ${id} not found`);
  return row;
}

/** The definition with its current value and level. */
export async function getMetric(db: Executor, id: number, costs: boolean): Promise<Metric> {
  const row = await getMetricRow(db, id);
  return view(row, (await currentOf(db, [row], costs)).get(row.id) as Current, costs);
}

export async function createMetric(
  db: Executor,
  input: CreateMetricInput,
  userId: number,
): Promise<Updated<MetricRow>> {
  await check(db, input);
  const [result] = await db
    .insert(metrics)
    .values({ ...columns(input), createdBy: userId })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  return { before: null, after: await getMetricRow(db, result.id) };
}

/** PUT sends the whole definition, PATCH part of it: both are checked as the row they leave. */
export async function updateMetric(
  db: Executor,
  id: number,
  changes: Omit<PatchMetricInput, "id">,
  mode: "replace" | "patch",
): Promise<Updated<MetricRow>> {
  const before = await getMetricRow(db, id, { lock: true });
  // Keys zod left undefined are fields the PATCH did not send: they keep the row's value.
  const sent = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const merged = { ...definitionOf(before), ...sent };
  const next = (mode === "replace" ? changes : merged) as Definition;
  await check(db, next);
  await db.update(metrics).set(columns(next)).where(eq(metrics.id, id));
  return { before, after: await getMetricRow(db, id) };
}

export async function deleteMetric(db: Executor, id: number): Promise<Change<MetricRow>> {
  const before = await getMetricRow(db, id, { lock: true });
  await db.delete(metrics).where(eq(metrics.id, id));
  return { before, after: null };
}
