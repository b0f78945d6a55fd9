import { createTestLayer } from "@fotostudio/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bucketExpr,
  bucketsOf,
  changePercent,
  localDay,
  offsetsOver,
  percentOf,
  periodInput,
  previousPeriod,
  resolvePeriod,
  sameLastYear,
  seriesInput,
  weekStart,
} from "./periods.js";
import { span } from "./studio-days.js";

const LIMA = "America/Lima";
// 2026-12-01 02:00 UTC is still 30 November in Lima (21:00).
const lateNovemberInLima = new Date("2026-12-01T02:00:00Z");

describe("periods", () => {
  it("this month is the studio's month: at 21:00 on 30 November in Lima it is November", () => {
    const p = resolvePeriod({ period: "month" }, LIMA, lateNovemberInLima);
    expect([p.from, p.to]).toEqual(["2026-11-01", "2026-11-30"]);
    expect(p.start.toISOString()).toBe("2026-11-01T05:00:00.000Z"); // Lima midnight, not UTC's
    expect(p.end.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(resolvePeriod({}, "UTC", lateNovemberInLima).from).toBe("2026-12-01");
  });

  it("each kind is its whole calendar unit; the previous one is the unit before", () => {
    const now = new Date("2026-02-18T15:00:00Z"); // a Wednesday
    const range = (kind: "today" | "week" | "month" | "quarter" | "year") => {
      const p = resolvePeriod({ period: kind }, LIMA, now);
      const prev = previousPeriod(p);
      return [p.from, p.to, prev.from, prev.to];
    };
    expect(range("today")).toEqual(["2026-02-18", "2026-02-18", "2026-02-17", "2026-02-17"]);
    expect(range("week")).toEqual(["2026-02-16", "2026-02-22", "2026-02-09", "2026-02-15"]);
    expect(range("month")).toEqual(["2026-02-01", "2026-02-28", "2026-01-01", "2026-01-31"]);
    expect(range("quarter")).toEqual(["2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31"]);
    expect(range("year")).toEqual(["2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31"]);
    expect(resolvePeriod({ period: "month" }, LIMA, new Date("2028-02-10T12:00:00Z")).to).toBe("2028-02-29");
  });

  it("a custom range compares with as many days just before, and with the same days last year", () => {
    const p = resolvePeriod({ from: "2026-03-10", to: "2026-03-19" }, LIMA);
    expect(p.kind).toBe("custom");
    const prev = previousPeriod(p);
    expect([prev.from, prev.to]).toEqual(["2026-02-28", "2026-03-09"]);
    const last = sameLastYear(p);
    expect([last.from, last.to]).toEqual(["2025-03-10", "2025-03-19"]);
    const leapMonth = sameLastYear(resolvePeriod({ from: "2028-02-29", to: "2028-02-29" }, LIMA));
    expect(leapMonth.from).toBe("2027-02-28");
    const month = sameLastYear(resolvePeriod({ period: "month" }, LIMA, new Date("2028-02-10T12:00:00Z")));
    expect([month.from, month.to]).toEqual(["2027-02-01", "2027-02-28"]);
  });

  it("refuses from after to, half a range and a period with a range", () => {
    const problems = (input: unknown) =>
      periodInput.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(problems({ from: "2026-03-10", to: "2026-03-01" })).toEqual(["to: `to` must not be before `from`"]);
    expect(problems({ from: "2026-03-10" })).toEqual(["to: from and to go together"]);
    expect(problems({ period: "month", from: "2026-03-01", to: "2026-03-10" })).toEqual([
      "period: give a period or from/to, not both",
    ]);
    expect(problems({ period: "custom" })).toEqual(["from: a custom period needs from and to"]);
    expect(problems({ from: "2000-01-01", to: "2026-01-01" })[0]).toMatch(/at most 3660 days/);
    expect(problems({ period: "custom", from: "2026-03-01", to: "2026-03-10" })).toEqual([]);
    expect(seriesInput.parse({ period: "year" }).groupBy).toBe("month");
  });

  it("lists every bucket of a period, weeks from Monday", () => {
    expect(weekStart("2026-12-06")).toBe("2026-11-30"); // a Sunday
    expect(weekStart("2026-11-30")).toBe("2026-11-30");
    const q = resolvePeriod({ period: "quarter" }, LIMA, new Date("2026-05-05T12:00:00Z"));
    expect(bucketsOf(q, "month")).toEqual(["2026-04", "2026-05", "2026-06"]);
    const days = resolvePeriod({ from: "2026-02-27", to: "2026-03-02" }, LIMA);
    expect(bucketsOf(days, "day")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(bucketsOf(days, "week")).toEqual(["2026-02-23", "2026-03-02"]);
  });

  it("finds a zone's offset changes to the minute", () => {
    const year = span("2026-01-01", "2026-12-31", "Europe/Madrid");
    const segments = offsetsOver(year.start, year.end, "Europe/Madrid");
    expect(segments.map((s) => [s.from.toISOString(), s.offset])).toEqual([
      ["2025-12-31T23:00:00.000Z", 60],
      ["2026-03-29T01:00:00.000Z", 120],
      ["2026-10-25T01:00:00.000Z", 60],
    ]);
    expect(offsetsOver(year.start, year.end, LIMA)).toHaveLength(1);
  });

  it("percentages with two decimals, null over zero", () => {
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(5, 0)).toBeNull();
    expect(changePercent(150, 100)).toBe(50);
    expect(changePercent(50, 100)).toBe(-50);
    expect(changePercent(10, 0)).toBeNull();
  });
});

describe("the studio's day in SQL", () => {
  let layer: Awaited<ReturnType<typeof createTestLayer>>;
  beforeAll(async () => {
    layer = await createTestLayer();
  });
  afterAll(() => layer.close());

  const ask = async (query: ReturnType<typeof sql>) => {
    const [rows] = (await layer.control.execute(query)) as unknown as [Record<string, unknown>[]];
    return rows[0];
  };

  it("MariaDB puts an instant on the studio's day and bucket, across a DST change", async () => {
    const madrid = resolvePeriod({ from: "2026-10-01", to: "2026-11-30" }, "Europe/Madrid");
    const at = (iso: string) => new Date(iso);
    const cases: [string, string, string][] = [
      // 23:30 UTC on 24 October is 01:30 on the 25th in Madrid (summer time, UTC+2)
      ["2026-10-24T23:30:00Z", "2026-10-25", "2026-10-19"],
      // 23:30 UTC on 25 October is 00:30 on the 26th (winter time, UTC+1): a Monday
      ["2026-10-25T23:30:00Z", "2026-10-26", "2026-10-26"],
      ["2026-10-25T22:30:00Z", "2026-10-25", "2026-10-19"],
    ];
    for (const [instant, day, week] of cases) {
      const value = sql`${at(instant)}`;
      const row = await ask(
        sql`select date_format(${localDay(value, madrid)}, '%Y-%m-%d') as d, ${bucketExpr(value, madrid, "week")} as w, ${bucketExpr(value, madrid, "month")} as m`,
      );
      expect([row?.d, row?.w, row?.m]).toEqual([day, week, day.slice(0, 7)]);
    }
    const lima = resolvePeriod({ period: "month" }, LIMA, lateNovemberInLima);
    const row = await ask(sql`select ${bucketExpr(sql`${lateNovemberInLima}`, lima, "day")} as d`);
    expect(row?.d).toBe("2026-11-30");
  });
});
