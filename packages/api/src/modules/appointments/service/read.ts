import {
  type AppointmentRow,
  appointmentChanges,
  appointmentReminders,
  appointmentResources,
  appointments,
  clients,
  type Executor,
} from "@fotostudio/db";
import { aliasedTable, asc, count, eq, gte, lt, type SQL } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { listPage, type Page } from "../../../shared/list.js";
import { addDays, startOfDay, studioZone } from "../../../shared/studio-days.js";
import {
  type Appointment,
  type AppointmentDetail,
  appointmentSort,
  type ListAppointmentsInput,
} from "../appointments.schema.js";
import { checkDays } from "./schedule.js";

/** An appointment with the names the agenda shows: its resource's and its client's. */
const shown = {
  id: appointments.id,
  type: appointments.type,
  title: appointments.title,
  status: appointments.status,
  resourceId: appointments.resourceId,
  resourceName: appointmentResources.name,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  clientId: appointments.clientId,
  clientName: clients.name,
  orderId: appointments.orderId,
  contractId: appointments.contractId,
  location: appointments.location,
  notes: appointments.notes,
  cancelReason: appointments.cancelReason,
  createdBy: appointments.createdBy,
  createdAt: appointments.createdAt,
  updatedAt: appointments.updatedAt,
};

/** The select of appointments with their names, to add a where and an order to. */
export const selectAppointments = (db: Executor) =>
  db
    .select(shown)
    .from(appointments)
    .innerJoin(appointmentResources, eq(appointmentResources.id, appointments.resourceId))
    .leftJoin(clients, eq(clients.id, appointments.clientId))
    .$dynamic();

/** `startsAt` within the studio days from..to (both included); either end may be open. */
export function startsWithin(zone: string, from?: string, to?: string): (SQL | undefined)[] {
  return [
    from ? gte(appointments.startsAt, startOfDay(from, zone)) : undefined,
    to ? lt(appointments.startsAt, startOfDay(addDays(to, 1), zone)) : undefined,
  ];
}

export async function listAppointments(db: Executor, input: ListAppointmentsInput): Promise<Page<Appointment>> {
  checkDays({ from: input.from, to: input.to });
  if (input.from && input.to && input.to < input.from) {
    throw new AppError("VALIDATION_ERROR", "Input validation failed", {
      issues: [{ path: "to", message: "`to` must not be before `from`", code: "custom" }],
    });
  }
  const zone = input.from || input.to ? await studioZone(db) : "UTC";
  return listPage(
    { rows: selectAppointments(db), count: db.select({ n: count() }).from(appointments).$dynamic() },
    input,
    {
      sort: appointmentSort,
      tiebreak: appointments.id,
      search: [appointments.title, appointments.location],
      filters: [
        input.resourceId !== undefined && eq(appointments.resourceId, input.resourceId),
        input.type && eq(appointments.type, input.type),
        input.status && eq(appointments.status, input.status),
        input.clientId !== undefined && eq(appointments.clientId, input.clientId),
        ...startsWithin(zone, input.from, input.to),
      ],
    },
  );
}

/** The stored row, or 404; `lock` takes its row lock for the rest of the transaction. */
export async function getAppointmentRow(
  db: Executor,
  id: number,
  opts: { lock?: boolean } = {},
): Promise<AppointmentRow> {
  const query = db.select().from(appointments).where(eq(appointments.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Appointment ${id} not found`);
  return row;
}

const previousResource = aliasedTable(appointmentResources, "previous_resource");

/** The appointment as its detail shows it: names, reminders by time, reschedules oldest first. */
export async function getAppointment(db: Executor, id: number): Promise<AppointmentDetail> {
  const [row] = await selectAppointments(db).where(eq(appointments.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Appointment ${id} not found`);
  const [reminders, history] = await Promise.all([
    db
      .select({
        offsetMinutes: appointmentReminders.offsetMinutes,
        remindAt: appointmentReminders.remindAt,
        status: appointmentReminders.status,
        sentAt: appointmentReminders.sentAt,
      })
      .from(appointmentReminders)
      .where(eq(appointmentReminders.appointmentId, id))
      .orderBy(asc(appointmentReminders.remindAt), asc(appointmentReminders.id)),
    db
      .select({
        previousStartsAt: appointmentChanges.previousStartsAt,
        previousEndsAt: appointmentChanges.previousEndsAt,
        previousResourceId: appointmentChanges.previousResourceId,
        previousResourceName: previousResource.name,
        changedAt: appointmentChanges.changedAt,
        changedBy: appointmentChanges.changedBy,
      })
      .from(appointmentChanges)
      .leftJoin(previousResource, eq(previousResource.id, appointmentChanges.previousResourceId))
      .where(eq(appointmentChanges.appointmentId, id))
      .orderBy(asc(appointmentChanges.changedAt), asc(appointmentChanges.id)),
  ]);
  return { ...row, reminders, history };
}
