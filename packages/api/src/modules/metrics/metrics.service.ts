import { type Executor, type MetricRow, metrics } from "@fotostudio/db";
import { count, eq } from "drizzle-orm";
import { AppError } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { listPage, type Page } from "../../shared/list.js";
import { type CreateMetricInput, type ListMetricsInput, metricSort, type PatchMetricInput } from "./metrics.schema.js";

export function listMetrics(db: Executor, input: ListMetricsInput): Promise<Page<MetricRow>> {
  return listPage(
    { rows: db.select().from(metrics).$dynamic(), count: db.select({ n: count() }).from(metrics).$dynamic() },
    input,
    { sort: metricSort, tiebreak: metrics.id, search: [metrics.name] },
  );
}

/** The record, or 404; `lock` takes its row lock for the rest of the transaction (updates, deletes). */
export async function getMetric(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<MetricRow> {
  const query = db.select().from(metrics).where(eq(metrics.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Metric ${id} not found`);
  return row;
}

export async function createMetric(db: Executor, input: CreateMetricInput): Promise<MetricRow> {
  const [result] = await db.insert(metrics).values(input).$returningId();
  if (!result) throw new Error("insert returned no id");
  return getMetric(db, result.id);
}

export async function updateMetric(
  db: Executor,
  id: number,
  changes: Omit<PatchMetricInput, "id">,
): Promise<Updated<MetricRow>> {
  const before = await getMetric(db, id, { lock: true });
  if (Object.keys(changes).length === 0) return { before, after: before };
  await db.update(metrics).set(changes).where(eq(metrics.id, id));
  return { before, after: await getMetric(db, id) };
}

export async function deleteMetric(db: Executor, id: number): Promise<Change<MetricRow>> {
  const before = await getMetric(db, id, { lock: true });
  await db.delete(metrics).where(eq(metrics.id, id));
  return { before, after: null };
}
