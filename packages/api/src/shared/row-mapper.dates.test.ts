import { MySqlDateTime } from "drizzle-orm/mysql-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateTimeOf } from "./row-mapper.js";

// The compiled row mapper decodes DATETIME text itself: the same instant as Drizzle's decoder for
// whatever MariaDB (or anything else) sends.
const drizzle = (text: string): Date => MySqlDateTime.prototype.mapFromDriverValue.call(null, text);
const timeOf = (date: Date) => date.getTime(); // NaN for an invalid date: Object.is compares it
const same = (text: string): void => {
  expect(timeOf(dateTimeOf(text)), text).toBe(timeOf(drizzle(text)));
};

/** MariaDB's text for a DATETIME(fsp): "YYYY-MM-DD HH:MM:SS" and fsp fraction digits. */
const mariadbText = (date: Date, fsp: number) => {
  const iso = date.toISOString(); // years 0000-9999 here
  const micros = `${iso.slice(20, 23)}${String(date.getTime() % 7).repeat(3)}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fsp ? `.${micros.slice(0, fsp)}` : ""}`;
};
const instant = fc.date({
  min: new Date("0000-01-01T00:00:00Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

describe("DATETIME text to a Date", () => {
  it("is Drizzle's instant for MariaDB's text at every precision", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 6 }), (date, fsp) => same(mariadbText(date, fsp))),
      { numRuns: 5000 },
    );
    same("2026-12-01 15:04:05.678");
    expect(dateTimeOf("2026-12-01 15:04:05.678").toISOString()).toBe("2026-12-01T15:04:05.678Z");
  });

  it("is Drizzle's answer for text that only looks like it", () => {
    const near = fc
      .tuple(
        instant,
        fc.integer({ min: 0, max: 6 }),
        fc.nat({ max: 25 }),
        fc.constantFrom("x", "-", ":", ".", " ", "/", "", "99", ..."0123456789"),
      )
      .map(([date, fsp, at, char]) => {
        const text = mariadbText(date, fsp);
        return text.slice(0, at) + char + text.slice(at + 1);
      });
    fc.assert(fc.property(near, same), { numRuns: 5000 });
    for (const text of [
      "0000-00-00 00:00:00",
      "2026-02-30 10:00:00",
      "2026-12-01 24:00:00",
      "2026-12-01 24:30:00",
      "2026/12/01 15:04:05",
      "2026-12-01 15:04:05.",
      "2026-12-01T15:04:05",
      "2026-12-01 15:04:60",
      "",
    ]) {
      same(text);
    }
  });
});
