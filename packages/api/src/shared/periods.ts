import { TZDate } from "@date-fns/tz";
import { type Column, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { date } from "./fields.js";
import { addDays, daysBetween, span, todayIn } from "./studio-days.js";

// Report periods in the studio's calendar. A period is a run of whole days in the studio's time
// zone, [start of `from`, start of the day after `to`) as instants; `today`, `week` (ISO, Monday
// first), `month`, `quarter` and `year` are the calendar unit that contains today — the whole
// unit, so "this month" is the 1st to the last day and the previous period is last month.
// Custom ranges (`from`/`to`) compare with the same number of days just before them.
//
// Series group by the studio's day, week or month in SQL. MariaDB's CONVERT_TZ needs the server's
// time-zone tables, which a managed server may lack, so the local day of a UTC column is computed
// from the zone's UTC offsets over the period (one offset in Lima; two around a DST change):
// DATE(column + INTERVAL offset MINUTE), the offset picked by a CASE on the transition instants.

export const periodKinds = ["today", "week", "month", "quarter", "year"] as const;
export type PeriodKind = (typeof periodKinds)[number];
export const groupings = ["day", "week", "month"] as const;
export type Grouping = (typeof groupings)[number];

/** The longest custom range: ten years of days (a longer one is a 400). */
export const MAX_PERIOD_DAYS = 3660;

const periodFields = {
  period: z
    .enum([...periodKinds, "custom"])
    .optional()
    .describe("today, week, month (default), quarter or year, in the studio's calendar; custom with from/to"),
  from: date("First day of a custom period").optional(),
  to: date("Last day of a custom period").optional(),
};

// Generic shapes lose the period fields' types inside zod's inference: the checks read them as these.
type PeriodFields = { period?: string; from?: string; to?: string };

function checkPeriod(input: PeriodFields, ctx: Pick<z.RefinementCtx, "addIssue">) {
  const custom = input.from !== undefined || input.to !== undefined;
  if (custom && input.period !== undefined && input.period !== "custom") {
    ctx.addIssue({ code: "custom", path: ["period"], message: "give a period or from/to, not both" });
  }
  if (input.period === "custom" && !custom) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "a custom period needs from and to" });
  }
  if (custom && (input.from === undefined || input.to === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [input.from === undefined ? "from" : "to"],
      message: "from and to go together",
    });
  }
  if (input.from && input.to) {
    if (input.from > input.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "`to` must not be before `from`" });
    else if (daysBetween(input.from, input.to) >= MAX_PERIOD_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `a period spans at most ${MAX_PERIOD_DAYS} days` });
    }
  }
}

/** A report's period: `period=month` (the default) or `from`/`to` days; 400 when `from > to`. */
export const periodInput = z.object(periodFields).superRefine(checkPeriod);
export type PeriodInput = z.infer<typeof periodInput>;

const groupByField = z.enum(groupings).default("month").describe("The series' step: day, week (from Monday) or month");

/** A period and the step of its series (`groupBy`, month by default). */
export const seriesInput = z.object({ ...periodFields, groupBy: groupByField }).superRefine(checkPeriod);
export type SeriesInput = z.infer<typeof seriesInput>;

/** A period input with a module's own filters, keeping the period's checks. */
export const withPeriod = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...periodFields, ...shape }).superRefine((input, ctx) => checkPeriod(input as PeriodFields, ctx));

/** A series input (period and groupBy) with a module's own filters. */
export const withSeries = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...periodFields, groupBy: groupByField, ...shape })
    .superRefine((input, ctx) => checkPeriod(input as PeriodFields, ctx));

export const periodOutput = z
  .object({
    kind: z.enum([...periodKinds, "custom"]),
    from: z.string().describe("First day (YYYY-MM-DD, the studio's calendar)"),
    to: z.string().describe("Last day, included"),
    timeZone: z.string().describe("The studio's time zone the days are taken in"),
  })
  .meta({ id: "ReportPeriod" });

