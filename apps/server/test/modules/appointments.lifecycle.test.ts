import { appointmentChanges, appointmentReminders } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Http, studioTest } from "../support/studio.js";

// An appointment's life: the state machine of SPEC 6 (every pair of states), what each state lets
// you do, its reminders (default 24 h and 2 h before, custom, recomputed on reschedule, cancelled
// when it is off) and the rescheduling history its detail shows.
const it = studioTest();

const HOUR = 3_600_000;
const MINUTE = 60_000;
let serial = 0;
/** The next whole hour when the file loads: every instant of the file counts from it. */
const BASE = Math.ceil(Date.now() / HOUR) * HOUR;
const at = (hours: number) => new Date(BASE + hours * HOUR).toISOString();

const STATES = ["requested", "confirmed", "completed", "no_show", "cancelled"] as const;
type State = (typeof STATES)[number];
/** SPEC 6, written out here as the oracle: requested → confirmed → completed | no_show; requested|confirmed → cancelled. */
const EDGES: Record<State, State[]> = {
  requested: ["confirmed", "cancelled"],
  confirmed: ["completed", "no_show", "cancelled"],
  completed: [],
  no_show: [],
  cancelled: [],
};
/** How to reach each state from requested. */
const PATH: Record<State, State[]> = {
  requested: [],
  confirmed: ["confirmed"],
  completed: ["confirmed", "completed"],
  no_show: ["confirmed", "no_show"],
  cancelled: ["cancelled"],
};

