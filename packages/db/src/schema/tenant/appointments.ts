import { boolean, index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";

export const resourceKinds = ["photographer", "room", "equipment"] as const;
export const appointmentTypes = ["session", "delivery", "pickup", "photo_day", "meeting"] as const;
export const appointmentStatuses = ["requested", "confirmed", "completed", "no_show", "cancelled"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const reminderStatuses = ["pending", "sent", "cancelled"] as const;

/** What an appointment books: a photographer, a room, a piece of equipment. Its row is the booking lock. */
export const appointmentResources = mysqlTable(
  "appointment_resources",
  {
    id: id(),
    name: varchar({ length: 120 }).notNull(),
    kind: mysqlEnum(resourceKinds).notNull(),
    userId: ref(),
    active: boolean().notNull().default(true),
    notes: text(),
    ...timestamps,
  },
  (t) => [uniqueIndex("appointment_resources_name_uq").on(t.name)],
);
export type AppointmentResourceRow = typeof appointmentResources.$inferSelect;

export const appointments = mysqlTable(
  "appointments",
  {
    id: id(),
    type: mysqlEnum(appointmentTypes).notNull(),
    title: varchar({ length: 200 }).notNull(),
    resourceId: ref().notNull(),
    clientId: ref(),
    orderId: ref(),
    contractId: ref(),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    location: varchar({ length: 300 }),
    notes: text(),
    status: mysqlEnum(appointmentStatuses).notNull().default("requested"),
    cancelReason: varchar({ length: 500 }),
    createdBy: ref(),
    ...timestamps,
  },
  (t) => [
    index("appointments_resource_time_idx").on(t.resourceId, t.startsAt),
    index("appointments_starts_idx").on(t.startsAt),
    index("appointments_client_idx").on(t.clientId),
    index("appointments_order_idx").on(t.orderId),
    index("appointments_contract_idx").on(t.contractId),
  ],
);
export type AppointmentRow = typeof appointments.$inferSelect;

/** A reminder to send before an appointment (24 h and 2 h by default); the jobs issue sends them. */
export const appointmentReminders = mysqlTable(
  "appointment_reminders",
  {
    id: id(),
    appointmentId: ref().notNull(),
    offsetMinutes: int().notNull(),
    remindAt: instant().notNull(),
    status: mysqlEnum(reminderStatuses).notNull().default("pending"),
    sentAt: instant(),
  },
  (t) => [
    index("appointment_reminders_appointment_idx").on(t.appointmentId),
    index("appointment_reminders_due_idx").on(t.status, t.remindAt),
  ],
);
export type AppointmentReminderRow = typeof appointmentReminders.$inferSelect;

/** Rescheduling history: the times an appointment had before each change. */
export const appointmentChanges = mysqlTable(
  "appointment_changes",
  {
    id: id(),
    appointmentId: ref().notNull(),
    previousStartsAt: instant().notNull(),
    previousEndsAt: instant().notNull(),
    previousResourceId: ref().notNull(),
    changedBy: ref(),
    changedAt: instant()
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("appointment_changes_appointment_idx").on(t.appointmentId, t.changedAt)],
);
export type AppointmentChangeRow = typeof appointmentChanges.$inferSelect;
