import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  appointmentDetailOutput,
  appointmentOutput,
  createAppointmentInput,
  listAppointmentsInput,
  type PatchAppointmentInput,
  patchAppointmentInput,
  replaceAppointmentInput,
  transitionAppointmentInput,
} from "./appointments.schema.js";
import { calendarInput, calendarOutput } from "./calendar.schema.js";
import { resourceProcedures } from "./resources.router.js";
import { calendar } from "./service/calendar.js";
import { getAppointment, listAppointments } from "./service/read.js";
import { transitionAppointment } from "./service/transition.js";
import { createAppointment, deleteAppointment, updateAppointment } from "./service/write.js";

/** PUT and PATCH: the same change, a whole or a partial appointment. */
const update = (ctx: AuthedContext, { id, ...changes }: PatchAppointmentInput) =>
  applied(ctx, updateAppointment(ctx.db, id, changes, ctx.auth.user.id));

const BOOKING =
  "The slot is [startsAt, endsAt): it must not overlap an active (requested or confirmed) appointment of the same resource (409 APPOINTMENT_OVERLAP; back-to-back is fine). endsAt after startsAt, at most 7 days later, both within the years 2000-2099; the resource must be active and the linked client, order and contract must exist (400 on the field). An order or contract brings its client when clientId is not given.";

export const appointmentsRouter = {
  // First: their static paths must precede /appointments/{id} (routes match in declaration order),
  // and the docs (and the Postman run) then make a resource before booking it.
  ...resourceProcedures,

  list: authedProcedure
    .meta({
      permission: "appointments:read",
      openapi: rest(
        "GET",
        "/appointments",
        "List appointments",
        "Paginated, by start; filter by resource, type, status, client and the studio days the start falls on (from, to); search matches title and location.",
      ),
    })
    .input(listAppointmentsInput)
    .output(paginated(appointmentOutput))
    .query(({ ctx, input }) => listAppointments(ctx.db, input)),

  // A static path, before /appointments/{id}.
  calendar: authedProcedure
    .meta({
      permission: "appointments:read",
      openapi: rest(
        "GET",
        "/appointments/calendar",
        "The agenda by day",
        "Appointments grouped by the day they start on in the studio's time zone, every day of the range present. `date` for one day, or `from`/`to` (both included, at most 62 days); by default today and the next 6 days. Cancelled ones only with includeCancelled=true.",
      ),
    })
    .input(calendarInput)
    .output(calendarOutput)
    .query(({ ctx, input }) => calendar(ctx.db, input)),

  byId: authedProcedure
    .meta({
      permission: "appointments:read",
      openapi: rest(
        "GET",
        "/appointments/{id}",
        "Get an appointment",
        "With its reminders and its rescheduling history.",
      ),
    })
    .input(idInput("Appointment"))
    .output(appointmentDetailOutput)
    .query(({ ctx, input }) => getAppointment(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      permission: "appointments:write",
      created: true,
      errors: ["APPOINTMENT_OVERLAP"],
      openapi: rest(
        "POST",
        "/appointments",
        "Book an appointment",
        `It starts as requested, with a reminder per offset (default 24 h and 2 h before). ${BOOKING}`,
      ),
    })
    .input(createAppointmentInput)
    .output(appointmentDetailOutput)
    .mutation(({ ctx, input }) => applied(ctx, createAppointment(ctx.db, input, ctx.auth.user.id))),

  update: authedProcedure
    .meta({
      permission: "appointments:write",
      errors: ["APPOINTMENT_OVERLAP", "ILLEGAL_TRANSITION"],
      openapi: rest(
        "PUT",
        "/appointments/{id}",
        "Replace an appointment",
        `Every field is set; omitted optional fields become empty, reminders the default. A new start, end or resource is a reschedule: the previous slot goes to the history and the reminders are recomputed. ${BOOKING} Completed, no-show and cancelled appointments are read-only (409 ILLEGAL_TRANSITION); the status changes through /transition.`,
      ),
    })
    .input(replaceAppointmentInput)
    .output(appointmentDetailOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patch: authedProcedure
    .meta({
      permission: "appointments:write",
      errors: ["APPOINTMENT_OVERLAP", "ILLEGAL_TRANSITION"],
      openapi: rest(
        "PATCH",
        "/appointments/{id}",
        "Update or reschedule an appointment",
        `Only the fields sent change. A new start, end or resource is a reschedule: the previous slot goes to the history and the pending reminders are recomputed (with the offsets sent, else the ones it had). ${BOOKING} Completed, no-show and cancelled appointments are read-only (409 ILLEGAL_TRANSITION).`,
      ),
    })
    .input(patchAppointmentInput)
    .output(appointmentDetailOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  transition: authedProcedure
    .meta({
      permission: "appointments:write",
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/appointments/{id}/transition",
        "Confirm, complete, mark no-show or cancel an appointment",
        "requested → confirmed → completed | no_show; requested | confirmed → cancelled (with an optional reason). Any other move is 409 ILLEGAL_TRANSITION and changes nothing. Completing, no-show and cancelling cancel the pending reminders.",
      ),
    })
    .input(transitionAppointmentInput)
    .output(appointmentDetailOutput)
    .mutation(({ ctx, input }) => applied(ctx, transitionAppointment(ctx.db, input))),

  delete: authedProcedure
    .meta({
      permission: "appointments:write",
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "DELETE",
        "/appointments/{id}",
        "Delete an appointment",
        "Only requested or cancelled ones (409 ILLEGAL_TRANSITION otherwise: cancel a confirmed one, completed and no-show ones are history); its reminders and history go with it.",
      ),
    })
    .input(idInput("Appointment"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, deleteAppointment(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
