import {
  type AppointmentRow,
  appointmentChanges,
  appointmentReminders,
  appointmentResources,
  appointments,
  clients,
  contracts,
  type Executor,
  orders,
} from "@fotostudio/db";
import { and, eq, gt, inArray, lt, ne } from "drizzle-orm";
import { AppError, type Issue } from "../../../errors.js";
import { MAX_DURATION_MINUTES } from "../appointments.schema.js";

// The booking rules: a slot is [startsAt, endsAt), at most MAX_DURATION_MINUTES long, on an active
// resource, and no two active appointments of one resource overlap. The resource's row is the
// booking lock: every create and reschedule takes it before looking for a clash, so bookings of
// one resource are serialized and exactly one of two racing for a slot gets it.

/** The states that hold their slot. Completed, no_show and cancelled never come back (SPEC 6). */
export const ACTIVE_STATUSES = ["requested", "confirmed"] as const;

const MINUTE = 60_000;

const invalid = (issues: Issue[]) => new AppError("VALIDATION_ERROR", "Input validation failed", { issues });
const issue = (path: string, message: string): Issue => ({ path, message, code: "custom" });

/** Instants an agenda can mean (and a DATETIME can hold): a year like 20266 is a typo. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** Days asked for (filters, the calendar) within the same years; 400 on the field otherwise. */
export function checkDays(days: Record<string, string | undefined>): void {
  const issues = Object.entries(days)
    .filter(([, day]) => day !== undefined && (day < "2000-01-01" || day > "2099-12-31"))
    .map(([path]) => issue(path, "must be between the years 2000 and 2099"));
  if (issues.length) throw invalid(issues);
}

export function checkSlot(startsAt: Date, endsAt: Date): void {
  const outside = (d: Date) => d.getTime() < EARLIEST || d.getTime() >= LATEST;
  const range = [startsAt, endsAt].flatMap((d, i) =>
    outside(d) ? [issue(i === 0 ? "startsAt" : "endsAt", "must be between the years 2000 and 2099")] : [],
  );
  if (range.length) throw invalid(range);
  if (endsAt.getTime() <= startsAt.getTime()) throw invalid([issue("endsAt", "must be after startsAt")]);
  if (endsAt.getTime() - startsAt.getTime() > MAX_DURATION_MINUTES * MINUTE) {
    throw invalid([issue("endsAt", `an appointment lasts at most ${MAX_DURATION_MINUTES / 1440} days`)]);
  }
}

/**
 * Locks the resource's agenda and checks the slot is free on it; 400 on resourceId when the
 * resource does not exist or is retired, 409 APPOINTMENT_OVERLAP naming the clash.
 *
 * The clash query must not run on a snapshot older than the lock: under REPEATABLE READ the read
 * view is made by a transaction's first plain read, so callers make no plain read before this
 * (the locking read of the appointment itself is fine). It is a plain read on purpose: a locking
 * one would take gap locks on the resource/time index that deadlock bookings of neighbouring
 * resources.
 */
export async function reserveSlot(
  db: Executor,
  slot: { resourceId: number; startsAt: Date; endsAt: Date },
  except?: number,
): Promise<void> {
  const [resource] = await db
    .select({ active: appointmentResources.active })
    .from(appointmentResources)
    .where(eq(appointmentResources.id, slot.resourceId))
    .for("update");
  if (!resource) throw invalid([issue("resourceId", `resource ${slot.resourceId} does not exist`)]);
  if (!resource.active) throw invalid([issue("resourceId", `resource ${slot.resourceId} is retired`)]);
  const [clash] = await db
    .select({
      id: appointments.id,
      title: appointments.title,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.resourceId, slot.resourceId),
        inArray(appointments.status, ACTIVE_STATUSES),
        lt(appointments.startsAt, slot.endsAt),
        gt(appointments.endsAt, slot.startsAt),
        except === undefined ? undefined : ne(appointments.id, except),
      ),
    )
    .limit(1);
  if (clash) {
    throw new AppError(
      "APPOINTMENT_OVERLAP",
      `The resource is booked from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()} by appointment ${clash.id} (${clash.title})`,
    );
  }
}