async function newResource(call: Http) {
  const res = await call("POST", "/api/appointments/resources/", {
    body: { name: `Life ${++serial}`, kind: "equipment" },
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

/** A fresh appointment `hours` from now, in `state`. */
async function appointment(call: Http, state: State = "requested", hours = 100, extra: Record<string, unknown> = {}) {
  const resourceId = await newResource(call);
  const created = await call("POST", "/api/appointments/", {
    body: { type: "pickup", title: "Pick up frames", resourceId, startsAt: at(hours), endsAt: at(hours + 1), ...extra },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (const to of PATH[state]) {
    const moved = await call("POST", `/api/appointments/${created.body.id}/transition/`, { body: { to } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  return { id: created.body.id as number, resourceId, body: created.body };
}

const pairs = STATES.flatMap((from) => STATES.map((to) => [from, to, EDGES[from].includes(to)] as const));

describe("the appointment machine", () => {
  it.for(pairs)("%s → %s (legal: %s)", async ([from, to, legal], { studio }) => {
    const call = studio.owner.http;
    const { id } = await appointment(call, from);
    const before = (await call("GET", `/api/appointments/${id}/`)).body;
    const res = await call("POST", `/api/appointments/${id}/transition/`, { body: { to, reason: "Asked by phone" } });
    if (legal) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
      expect(res.body.cancelReason).toBe(to === "cancelled" ? "Asked by phone" : null);
    } else {
      expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([409, "ILLEGAL_TRANSITION"]);
      expect((await call("GET", `/api/appointments/${id}/`)).body).toEqual(before);
    }
  });

  it("completed, no-show and cancelled ones are read-only; only requested and cancelled ones can be deleted", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    for (const state of STATES) {
      const { id } = await appointment(call, state);
      const before = (await call("GET", `/api/appointments/${id}/`)).body;
      const patch = await call("PATCH", `/api/appointments/${id}/`, { body: { title: "Renamed" } });
      const open = state === "requested" || state === "confirmed";
      expect(patch.status, `${state}: ${JSON.stringify(patch.body)}`).toBe(open ? 200 : 409);
      if (!open) {
        expect(patch.body.code).toBe("ILLEGAL_TRANSITION");
        expect((await call("GET", `/api/appointments/${id}/`)).body).toEqual(before);
      }
      const deletable = state === "requested" || state === "cancelled";
      const del = await call("DELETE", `/api/appointments/${id}/`);
      expect([del.status, del.body.code], state).toEqual(deletable ? [200, undefined] : [409, "ILLEGAL_TRANSITION"]);
      expect((await call("GET", `/api/appointments/${id}/`)).status, state).toBe(deletable ? 404 : 200);
    }
  });
});

const offsetsOf = (body: { reminders: { offsetMinutes: number; status: string }[] }, status = "pending") =>
  body.reminders.filter((r) => r.status === status).map((r) => r.offsetMinutes);

describe("reminders", () => {
  it("default 24 h and 2 h before; custom offsets; none already past; [] for none", async ({ studio }) => {
    const call = studio.owner.http;
    const { id, body } = await appointment(call);
    expect(body.reminders).toEqual([
      { offsetMinutes: 1440, remindAt: at(100 - 24), status: "pending", sentAt: null },
      { offsetMinutes: 120, remindAt: at(98), status: "pending", sentAt: null },
    ]);
    const rows = await studio.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, id));
    expect(rows.map((r) => [r.offsetMinutes, r.remindAt.toISOString(), r.status])).toEqual([
      [1440, at(76), "pending"],
      [120, at(98), "pending"],
    ]);

    const custom = await appointment(call, "requested", 100, { reminders: [2880, 30] });
    expect(custom.body.reminders.map((r: { remindAt: string }) => r.remindAt)).toEqual([at(52), at(99.5)]);
    // Starting in 3 hours: the day-before reminder would already be due, so it is not made.
    const soon = await appointment(call, "requested", 3);
    expect(offsetsOf(soon.body)).toEqual([120]);
    const none = await appointment(call, "requested", 100, { reminders: [] });
    expect(none.body.reminders).toEqual([]);
  });

  it("recomputed on reschedule (sent ones stay), replaced by PATCH reminders, cancelled when it is off", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const { id } = await appointment(call);
    const moved = await call("PATCH", `/api/appointments/${id}/`, { body: { startsAt: at(124), endsAt: at(125) } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.reminders).toMatchObject([
      { offsetMinutes: 1440, remindAt: at(100), status: "pending" },
      { offsetMinutes: 120, remindAt: at(122), status: "pending" },
    ]);

    // The jobs issue marks what it sent; a later reschedule keeps it and reminds again.
    await studio.db
      .update(appointmentReminders)
      .set({ status: "sent", sentAt: new Date() })
      .where(and(eq(appointmentReminders.appointmentId, id), eq(appointmentReminders.offsetMinutes, 1440)));
    const again = await call("PATCH", `/api/appointments/${id}/`, { body: { startsAt: at(148), endsAt: at(149) } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(offsetsOf(again.body, "sent")).toEqual([1440]);
    expect(offsetsOf(again.body)).toEqual([1440, 120]);
    expect(again.body.reminders.find((r: { status: string }) => r.status === "pending").remindAt).toBe(at(124));

    const replaced = await call("PATCH", `/api/appointments/${id}/`, { body: { reminders: [60] } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(offsetsOf(replaced.body)).toEqual([60]);
    expect(replaced.body.reminders.find((r: { offsetMinutes: number }) => r.offsetMinutes === 60).remindAt).toBe(
      new Date(Date.parse(at(148)) - 60 * MINUTE).toISOString(),
    );
    expect(replaced.body.history).toHaveLength(2);

    const cancelled = await call("POST", `/api/appointments/${id}/transition/`, { body: { to: "cancelled" } });
    expect(offsetsOf(cancelled.body)).toEqual([]);
    expect(offsetsOf(cancelled.body, "cancelled")).toEqual([60]);
    expect(offsetsOf(cancelled.body, "sent")).toEqual([1440]);

    // Deleting it takes its reminders and its history along, in the same transaction.
    expect((await call("DELETE", `/api/appointments/${id}/`)).status).toBe(200);
    const left = await Promise.all([
      studio.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, id)),
      studio.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, id)),
    ]);
    expect(left).toEqual([[], []]);
  });

  it("completing or a no-show cancels what was still pending", async ({ studio }) => {
    const call = studio.owner.http;
    for (const to of ["completed", "no_show"] as const) {
      const { id } = await appointment(call, "confirmed");
      const done = await call("POST", `/api/appointments/${id}/transition/`, { body: { to } });
      expect(offsetsOf(done.body, "cancelled"), to).toEqual([1440, 120]);
    }
  });
});

describe("rescheduling history", () => {
  it("each reschedule keeps the previous start, end and resource, who and when; the detail shows them oldest first", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const { id, resourceId } = await appointment(call, "confirmed");
    const other = await newResource(call);
    const first = await call("PATCH", `/api/appointments/${id}/`, { body: { startsAt: at(110), endsAt: at(112) } });
    expect(first.body.history).toMatchObject([
      {
        previousStartsAt: at(100),
        previousEndsAt: at(101),
        previousResourceId: resourceId,
        changedBy: studio.owner.id,
      },
    ]);
    const sales = studio.users.sales.http;
    const second = await sales("PUT", `/api/appointments/${id}/`, {
      body: { type: "pickup", title: "Pick up frames", resourceId: other, startsAt: at(110), endsAt: at(112) },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toMatchObject({ resourceId: other, status: "confirmed" });
    expect(second.body.history).toMatchObject([
      { previousStartsAt: at(100), previousEndsAt: at(101), previousResourceId: resourceId },
      {
        previousStartsAt: at(110),
        previousEndsAt: at(112),
        previousResourceId: resourceId,
        changedBy: studio.users.sales.id,
      },
    ]);
    expect(typeof second.body.history[0].previousResourceName).toBe("string");
    expect(Date.parse(second.body.history[1].changedAt)).toBeGreaterThanOrEqual(
      Date.parse(second.body.history[0].changedAt),
    );
    // A change that is not a reschedule adds nothing.
    const renamed = await call("PATCH", `/api/appointments/${id}/`, { body: { title: "Pick up 3 frames" } });
    expect(renamed.body.history).toHaveLength(2);
    const sdk = await studio.owner.sdk.appointments.byId.query({ id });
    expect(sdk.history[0]?.previousStartsAt).toEqual(new Date(at(100)));
    // The resource it was on is in the history: it can no longer be deleted.
    await call("PATCH", `/api/appointments/${id}/`, { body: { resourceId } });
    expect((await call("DELETE", `/api/appointments/resources/${other}/`)).status).toBe(409);
  });
});
