import { appointmentStatuses, appointments, appointmentTypes, reminderStatuses } from "@fotostudio/db";
import { z } from "zod";
import { date, id, instant, optionalText, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

/** An appointment lasts at most this long (a photo day, a multi-day event): a longer one is a typo. */
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
/** A reminder goes out at most this long before the appointment. */
export const MAX_REMINDER_MINUTES = 30 * 24 * 60;
export const DEFAULT_REMINDERS = [24 * 60, 2 * 60];

export const appointmentType = z
  .enum(appointmentTypes)
  .describe(
    "session (photo session), delivery (the client collects the work), pickup (the studio collects from the client), photo_day (a school's photo day), meeting",
  )
  .meta({ example: "session" });

export const appointmentStatus = z
  .enum(appointmentStatuses)
  .describe("requested → confirmed → completed | no_show; requested | confirmed → cancelled")
  .meta({ example: "confirmed" });

/**
 * A linked record (client, order, contract): optional, null to unlink. Its example is null: an id
 * in an example names a row no other studio has.
 */
const link = (what: string) =>
  id(`${what} this appointment is for; it must exist in the studio`)
    .nullish()
    .transform((v) => v ?? null)
    .meta({ example: null });

const reminderOffsets = z
  .array(z.number().int().min(0).max(MAX_REMINDER_MINUTES))
  .max(10)
  .refine((offsets) => new Set(offsets).size === offsets.length, "each offset once")
  .describe(
    "Reminders, in minutes before the start (1440 = a day, 120 = two hours); one already past when it is saved is not created; [] for none",
  )
  .meta({ example: DEFAULT_REMINDERS });

const appointmentFields = {
  type: appointmentType,
  title: text(200, "What the agenda shows").meta({ example: "Family session, Quispe" }),
  resourceId: id("The photographer, room or equipment booked; it must be active"),
  startsAt: instant("Start").meta({ example: "2026-12-03T15:00:00.000Z" }),
  endsAt: instant(
    `End, after the start and at most ${MAX_DURATION_MINUTES / 1440} days later; the slot is [startsAt, endsAt), so back-to-back bookings fit`,
  ).meta({ example: "2026-12-03T16:30:00.000Z" }),
  clientId: link("Client"),
  orderId: link("Order"),
  contractId: link("Contract (a school's photo day)"),
  location: optionalText(300, "Where, when not at the studio").meta({ example: "I.E. San Martín, Av. Grau 123" }),
  notes: optionalText(5000, "Free notes for the studio's staff").meta({ example: "Bring the white backdrop" }),
};

export const createAppointmentInput = z.object({
  ...appointmentFields,
  reminders: reminderOffsets.default(DEFAULT_REMINDERS),
});
export type CreateAppointmentInput = z.infer<typeof createAppointmentInput>;

/** PUT: the whole appointment; omitted optional fields become empty, reminders the default. */
export const replaceAppointmentInput = createAppointmentInput.extend({ id: id("Appointment") });

/** PATCH: only the fields sent change. */
export const patchAppointmentInput = z.object({
  id: id("Appointment"),
  type: appointmentType.optional(),
  title: appointmentFields.title.optional(),
  resourceId: appointmentFields.resourceId.optional(),
  startsAt: appointmentFields.startsAt.optional(),
  endsAt: appointmentFields.endsAt.optional(),
  clientId: appointmentFields.clientId.optional(),
  orderId: appointmentFields.orderId.optional(),
  contractId: appointmentFields.contractId.optional(),
  location: appointmentFields.location.optional(),
  notes: appointmentFields.notes.optional(),
  reminders: reminderOffsets.optional(),
});
export type PatchAppointmentInput = z.infer<typeof patchAppointmentInput>;
export type AppointmentChanges = Omit<PatchAppointmentInput, "id">;

export const transitionAppointmentInput = z.object({
  id: id("Appointment"),
  to: appointmentStatus.describe("The status to move to (see the appointment's status)").meta({ example: "cancelled" }),
  reason: optionalText(500, "Why; kept as the cancel reason when cancelling").meta({
    example: "The client asked to move it",
  }),
});
export type TransitionAppointmentInput = z.infer<typeof transitionAppointmentInput>;

export const appointmentSort = sortable(
  {
    startsAt: appointments.startsAt,
    endsAt: appointments.endsAt,
    title: appointments.title,
    createdAt: appointments.createdAt,
    id: appointments.id,
  },
  "startsAt",
);

export const listAppointmentsInput = pageInput.extend({
  resourceId: id("Only this resource's appointments").optional(),
  type: appointmentType.optional(),
  status: appointmentStatus.optional(),
  clientId: id("Only this client's appointments").optional(),
  from: date("Only appointments starting on or after this day").optional(),
  to: date("Only appointments starting on or before this day").optional(),
  ordering: appointmentSort.ordering,
});
export type ListAppointmentsInput = z.infer<typeof listAppointmentsInput>;

const appointmentShape = {
  id: z.number().int(),
  type: appointmentType,
  title: z.string(),
  status: appointmentStatus,
  resourceId: z.number().int(),
  resourceName: z.string().describe("The resource's name").meta({ example: "Studio A" }),
  startsAt: z.date(),
  endsAt: z.date(),
  clientId: z.number().int().nullable().meta({ example: 1 }),
  clientName: z.string().nullable().describe("The client's name").meta({ example: "Ana Quispe Mamani" }),
  orderId: z.number().int().nullable().meta({ example: null }),
  contractId: z.number().int().nullable().meta({ example: null }),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  cancelReason: z.string().nullable().describe("Why it was cancelled").meta({ example: null }),
  createdBy: z.number().int().nullable().describe("The user who booked it").meta({ example: 1 }),
  createdAt: z.date(),
  updatedAt: z.date(),
};

export const appointmentOutput = z.object(appointmentShape).meta({ id: "Appointment" });
export type Appointment = z.infer<typeof appointmentOutput>;

export const reminderOutput = z
  .object({
    offsetMinutes: z.number().int().describe("Minutes before the start"),
    remindAt: z.date(),
    status: z.enum(reminderStatuses).describe("pending (to be sent), sent, cancelled"),
    sentAt: z.date().nullable(),
  })
  .meta({ id: "AppointmentReminder" });

export const historyOutput = z
  .object({
    previousStartsAt: z.date().meta({ example: "2026-12-02T15:00:00.000Z" }),
    previousEndsAt: z.date().meta({ example: "2026-12-02T16:30:00.000Z" }),
    previousResourceId: z.number().int(),
    previousResourceName: z.string().nullable().meta({ example: "Studio B" }),
    changedAt: z.date(),
    changedBy: z.number().int().nullable().describe("The user who rescheduled it").meta({ example: 1 }),
  })
  .meta({ id: "AppointmentChange" });

export const appointmentDetailOutput = z
  .object({
    ...appointmentShape,
    reminders: z
      .array(reminderOutput)
      .describe("Its reminders, by time")
      // Its own example: the input's `reminders` (offsets) would otherwise be borrowed for it.
      .meta({
        example: [
          { offsetMinutes: 1440, remindAt: "2026-12-02T15:00:00.000Z", status: "pending", sentAt: null },
          { offsetMinutes: 120, remindAt: "2026-12-03T13:00:00.000Z", status: "pending", sentAt: null },
        ],
      }),
    history: z.array(historyOutput).describe("Where and when it was before each reschedule, oldest first"),
  })
  .meta({ id: "AppointmentDetail" });
export type AppointmentDetail = z.infer<typeof appointmentDetailOutput>;
