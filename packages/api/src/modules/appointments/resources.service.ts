import {
  type AppointmentResourceRow,
  appointmentChanges,
  appointmentResources,
  appointments,
  type Executor,
  users,
} from "@fotostudio/db";
import { count, eq } from "drizzle-orm";
import { AppError } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { listPage, type Page } from "../../shared/list.js";
import {
  type CreateResourceInput,
  type ListResourcesInput,
  type PatchResourceInput,
  resourceSort,
} from "./resources.schema.js";

type ResourceChanges = Omit<PatchResourceInput, "id">;

export function listResources(db: Executor, input: ListResourcesInput): Promise<Page<AppointmentResourceRow>> {
  return listPage(
    {
      rows: db.select().from(appointmentResources).$dynamic(),
      count: db.select({ n: count() }).from(appointmentResources).$dynamic(),
    },
    input,
    {
      sort: resourceSort,
      tiebreak: appointmentResources.id,
      search: [appointmentResources.name],
      filters: [
        input.kind && eq(appointmentResources.kind, input.kind),
        input.active !== undefined && eq(appointmentResources.active, input.active),
      ],
    },
  );
}

/** The resource, or 404; `lock` takes its row lock, the booking lock of its agenda. */
export async function getResource(
  db: Executor,
  id: number,
  opts: { lock?: boolean } = {},
): Promise<AppointmentResourceRow> {
  const query = db.select().from(appointmentResources).where(eq(appointmentResources.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Resource ${id} not found`);
  return row;
}

/** A photographer may be a user of the studio; nothing else is. */
async function checkUser(db: Executor, kind: AppointmentResourceRow["kind"], userId: number | null): Promise<void> {
  if (userId === null) return;
  const problem =
    kind !== "photographer"
      ? "only a photographer can be a user of the studio"
      : (await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1)).length === 0
        ? `user ${userId} does not exist`
        : null;
  if (problem) {
    throw new AppError("VALIDATION_ERROR", "Input validation failed", {
      issues: [{ path: "userId", message: problem, code: "custom" }],
    });
  }
}

export async function createResource(
  db: Executor,
  input: CreateResourceInput,
): Promise<Updated<AppointmentResourceRow>> {
  await checkUser(db, input.kind, input.userId);
  const [result] = await db.insert(appointmentResources).values(input).$returningId();
  if (!result) throw new Error("insert returned no id");
  return { before: null, after: await getResource(db, result.id) };
}

export async function updateResource(
  db: Executor,
  id: number,
  changes: ResourceChanges,
): Promise<Updated<AppointmentResourceRow>> {
  const before = await getResource(db, id, { lock: true });
  if (Object.keys(changes).length === 0) return { before, after: before };
  await checkUser(db, changes.kind ?? before.kind, changes.userId !== undefined ? changes.userId : before.userId);
  await db.update(appointmentResources).set(changes).where(eq(appointmentResources.id, id));
  return { before, after: await getResource(db, id) };
}

/** Only a resource nothing was ever booked on: the agenda and its history keep naming it. */
export async function deleteResource(db: Executor, id: number): Promise<Change<AppointmentResourceRow>> {
  const before = await getResource(db, id, { lock: true });
  const [booked] = await db.select({ n: count() }).from(appointments).where(eq(appointments.resourceId, id));
  const [moved] = await db
    .select({ n: count() })
    .from(appointmentChanges)
    .where(eq(appointmentChanges.previousResourceId, id));
  if ((booked?.n ?? 0) + (moved?.n ?? 0) > 0) {
    throw new AppError(
      "CONFLICT",
      `Resource ${id} has appointments (${booked?.n ?? 0}); deactivate it instead (active: false)`,
    );
  }
  await db.delete(appointmentResources).where(eq(appointmentResources.id, id));
  return { before, after: null };
}