/** A resolved period: its days and the instants they span in the studio's zone. */
export interface Period {
  kind: PeriodKind | "custom";
  from: string;
  to: string;
  zone: string;
  /** The first instant of `from`. */
  start: Date;
  /** The first instant after `to` (exclusive). */
  end: Date;
}

const make = (kind: Period["kind"], from: string, to: string, zone: string): Period => ({
  kind,
  from,
  to,
  zone,
  ...span(from, to, zone),
});

const parts = (day: string) => day.split("-").map(Number) as [number, number, number];
const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
/** Midnight UTC of a calendar date (setUTCFullYear: Date.UTC reads years 0–99 as 19xx). */
function utc(y: number, m: number, d: number): Date {
  const value = new Date(0);
  value.setUTCFullYear(y, m - 1, d);
  return value;
}
/** Days in month `m` (1–12) of year `y`: day 0 of the next month. */
const monthDays = (y: number, m: number) => utc(y, m + 1, 0).getUTCDate();

/** Monday of the ISO week `day` falls in. */
export function weekStart(day: string): string {
  const weekday = (utc(...parts(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The first and last day of the calendar unit of `kind` that contains `day`. */
function unitOf(kind: PeriodKind, day: string): { from: string; to: string } {
  const [y, m] = parts(day);
  switch (kind) {
    case "today":
      return { from: day, to: day };
    case "week": {
      const from = weekStart(day);
      return { from, to: addDays(from, 6) };
    }
    case "month":
      return { from: ymd(y, m, 1), to: ymd(y, m, monthDays(y, m)) };
    case "quarter": {
      const first = m - ((m - 1) % 3);
      return { from: ymd(y, first, 1), to: ymd(y, first + 2, monthDays(y, first + 2)) };
    }
    case "year":
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  }
}

/** The period an input names, in the studio's zone; `now` decides what "this month" is. */
export function resolvePeriod(input: PeriodInput, zone: string, now = new Date()): Period {
  if (input.from !== undefined && input.to !== undefined) return make("custom", input.from, input.to, zone);
  const kind = input.period && input.period !== "custom" ? input.period : "month";
  const { from, to } = unitOf(kind, todayIn(zone, now));
  return make(kind, from, to, zone);
}

/** The period just before: the previous calendar unit, or as many days just before a custom range. */
export function previousPeriod(p: Period): Period {
  if (p.kind === "custom") {
    const length = daysBetween(p.from, p.to) + 1;
    return make("custom", addDays(p.from, -length), addDays(p.from, -1), p.zone);
  }
  const { from, to } = unitOf(p.kind, addDays(p.from, -1));
  return make(p.kind, from, to, p.zone);
}

/** Shift a day by whole years; 29 February becomes the 28th in a common year. */
function shiftYears(day: string, years: number): string {
  const [y, m, d] = parts(day);
  return ymd(y + years, m, Math.min(d, monthDays(y + years, m)));
}

/** The same days one year earlier (this month → the same month last year). */
export function sameLastYear(p: Period): Period {
  if (p.kind === "month" || p.kind === "quarter" || p.kind === "year") {
    const { from, to } = unitOf(p.kind, shiftYears(p.from, -1));
    return make(p.kind, from, to, p.zone);
  }
  if (p.kind === "week") {
    // The ISO week containing the same date last year.
    const { from, to } = unitOf("week", shiftYears(p.from, -1));
    return make("week", from, to, p.zone);
  }
  return make(p.kind, shiftYears(p.from, -1), shiftYears(p.to, -1), p.zone);
}

/** The API's view of a period. */
export const periodView = (p: Period) => ({ kind: p.kind, from: p.from, to: p.to, timeZone: p.zone });

/** A series bucket's key: the day (YYYY-MM-DD), the week's Monday (YYYY-MM-DD) or the month (YYYY-MM). */
export function bucketOf(day: string, groupBy: Grouping): string {
  if (groupBy === "day") return day;
  if (groupBy === "week") return weekStart(day);
  return day.slice(0, 7);
}

/** Every bucket of the period in order, so a series has a point (zero) where nothing happened. */
export function bucketsOf(p: Period, groupBy: Grouping): string[] {
  const keys: string[] = [];
  for (let day = p.from; day <= p.to; day = addDays(day, 1)) {
    const key = bucketOf(day, groupBy);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}

/** Fill a series over every bucket: the rows' values by key, `zero` where a bucket has none. */
export function fillSeries<T>(p: Period, groupBy: Grouping, rows: ReadonlyMap<string, T>, zero: T) {
  return bucketsOf(p, groupBy).map((period) => ({ period, value: rows.get(period) ?? zero }));
}

// ---------------------------------------------------------------------------------------------
// The studio's day in SQL

/** The zone's UTC offset at an instant, in minutes east of UTC (Lima: −300). */
export function offsetAt(instant: Date, zone: string): number {
  return -new TZDate(+instant, zone).getTimezoneOffset();
}

/** The offsets in force over [start, end): each from its instant (the first from `start`). */
export function offsetsOver(start: Date, end: Date, zone: string): { from: Date; offset: number }[] {
  const segments = [{ from: start, offset: offsetAt(start, zone) }];
  // Zones change offset at most a few times a year and never twice within a day: test each day's
  // end, and find a change to the minute by bisection.
  for (let t = +start; t < +end; t += 86_400_000) {
    const next = Math.min(t + 86_400_000, +end);
    const before = segments[segments.length - 1]?.offset as number;
    if (offsetAt(new Date(next), zone) === before) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(new Date(mid), zone) === before) lo = mid;
      else hi = mid;
    }
    segments.push({ from: new Date(hi), offset: offsetAt(new Date(hi), zone) });
  }
  return segments;
}

/**
 * The studio-local calendar day (a SQL DATE) of a UTC datetime column, exact for instants in the
 * period (and a day either side). Parameters only: the offsets and instants are bound values.
 */
export function localDay(column: Column | SQL, p: Pick<Period, "start" | "end" | "zone">): SQL {
  const segments = offsetsOver(new Date(+p.start - 86_400_000), new Date(+p.end + 86_400_000), p.zone);
  const [first, ...rest] = segments;
  if (!first || rest.length === 0) return sql`date(date_add(${column}, interval ${first?.offset ?? 0} minute))`;
  const cases = sql.join(
    segments.slice(0, -1).map((s, i) => sql`when ${column} < ${segments[i + 1]?.from} then ${s.offset}`),
    sql` `,
  );
  return sql`date(date_add(${column}, interval case ${cases} else ${segments[segments.length - 1]?.offset} end minute))`;
}

/**
 * A series bucket of a UTC datetime column in the studio's calendar, as `bucketOf` names it, for
 * select lists: alias it (`.as("bucket")`) and group by the alias (`groupByBucket`), since the
 * bound parameters make two copies of the expression different to ONLY_FULL_GROUP_BY.
 */
export function bucketExpr(column: Column | SQL, p: Period, groupBy: Grouping): SQL<string> {
  const day = localDay(column, p);
  if (groupBy === "day") return sql<string>`date_format(${day}, '%Y-%m-%d')`;
  if (groupBy === "month") return sql<string>`date_format(${day}, '%Y-%m')`;
  return sql<string>`date_format(date_sub(${day}, interval weekday(${day}) day), '%Y-%m-%d')`;
}

/** `GROUP BY bucket`, the alias `bucketExpr` is selected as. */
export const groupByBucket = sql`${sql.identifier("bucket")}`;

/** A datetime column within the period: start ≤ column < end (the index's range). */
export const within = (column: Column, p: Pick<Period, "start" | "end">): SQL =>
  sql`${column} >= ${p.start} and ${column} < ${p.end}`;

/** part ÷ whole as a percent with two decimals (12.34), or null when the whole is zero. */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 10_000) / 100;
}

/** The change from `previous` to `current` in percent (two decimals), null when previous is zero. */
export const changePercent = (current: number, previous: number): number | null =>
  percentOf(current - previous, Math.abs(previous));
