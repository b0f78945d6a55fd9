import { z } from "zod";
import { date, flag, id } from "../../shared/fields.js";
import { appointmentOutput } from "./appointments.schema.js";

export const DEFAULT_CALENDAR_DAYS = 7;
export const MAX_CALENDAR_DAYS = 62;

export const calendarInput = z.object({
  from: date("First day; default today").optional(),
  to: date(
    `Last day, included; default ${DEFAULT_CALENDAR_DAYS} days from the first; at most ${MAX_CALENDAR_DAYS} days`,
  ).optional(),
  date: date("One day only (instead of from and to)").optional(),
  resource: id("Only this resource's appointments").optional(),
  includeCancelled: flag.describe("Show cancelled appointments too (default false)").optional(),
});
export type CalendarInput = z.infer<typeof calendarInput>;

export const calendarOutput = z
  .object({
    from: z.string().describe("First day (YYYY-MM-DD)").meta({ example: "2026-12-01" }),
    to: z.string().describe("Last day, included (YYYY-MM-DD)").meta({ example: "2026-12-07" }),
    timeZone: z.string().describe("The studio's time zone the days are in").meta({ example: "America/Lima" }),
    days: z
      .array(
        z.object({
          date: z.string().describe("The day (YYYY-MM-DD)").meta({ example: "2026-12-03" }),
          appointments: z.array(appointmentOutput).describe("Those starting that day, by start"),
        }),
      )
      .describe("Every day of the range, empty ones too"),
  })
  .meta({ id: "AppointmentCalendar" });
export type Calendar = z.infer<typeof calendarOutput>;