export interface Links {
  clientId: number | null;
  orderId: number | null;
  contractId: number | null;
}

/**
 * The links must exist in this studio (400 on the field). An order or a contract names its client
 * (the contract's school): with no clientId that client is taken, a different one is a 400.
 */
export async function checkLinks(db: Executor, links: Links): Promise<Links> {
  const issues: Issue[] = [];
  let clientId = links.clientId;
  const owner = (path: "orderId" | "contractId", id: number, found: number | undefined) => {
    if (found === undefined) return void issues.push(issue(path, `${path.slice(0, -2)} ${id} does not exist`));
    if (clientId === null) clientId = found;
    else if (clientId !== found) issues.push(issue(path, `belongs to client ${found}, not to client ${clientId}`));
  };
  if (links.clientId !== null) {
    const [client] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, links.clientId));
    if (!client) issues.push(issue("clientId", `client ${links.clientId} does not exist`));
  }
  if (links.orderId !== null) {
    const [order] = await db.select({ clientId: orders.clientId }).from(orders).where(eq(orders.id, links.orderId));
    owner("orderId", links.orderId, order?.clientId);
  }
  if (links.contractId !== null) {
    const [contract] = await db
      .select({ clientId: contracts.schoolId })
      .from(contracts)
      .where(eq(contracts.id, links.contractId));
    owner("contractId", links.contractId, contract?.clientId);
  }
  if (issues.length) throw invalid(issues);
  return { ...links, clientId };
}

/**
 * Replaces the appointment's pending reminders with one per offset before `startsAt`; one that
 * would already be due is not created. Sent ones stay as they were. Rows are touched by primary
 * key only, so no gap lock reaches another appointment's reminders.
 */
export async function scheduleReminders(
  db: Executor,
  appointmentId: number,
  startsAt: Date,
  offsets: readonly number[],
  now = new Date(),
): Promise<void> {
  await dropPending(db, appointmentId, "delete");
  const rows = offsets
    .map((offsetMinutes) => ({ appointmentId, offsetMinutes, remindAt: new Date(+startsAt - offsetMinutes * MINUTE) }))
    .filter((r) => r.remindAt.getTime() > now.getTime());
  if (rows.length) await db.insert(appointmentReminders).values(rows);
}

/** The offsets an appointment's reminders have (sent ones included), for a reschedule that names none. */
export async function reminderOffsets(db: Executor, appointmentId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ offset: appointmentReminders.offsetMinutes })
    .from(appointmentReminders)
    .where(eq(appointmentReminders.appointmentId, appointmentId));
  return rows.map((r) => r.offset).sort((a, b) => b - a);
}

/** Pending reminders are cancelled (the appointment is over or off) or deleted (about to be replaced). */
export async function dropPending(db: Executor, appointmentId: number, how: "cancel" | "delete"): Promise<void> {
  const pending = await db
    .select({ id: appointmentReminders.id })
    .from(appointmentReminders)
    .where(and(eq(appointmentReminders.appointmentId, appointmentId), eq(appointmentReminders.status, "pending")));
  const ids = pending.map((r) => r.id);
  if (!ids.length) return;
  const which = inArray(appointmentReminders.id, ids);
  if (how === "delete") await db.delete(appointmentReminders).where(which);
  else await db.update(appointmentReminders).set({ status: "cancelled" }).where(which);
}

/** Keeps where and when the appointment was before a reschedule. */
export async function recordReschedule(db: Executor, before: AppointmentRow, changedBy: number): Promise<void> {
  await db.insert(appointmentChanges).values({
    appointmentId: before.id,
    previousStartsAt: before.startsAt,
    previousEndsAt: before.endsAt,
    previousResourceId: before.resourceId,
    changedBy,
  });
}
