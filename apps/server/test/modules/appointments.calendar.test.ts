import { settings } from "@fotostudio/db";
import { describe, expect } from "vitest";
import { type Http, type StudioTenant, studioTest } from "../support/studio.js";

// GET /appointments/calendar: the appointments grouped by the day they start on in the studio's
// time zone (America/Lima unless the studio says otherwise), every day of the range present.
// The time zone is set in the database behind the app's back: the app's settings cache is off here
// (a change through the API is seen at once: settings.cache.test.ts).
const it = studioTest({ env: { SESSION_CACHE_SECONDS: "0" } });

let serial = 0;

async function newResource(call: Http) {
  const res = await call("POST", "/api/appointments/resources/", {
    body: { name: `Cal ${++serial}`, kind: "photographer" },
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

async function book(call: Http, resourceId: number, startsAt: string, minutes = 60, title = startsAt) {
  const endsAt = new Date(Date.parse(startsAt) + minutes * 60_000).toISOString();
  const res = await call("POST", "/api/appointments/", {
    body: { type: "session", title, resourceId, startsAt, endsAt },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

type Day = { date: string; appointments: { id: number }[] };
const byDay = (days: Day[]) => Object.fromEntries(days.map((d) => [d.date, d.appointments.map((a) => a.id)]));

/** Sets the studio's time zone in its system settings (what PUT /config/system stores). */
async function setTimeZone(studio: StudioTenant, timeZone: string) {
  await studio.db
    .insert(settings)
    .values({ group: "system", value: { timeZone } })
    .onDuplicateKeyUpdate({ set: { value: { timeZone } } });
}

describe("the calendar", () => {
  it("an appointment at 23:30 in Lima on Dec 3 (04:30Z on Dec 4) is under 2026-12-03", async ({ studio }) => {
    const call = studio.owner.http;
    const resource = await newResource(call);
    const late = await book(call, resource, "2026-12-04T04:30:00.000Z");
    const early = await book(call, resource, "2026-12-03T05:00:00.000Z"); // 00:00 in Lima: the 3rd's first minute
    const before = await book(call, resource, "2026-12-03T04:59:00.000Z", 1); // 23:59 on the 2nd in Lima

    const day = await call("GET", `/api/appointments/calendar/?date=2026-12-03&resource=${resource}`);
    expect(day.status, JSON.stringify(day.body)).toBe(200);
    expect(day.body).toMatchObject({ from: "2026-12-03", to: "2026-12-03", timeZone: "America/Lima" });
    expect(byDay(day.body.days)).toEqual({ "2026-12-03": [early, late] });
    expect(day.body.days[0].appointments[1]).toMatchObject({
      startsAt: "2026-12-04T04:30:00.000Z",
      status: "requested",
    });
    expect(
      byDay((await call("GET", `/api/appointments/calendar?date=2026-12-02&resource=${resource}`)).body.days),
    ).toEqual({
      "2026-12-02": [before],
    });
    expect(
      byDay((await call("GET", `/api/appointments/calendar/?date=2026-12-04&resource=${resource}`)).body.days),
    ).toEqual({ "2026-12-04": [] });
  });

  it("from..to gives every day, empty ones too, each sorted by start; cancelled ones only when asked", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const resource = await newResource(call);
    const second = await book(call, resource, "2027-01-05T20:00:00.000Z");
    const first = await book(call, resource, "2027-01-05T14:00:00.000Z");
    const other = await book(call, resource, "2027-01-09T15:00:00.000Z");
    const off = await book(call, resource, "2027-01-06T15:00:00.000Z");
    await call("POST", `/api/appointments/${off}/transition/`, { body: { to: "cancelled" } });

    const week = await call("GET", `/api/appointments/calendar/?from=2027-01-04&to=2027-01-10&resource=${resource}`);
    expect(byDay(week.body.days)).toEqual({
      "2027-01-04": [],
      "2027-01-05": [first, second],
      "2027-01-06": [],
      "2027-01-07": [],
      "2027-01-08": [],
      "2027-01-09": [other],
      "2027-01-10": [],
    });
    const all = await call(
      "GET",
      `/api/appointments/calendar/?from=2027-01-06&to=2027-01-06&resource=${resource}&includeCancelled=true`,
    );
    expect(byDay(all.body.days)).toEqual({ "2027-01-06": [off] });
    const notAsked = `/api/appointments/calendar/?from=2027-01-06&to=2027-01-06&resource=${resource}&includeCancelled=false`;
    expect(byDay((await call("GET", notAsked)).body.days)).toEqual({ "2027-01-06": [] });

    // Without `resource`, every resource's appointments.
    const everyone = await call("GET", "/api/appointments/calendar/?date=2027-01-05");
    expect(byDay(everyone.body.days)["2027-01-05"]).toEqual(expect.arrayContaining([first, second]));
  });

  it("by default today in the studio's zone and the six days after it; `to` alone ends the week", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date());
    const res = await call("GET", "/api/appointments/calendar/");
    expect(res.status).toBe(200);
    expect(res.body.from).toBe(today);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.days[0].date).toBe(today);
    const ending = await call("GET", "/api/appointments/calendar/?to=2027-01-10");
    expect(ending.body).toMatchObject({ from: "2027-01-04", to: "2027-01-10" });
    const starting = await call("GET", "/api/appointments/calendar/?from=2027-02-26");
    expect(starting.body).toMatchObject({ from: "2027-02-26", to: "2027-03-04" });
    expect(starting.body.days.map((d: Day) => d.date)).toEqual([
      "2027-02-26",
      "2027-02-27",
      "2027-02-28",
      "2027-03-01",
      "2027-03-02",
      "2027-03-03",
      "2027-03-04",
    ]);
  });

  it("refuses more than 62 days, a backwards range, date with from/to, and bad days (400 on the field)", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    expect((await call("GET", "/api/appointments/calendar/?from=2027-01-01&to=2027-03-03")).status).toBe(200);
    for (const [query, field] of [
      ["from=2027-01-01&to=2027-03-04", "to"],
      ["from=2027-01-10&to=2027-01-09", "to"],
      ["date=2027-01-10&from=2027-01-09", "date"],
      ["date=2027-02-30", "date"],
      ["from=tomorrow", "from"],
      ["resource=abc", "resource"],
      ["includeCancelled=yes", "includeCancelled"],
      ["date=9999-12-31", "date"],
      ["from=0001-01-01&to=0001-01-05", "from"],
    ] as const) {
      const res = await call("GET", `/api/appointments/calendar/?${query}`);
      expect([res.status, res.body.code], query).toEqual([400, "VALIDATION_ERROR"]);
      expect(
        res.body.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain(field);
    }
  });

  it("over the SDK: Dates, the same grouping", async ({ studio }) => {
    const call = studio.owner.http;
    const resource = await newResource(call);
    const id = await book(call, resource, "2026-12-04T04:30:00.000Z");
    const cal = await studio.owner.sdk.appointments.calendar.query({ date: "2026-12-03", resource });
    expect(cal.days).toHaveLength(1);
    expect(cal.days[0]?.appointments.map((a) => a.id)).toEqual([id]);
    expect(cal.days[0]?.appointments[0]?.startsAt).toEqual(new Date("2026-12-04T04:30:00.000Z"));
  });

  it("follows the studio's time zone when it changes (and DST where the zone has it)", async ({ studio }) => {
    const call = studio.owner.http;
    const resource = await newResource(call);
    const id = await book(call, resource, "2026-12-04T04:30:00.000Z");
    const dayOf = async () => {
      const res = await call("GET", `/api/appointments/calendar/?from=2026-12-03&to=2026-12-04&resource=${resource}`);
      return { timeZone: res.body.timeZone, days: byDay(res.body.days) };
    };
    expect(await dayOf()).toEqual({ timeZone: "America/Lima", days: { "2026-12-03": [id], "2026-12-04": [] } });
    try {
      await setTimeZone(studio, "Asia/Tokyo");
      expect(await dayOf()).toEqual({ timeZone: "Asia/Tokyo", days: { "2026-12-03": [], "2026-12-04": [id] } });
      // The list's day filters follow it too.
      const listed = await call("GET", `/api/appointments/?resourceId=${resource}&from=2026-12-04&to=2026-12-04`);
      expect(listed.body.count).toBe(1);

      // New York leaves DST on 2026-11-01 (a 25-hour day): 23:30 that night is 04:30Z on the 2nd.
      await setTimeZone(studio, "America/New_York");
      const lastMinute = await book(call, resource, "2026-11-02T04:30:00.000Z", 30);
      const firstMinute = await book(call, resource, "2026-11-01T04:00:00.000Z", 30); // 00:00 EDT
      const eve = await book(call, resource, "2026-11-01T03:59:00.000Z", 1); // 23:59 EDT on Oct 31
      const ny = await call("GET", `/api/appointments/calendar/?from=2026-10-31&to=2026-11-02&resource=${resource}`);
      expect(byDay(ny.body.days)).toEqual({
        "2026-10-31": [eve],
        "2026-11-01": [firstMinute, lastMinute],
        "2026-11-02": [],
      });
    } finally {
      await setTimeZone(studio, "America/Lima");
    }
  });
});
