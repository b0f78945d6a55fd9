import { appointments, type Executor } from "@fotostudio/db";
import { and, asc, eq, ne } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { addDays, dayOf, daysBetween, studioZone, todayIn } from "../../../shared/studio-days.js";
import type { Appointment } from "../appointments.schema.js";
import { type Calendar, type CalendarInput, DEFAULT_CALENDAR_DAYS, MAX_CALENDAR_DAYS } from "../calendar.schema.js";
import { selectAppointments, startsWithin } from "./read.js";
import { checkDays } from "./schedule.js";

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path, message, code: "custom" }] });

/** The days asked for: one `date`, or from..to, by default today and the six days after it. */
function range(input: CalendarInput, zone: string): { from: string; to: string } {
  checkDays({ from: input.from, to: input.to, date: input.date });
  if (input.date && (input.from || input.to)) throw invalid("date", "give either date or from/to, not both");
  if (input.date) return { from: input.date, to: input.date };
  const from = input.from ?? (input.to ? addDays(input.to, 1 - DEFAULT_CALENDAR_DAYS) : todayIn(zone));
  const to = input.to ?? addDays(from, DEFAULT_CALENDAR_DAYS - 1);
  if (to < from) throw invalid("to", "`to` must not be before `from`");
  if (daysBetween(from, to) + 1 > MAX_CALENDAR_DAYS) throw invalid("to", `at most ${MAX_CALENDAR_DAYS} days at a time`);
  return { from, to };
}

/**
 * The agenda by the studio's days: every day of the range (empty ones too), each with the
 * appointments that start on it in the studio's time zone, by start.
 */
export async function calendar(db: Executor, input: CalendarInput): Promise<Calendar> {
  const timeZone = await studioZone(db);
  const { from, to } = range(input, timeZone);
  const rows = await selectAppointments(db)
    .where(
      and(
        ...startsWithin(timeZone, from, to),
        input.resource !== undefined ? eq(appointments.resourceId, input.resource) : undefined,
        input.includeCancelled ? undefined : ne(appointments.status, "cancelled"),
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  const days = new Map<string, Appointment[]>();
  for (let day = from; day <= to; day = addDays(day, 1)) days.set(day, []);
  for (const row of rows) days.get(dayOf(row.startsAt, timeZone))?.push(row);
  return { from, to, timeZone, days: [...days].map(([date, list]) => ({ date, appointments: list })) };
}
