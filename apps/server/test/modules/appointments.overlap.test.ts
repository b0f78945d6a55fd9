import { appointments } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type StudioUser, studioTest } from "../support/studio.js";

// No two active (requested or confirmed) appointments of one resource overlap (SPEC 6): slots are
// half-open, so back-to-back is fine; the check holds under a race of twenty bookings.
const it = studioTest();

const HOUR = 3_600_000;
let serial = 0;
/** The next whole hour when the file loads: every instant of the file counts from it. */
const BASE = Math.ceil(Date.now() / HOUR) * HOUR;
const at = (hours: number) => new Date(BASE + (96 + hours) * HOUR).toISOString();

async function resource(user: StudioUser) {
  const res = await user.http("POST", "/api/appointments/resources/", {
    body: { name: `Overlap room ${++serial}`, kind: "room" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const slot = (resourceId: number, from: number, to: number, extra: Record<string, unknown> = {}) => ({
  body: { type: "session", title: `Slot ${from}-${to}`, resourceId, startsAt: at(from), endsAt: at(to), ...extra },
});

describe("one resource, one appointment at a time", () => {
  it("a clash is 409 APPOINTMENT_OVERLAP naming it; back-to-back and another resource are fine", async ({ studio }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const other = await resource(studio.owner);
    const first = await call("POST", "/api/appointments/", slot(room, 2, 4));
    expect(first.status).toBe(201);

    for (const [from, to] of [
      [2, 4], // the same slot
      [1, 3], // over its start
      [3, 5], // over its end
      [2.5, 3.5], // inside it
      [1, 5], // around it
    ] as const) {
      const clash = await call("POST", "/api/appointments/", slot(room, from, to));
      expect([clash.status, clash.body.code], `${from}-${to}`).toEqual([409, "APPOINTMENT_OVERLAP"]);
      expect(clash.body.message).toContain(String(first.body.id));
    }
    expect((await call("POST", "/api/appointments/", slot(room, 0, 2))).status).toBe(201);
    expect((await call("POST", "/api/appointments/", slot(room, 4, 6))).status).toBe(201);
    expect((await call("POST", "/api/appointments/", slot(other, 2, 4))).status).toBe(201);
    expect((await call("GET", `/api/appointments/?resourceId=${room}`)).body.count).toBe(3);

    const sdkClash = await studio.owner.sdk.appointments.create
      .mutate({ type: "meeting", title: "x", resourceId: room, startsAt: new Date(at(3)), endsAt: new Date(at(3.5)) })
      .catch((e: unknown) => e);
    expect(errorCode(sdkClash)).toBe("APPOINTMENT_OVERLAP");
  });

  it("a cancelled appointment frees its slot; confirmed and requested hold it", async ({ studio }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const first = await call("POST", "/api/appointments/", slot(room, 10, 12));
    await call("POST", `/api/appointments/${first.body.id}/transition/`, { body: { to: "confirmed" } });
    expect((await call("POST", "/api/appointments/", slot(room, 11, 13))).status).toBe(409);
    await call("POST", `/api/appointments/${first.body.id}/transition/`, { body: { to: "cancelled" } });
    expect((await call("POST", "/api/appointments/", slot(room, 11, 13))).status).toBe(201);
  });

  it("rescheduling into a clash is 409 and changes nothing; moving within its own slot is fine", async ({ studio }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const elsewhere = await resource(studio.owner);
    const a = await call("POST", "/api/appointments/", slot(room, 20, 21));
    const b = await call("POST", "/api/appointments/", slot(room, 22, 23));
    const busy = await call("POST", "/api/appointments/", slot(elsewhere, 22, 23));
    expect([a.status, b.status, busy.status]).toEqual([201, 201, 201]);

    for (const body of [
      { startsAt: at(21.5), endsAt: at(22.5) },
      { endsAt: at(22.5) },
      { resourceId: elsewhere, startsAt: at(22), endsAt: at(23) },
    ]) {
      const moved = await call("PATCH", `/api/appointments/${a.body.id}/`, { body });
      expect([moved.status, moved.body.code], JSON.stringify(body)).toEqual([409, "APPOINTMENT_OVERLAP"]);
    }
    const put = await call("PUT", `/api/appointments/${a.body.id}/`, slot(room, 22, 23));
    expect(put.status).toBe(409);
    const unchanged = await call("GET", `/api/appointments/${a.body.id}/`);
    expect(unchanged.body).toMatchObject({ startsAt: at(20), endsAt: at(21), resourceId: room, history: [] });
    expect(unchanged.body.reminders).toEqual(a.body.reminders);

    // Overlapping only its own old slot is no clash.
    const shifted = await call("PATCH", `/api/appointments/${a.body.id}/`, {
      body: { startsAt: at(20.5), endsAt: at(22) },
    });
    expect(shifted.status, JSON.stringify(shifted.body)).toBe(200);
  });
});

describe("the race", () => {
  it("20 concurrent bookings of one slot: exactly one 201, nineteen 409 APPOINTMENT_OVERLAP, one row", async ({
    studio,
  }) => {
    const room = await resource(studio.owner);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        studio.owner.http("POST", "/api/appointments/", slot(room, 30, 31, { title: `Racer ${i}` })),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(
      statuses,
      JSON.stringify(results.filter((r) => r.status !== 409 && r.status !== 201).map((r) => r.body)),
    ).toEqual([201, ...Array(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === "APPOINTMENT_OVERLAP")).toBe(true);
    const rows = await studio.db.select().from(appointments).where(eq(appointments.resourceId, room));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(results.find((r) => r.status === 201)?.body.id);
  });

  it("reschedules race too: of 10 appointments moved at once into one slot, exactly one lands there", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const ids: number[] = [];
    for (let i = 0; i < 10; i++)
      ids.push((await call("POST", "/api/appointments/", slot(room, 50 + i, 50.5 + i))).body.id);
    const moves = await Promise.all(
      ids.map((id) => call("PATCH", `/api/appointments/${id}/`, { body: { startsAt: at(70), endsAt: at(71) } })),
    );
    expect(moves.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const rows = await studio.db.select().from(appointments).where(eq(appointments.resourceId, room));
    expect(rows.filter((r) => r.startsAt.toISOString() === at(70))).toHaveLength(1);
  });

  it("20 concurrent bookings of twenty different resources all get in (no lock spills over)", async ({ studio }) => {
    const rooms = await Promise.all(Array.from({ length: 20 }, () => resource(studio.owner)));
    const results = await Promise.all(
      rooms.map((room) => studio.owner.http("POST", "/api/appointments/", slot(room, 40, 41))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
  });
});
