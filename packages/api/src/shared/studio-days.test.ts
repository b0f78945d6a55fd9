import { describe, expect, it } from "vitest";
import { addDays, dayOf, daysBetween, span, startOfDay, todayIn, yearIn } from "./studio-days.js";

describe("studio days", () => {
  it("an instant falls on the studio's day, not UTC's", () => {
    const lateInLima = new Date("2026-12-04T04:30:00Z"); // 23:30 on Dec 3 in Lima (UTC−5)
    expect(dayOf(lateInLima, "America/Lima")).toBe("2026-12-03");
    expect(dayOf(lateInLima, "UTC")).toBe("2026-12-04");
    expect(todayIn("America/Lima", lateInLima)).toBe("2026-12-03");
    expect(yearIn("America/Lima", new Date("2027-01-01T03:00:00Z"))).toBe(2026);
  });

  it("a day's bounds are taken in the zone, DST days included", () => {
    expect(startOfDay("2026-12-03", "America/Lima").toISOString()).toBe("2026-12-03T05:00:00.000Z");
    const autumn = span("2026-10-25", "2026-10-25", "Europe/Madrid"); // 25 hours: DST ends
    expect(autumn.start.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(autumn.end.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    const spring = span("2026-03-29", "2026-03-29", "Europe/Madrid"); // 23 hours: DST starts
    expect(+spring.end - +spring.start).toBe(23 * 3_600_000);
  });

  it("counts and adds calendar days over month and year ends", () => {
    expect(addDays("2026-12-28", 10)).toBe("2027-01-07");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-22", "2027-01-01")).toBe(10);
    expect(daysBetween("2026-12-02", "2026-12-02")).toBe(0);
    expect(daysBetween("2026-12-02", "2026-11-30")).toBe(-2);
    // Years under 100 stay themselves (Date.UTC would read 0001 as 1901).
    expect(addDays("0001-01-01", 1)).toBe("0001-01-02");
    expect(daysBetween("0099-12-31", "0100-01-01")).toBe(1);
  });
});
