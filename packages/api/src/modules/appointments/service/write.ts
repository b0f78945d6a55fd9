import {
  type AppointmentRow,
  appointmentChanges,
  appointmentReminders,
  appointments,
  type Executor,
} from "@fotostudio/db";
import { eq, inArray } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Change, Updated } from "../../../shared/changes.js";
import type { AppointmentChanges, AppointmentDetail, CreateAppointmentInput } from "../appointments.schema.js";
import { getAppointment, getAppointmentRow } from "./read.js";
import {
  ACTIVE_STATUSES,
  checkLinks,
  checkSlot,
  recordReschedule,
  reminderOffsets,
  reserveSlot,
  scheduleReminders,
} from "./schedule.js";

// Statement order matters here: reserveSlot must come before any plain read (see schedule.ts).

export async function createAppointment(
  db: Executor,
  input: CreateAppointmentInput,
  actor: number,
): Promise<Updated<AppointmentDetail>> {
  const { reminders, clientId, orderId, contractId, ...fields } = input;
  checkSlot(input.startsAt, input.endsAt);
  await reserveSlot(db, input);
  const links = await checkLinks(db, { clientId, orderId, contractId });
  const [result] = await db
    .insert(appointments)
    .values({ ...fields, ...links, createdBy: actor })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  await scheduleReminders(db, result.id, input.startsAt, reminders);
  return { before: null, after: await getAppointment(db, result.id) };
}

/** Completed, no-show and cancelled appointments are history: they no longer change. */
function assertOpen(row: AppointmentRow): void {
  if (!(ACTIVE_STATUSES as readonly string[]).includes(row.status)) {
    throw new AppError("ILLEGAL_TRANSITION", `Appointment ${row.id} is ${row.status}: it can no longer be changed`);
  }
}

const sameInstant = (a: Date, b: Date) => a.getTime() === b.getTime();

/**
 * PUT and PATCH. A change of startsAt, endsAt or resourceId is a reschedule: the new slot is
 * checked like a new booking, the old one goes to the history, and the pending reminders are
 * recomputed (from `reminders` when sent, else from the offsets the appointment had).
 */
export async function updateAppointment(
  db: Executor,
  id: number,
  changes: AppointmentChanges,
  actor: number,
): Promise<Updated<AppointmentDetail>> {
  const row = await getAppointmentRow(db, id, { lock: true });
  assertOpen(row);
  const { reminders, clientId, orderId, contractId, ...fields } = changes;
  const slot = {
    resourceId: fields.resourceId ?? row.resourceId,
    startsAt: fields.startsAt ?? row.startsAt,
    endsAt: fields.endsAt ?? row.endsAt,
  };
  const moved =
    slot.resourceId !== row.resourceId ||
    !sameInstant(slot.startsAt, row.startsAt) ||
    !sameInstant(slot.endsAt, row.endsAt);
  if (moved) {
    checkSlot(slot.startsAt, slot.endsAt);
    await reserveSlot(db, slot, id);
  }
  const before = await getAppointment(db, id);
  if (Object.keys(changes).length === 0) return { before, after: before };

  const relinked = clientId !== undefined || orderId !== undefined || contractId !== undefined;
  const links = relinked
    ? await checkLinks(db, {
        clientId: clientId !== undefined ? clientId : row.clientId,
        orderId: orderId !== undefined ? orderId : row.orderId,
        contractId: contractId !== undefined ? contractId : row.contractId,
      })
    : {};
  const columns = { ...fields, ...links };
  if (Object.keys(columns).length) await db.update(appointments).set(columns).where(eq(appointments.id, id));
  if (moved) await recordReschedule(db, row, actor);
  if (moved || reminders !== undefined) {
    await scheduleReminders(db, id, slot.startsAt, reminders ?? (await reminderOffsets(db, id)));
  }
  return { before, after: await getAppointment(db, id) };
}

/** Only requested or cancelled ones (a confirmed one is cancelled first); reminders and history go with it. */
export async function deleteAppointment(db: Executor, id: number): Promise<Change<AppointmentDetail>> {
  const row = await getAppointmentRow(db, id, { lock: true });
  if (row.status !== "requested" && row.status !== "cancelled") {
    throw new AppError(
      "ILLEGAL_TRANSITION",
      `Appointment ${id} is ${row.status}: only requested or cancelled appointments can be deleted`,
    );
  }
  const before = await getAppointment(db, id);
  // By primary key: no gap lock on the appointment indexes reaches other appointments' rows.
  const reminders = await db
    .select({ id: appointmentReminders.id })
    .from(appointmentReminders)
    .where(eq(appointmentReminders.appointmentId, id));
  const history = await db
    .select({ id: appointmentChanges.id })
    .from(appointmentChanges)
    .where(eq(appointmentChanges.appointmentId, id));
  if (reminders.length) {
    await db.delete(appointmentReminders).where(
      inArray(
        appointmentReminders.id,
        reminders.map((r) => r.id),
      ),
    );
  }
  if (history.length) {
    await db.delete(appointmentChanges).where(
      inArray(
        appointmentChanges.id,
        history.map((r) => r.id),
      ),
    );
  }
  await db.delete(appointments).where(eq(appointments.id, id));
  return { before, after: null };
}
