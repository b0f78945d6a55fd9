import { type AppointmentStatus, appointments, type Executor } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import type { Updated } from "../../../shared/changes.js";
import { assertTransition, machine } from "../../../shared/transitions.js";
import type { AppointmentDetail, TransitionAppointmentInput } from "../appointments.schema.js";
import { getAppointment, getAppointmentRow } from "./read.js";
import { dropPending } from "./schedule.js";

/** SPEC 6: requested → confirmed → completed | no_show; requested | confirmed → cancelled. */
export const appointmentMachine = machine<AppointmentStatus>({
  requested: ["confirmed", "cancelled"],
  confirmed: ["completed", "no_show", "cancelled"],
  completed: [],
  no_show: [],
  cancelled: [],
});

/**
 * Moves the appointment along its machine (409 ILLEGAL_TRANSITION otherwise, nothing changes).
 * Once it is over (completed, no_show) or off (cancelled) its pending reminders are cancelled:
 * nobody is reminded of an appointment that will not happen.
 */
export async function transitionAppointment(
  db: Executor,
  { id, to, reason }: TransitionAppointmentInput,
): Promise<Updated<AppointmentDetail>> {
  const row = await getAppointmentRow(db, id, { lock: true });
  assertTransition(appointmentMachine, `Appointment ${id}`, row.status, to);
  const before = await getAppointment(db, id);
  await db
    .update(appointments)
    .set({ status: to, ...(to === "cancelled" && { cancelReason: reason }) })
    .where(eq(appointments.id, id));
  if (appointmentMachine[to].length === 0) await dropPending(db, id, "cancel");
  return { before, after: await getAppointment(db, id) };
}
