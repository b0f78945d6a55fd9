import { tz } from "@date-fns/tz";
import type { Executor } from "@fotostudio/db";
import { addDays, differenceInCalendarDays, format, parseISO } from "date-fns";
import { readSettings } from "../../config/settings.service.js";

/** Today in the studio's calendar (YYYY-MM-DD): in Lima, 22:00 on the 28th is still the 28th. */
export async function studioToday(db: Executor, now = new Date()): Promise<string> {
  const { timeZone } = await readSettings(db, "system");
  return format(now, "yyyy-MM-dd", { in: tz(timeZone) });
}

// Calendar days between plain dates: no time of day and no zone in them, so none can shift them.
export const daysBetween = (from: string, to: string): number => differenceInCalendarDays(parseISO(to), parseISO(from));

export const plusDays = (day: string, days: number): string => format(addDays(parseISO(day), days), "yyyy-MM-dd");
