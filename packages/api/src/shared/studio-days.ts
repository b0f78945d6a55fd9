import { TZDate, tz } from "@date-fns/tz";
import type { Executor } from "@fotostudio/db";
import { format } from "date-fns";
import { readSettings } from "../modules/config/settings.service.js";

// The studio's calendar (system.timeZone, America/Lima by default): days are YYYY-MM-DD strings
// in that zone, and a day's bounds are taken in the zone, so DST's 23- and 25-hour days come out
// right. Adding days is plain calendar arithmetic on the date, with no zone to shift it. Drizzle
// only ever gets plain Dates: a TZDate's toISOString carries an offset that MariaDB refuses.

const parts = (day: string) => day.split("-").map(Number) as [number, number, number];

/** The day an instant falls on in the zone. */
export const dayOf = (instant: Date, zone: string): string => format(instant, "yyyy-MM-dd", { in: tz(zone) });

/** Today in the zone. */
export const todayIn = (zone: string, now = new Date()): string => dayOf(now, zone);

/** The calendar year an instant falls in, in the zone (order numbers count per year). */
export const yearIn = (zone: string, now = new Date()): number => new TZDate(now, zone).getFullYear();

/** The first instant of a day in the zone. */
export function startOfDay(day: string, zone: string): Date {
  const [y, m, d] = parts(day);
  return new Date(+new TZDate(y, m - 1, d, zone));
}

/** Midnight UTC of a calendar date; setUTCFullYear, because Date.UTC reads years 0–99 as 19xx. */
function utc(y: number, m: number, d: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date;
}

/** The day `n` days after (or before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return utc(y, m, d + n)
    .toISOString()
    .slice(0, 10);
}

/** Days from `from` to `to` (0 for the same day; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((+utc(ty, tm, td) - +utc(fy, fm, fd)) / 86_400_000);
}

/** The instants of the days `from` … `to` (both included): [start of `from`, start of the day after `to`). */
export function span(from: string, to: string, zone: string): { start: Date; end: Date } {
  return { start: startOfDay(from, zone), end: startOfDay(addDays(to, 1), zone) };
}

/** The studio's time zone, from its system settings. */
export async function studioZone(db: Executor): Promise<string> {
  return (await readSettings(db, "system")).timeZone;
}

/** Today in the studio's calendar: in Lima, 22:00 on the 28th is still the 28th. */
export async function studioToday(db: Executor, now = new Date()): Promise<string> {
  return todayIn(await studioZone(db), now);
}
