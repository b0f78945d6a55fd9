import { describe, expect, it } from "vitest";
import { msToMidnight } from "../vitest/studio-midnight.js";

// The test harness's guard (tooling/vitest/wait-out-midnight.ts) waits when a file would start
// within 90 s of midnight in Lima: it must know how far that midnight is.
describe("msToMidnight", () => {
  it("counts to the next midnight in the zone, not in UTC", () => {
    expect(msToMidnight(new Date("2026-12-05T04:59:00.000Z"), "America/Lima")).toBe(60_000);
    expect(msToMidnight(new Date("2026-12-05T04:58:30.250Z"), "America/Lima")).toBe(89_750);
    // Just past midnight in Lima: a whole day to go, though UTC is at 05:00.
    expect(msToMidnight(new Date("2026-12-05T05:00:00.000Z"), "America/Lima")).toBe(86_400_000);
    expect(msToMidnight(new Date("2026-12-05T23:59:59.000Z"), "UTC")).toBe(1_000);
    expect(msToMidnight(new Date("2026-12-05T14:30:00.000Z"), "Asia/Tokyo")).toBe(30 * 60_000);
  });
});
