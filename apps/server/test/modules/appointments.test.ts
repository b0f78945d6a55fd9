import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { at, booking, client, resource } from "../support/agenda.js";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The agenda's appointments over REST and the SDK: booking, reading, lists, updates, the field
// rules and 404s. Resources and roles, links to clients, orders and contracts, overlaps and the race, the state machine with
// reminders and history, and the calendar have their own files.
const it = studioTest();
let serial = 0;

describe("REST appointments", () => {
  it("books with 201 (requested, default reminders, names) and reads it back by id and in the list", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const clientId = await client(studio, "Rosa Huamán");
    const created = await call("POST", "/api/appointments/", {
      body: booking(room.id, { clientId, location: " Parque Kennedy ", notes: "" }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      type: "session",
      title: "Family session",
      status: "requested",
      resourceId: room.id,
      resourceName: room.name,
      clientId,
      clientName: "Rosa Huamán",
      orderId: null,
      contractId: null,
      location: "Parque Kennedy",
      notes: null,
      cancelReason: null,
      createdBy: studio.owner.id,
      startsAt: at(0),
      endsAt: at(1),
      history: [],
    });
    expect(created.body.reminders.map((r: { offsetMinutes: number }) => r.offsetMinutes)).toEqual([1440, 120]);

    const got = await call("GET", `/api/appointments/${created.body.id}/`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    const list = await call("GET", `/api/appointments/?resourceId=${room.id}`);
    expect(list.body.count).toBe(1);
    const { reminders: _r, history: _h, ...summary } = created.body;
    expect(list.body.results[0]).toEqual(summary);
  });

  it("lists by start with filters: resource, type, status, client, studio days", async ({ studio }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const clientId = await client(studio, "Colegio Filtro", "school");
    const late = await call("POST", "/api/appointments/", {
      body: booking(room.id, { startsAt: at(48), endsAt: at(49), type: "meeting", title: "Late" }),
    });
    const early = await call("POST", "/api/appointments/", {
      body: booking(room.id, { clientId, title: "Early" }),
    });
    const ids = async (query: string) =>
      (await call("GET", `/api/appointments/?resourceId=${room.id}&${query}`)).body.results.map(
        (r: { id: number }) => r.id,
      );
    expect(await ids("")).toEqual([early.body.id, late.body.id]);
    expect(await ids("ordering=-startsAt")).toEqual([late.body.id, early.body.id]);
    expect(await ids("type=meeting")).toEqual([late.body.id]);
    expect(await ids(`clientId=${clientId}`)).toEqual([early.body.id]);
    expect(await ids("status=confirmed")).toEqual([]);
    expect(await ids("search=Late")).toEqual([late.body.id]);
    const lateDay = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date(at(48)));
    expect(await ids(`from=${lateDay}`)).toEqual([late.body.id]);
    expect(await ids(`to=${lateDay}`)).toEqual([early.body.id, late.body.id]);
    const bad = await call("GET", "/api/appointments/?from=2026-12-10&to=2026-12-01");
    expect([bad.status, issuePaths(bad.body)]).toEqual([400, ["to"]]);
    expect((await call("GET", "/api/appointments/?status=lost")).status).toBe(400);
    const far = await call("GET", "/api/appointments/?to=9999-12-31");
    expect([far.status, issuePaths(far.body)]).toEqual([400, ["to"]]);
  });

  it("PUT replaces every field, PATCH changes only what it sends, DELETE removes a requested one", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const { body: row } = await call("POST", "/api/appointments", {
      body: booking(room.id, { location: "Miraflores", notes: "keep" }),
    });
    const patched = await call("PATCH", `/api/appointments/${row.id}/`, { body: { title: "Wedding prep" } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ title: "Wedding prep", location: "Miraflores", notes: "keep", history: [] });
    const replaced = await call("PUT", `/api/appointments/${row.id}/`, {
      body: { type: "delivery", title: "Deliver album", resourceId: room.id, startsAt: at(0), endsAt: at(1) },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ type: "delivery", title: "Deliver album", location: null, notes: null });
    // Same slot: not a reschedule.
    expect(replaced.body.history).toEqual([]);

    expect(await call("DELETE", `/api/appointments/${row.id}/`)).toMatchObject({
      status: 200,
      body: { id: row.id, deleted: true },
    });
    expect((await call("GET", `/api/appointments/${row.id}/`)).body.code).toBe("NOT_FOUND");
  });

  it("refuses bad bodies with 400 naming the field, and writes nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const retired = await resource(studio.owner, { active: false });
    const cases: [Record<string, unknown>, string][] = [
      [booking(room.id, { title: "" }), "title"],
      [booking(room.id, { type: "party" }), "type"],
      [booking(room.id, { startsAt: "tomorrow" }), "startsAt"],
      [booking(room.id, { endsAt: at(0) }), "endsAt"],
      [booking(room.id, { startsAt: at(2), endsAt: at(1) }), "endsAt"],
      [booking(room.id, { endsAt: at(7 * 24 + 1) }), "endsAt"],
      [booking(room.id, { startsAt: "20266-12-03T15:00:00Z", endsAt: "20266-12-03T16:00:00Z" }), "startsAt"],
      [booking(room.id, { startsAt: "1999-12-31T23:00:00Z", endsAt: "2000-01-01T01:00:00Z" }), "startsAt"],
      [booking(999_999), "resourceId"],
      [booking(retired.id), "resourceId"],
      [booking(room.id, { clientId: 999_999 }), "clientId"],
      [booking(room.id, { orderId: 999_999 }), "orderId"],
      [booking(room.id, { contractId: 999_999 }), "contractId"],
      [booking(room.id, { reminders: [60, 60] }), "reminders"],
      [booking(room.id, { reminders: [-5] }), "reminders.0"],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", "/api/appointments/", { body });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(issuePaths(res.body), field).toContain(field);
    }
    expect((await call("GET", `/api/appointments/?resourceId=${room.id}`)).body.count).toBe(0);

    const { body: row } = await call("POST", "/api/appointments/", { body: booking(room.id) });
    const backwards = await call("PATCH", `/api/appointments/${row.id}/`, { body: { endsAt: at(-1) } });
    expect([backwards.status, issuePaths(backwards.body)]).toEqual([400, ["endsAt"]]);
    const moveToRetired = await call("PATCH", `/api/appointments/${row.id}/`, { body: { resourceId: retired.id } });
    expect([moveToRetired.status, issuePaths(moveToRetired.body)]).toEqual([400, ["resourceId"]]);
    expect((await call("GET", `/api/appointments/${row.id}/`)).body).toMatchObject({
      endsAt: at(1),
      resourceId: room.id,
    });
  });

  it("unknown ids are 404 on every path", async ({ studio }) => {
    const call = studio.owner.http;
    for (const [method, path, body] of [
      ["GET", "/api/appointments/999999/", undefined],
      ["PATCH", "/api/appointments/999999/", { title: "x" }],
      ["PUT", "/api/appointments/999999/", booking(1)],
      ["DELETE", "/api/appointments/999999/", undefined],
      ["POST", "/api/appointments/999999/transition/", { to: "confirmed" }],
      ["DELETE", "/api/appointments/resources/999999/", undefined],
    ] as const) {
      const res = await call(method, path, { body });
      expect([res.status, res.body.code], `${method} ${path}`).toEqual([404, "NOT_FOUND"]);
    }
  });
});

describe("SDK appointments", () => {
  it("the same procedures, typed, with Dates; a missing id is NOT_FOUND", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const room = await sdk.appointments.createResource.mutate({ name: `SDK room ${++serial}`, kind: "room" });
    expect((await sdk.appointments.resourceById.query({ id: room.id })).name).toBe(room.name);
    expect((await sdk.appointments.resources.query({ search: room.name })).results.map((r) => r.id)).toEqual([room.id]);
    const startsAt = new Date(at(10));
    const created = await sdk.appointments.create.mutate({
      type: "meeting",
      title: "Album review",
      resourceId: room.id,
      startsAt,
      endsAt: new Date(at(11)),
      reminders: [30],
    });
    expect(created.startsAt).toBeInstanceOf(Date);
    expect(created.startsAt.getTime()).toBe(startsAt.getTime());
    expect(created.reminders).toMatchObject([{ offsetMinutes: 30, status: "pending" }]);
    const patched = await sdk.appointments.patch.mutate({ id: created.id, notes: "n" });
    expect(patched).toMatchObject({ notes: "n", title: "Album review" });
    const confirmed = await sdk.appointments.transition.mutate({ id: created.id, to: "confirmed" });
    expect(confirmed.status).toBe("confirmed");
    expect((await sdk.appointments.list.query({ resourceId: room.id })).results.map((r) => r.id)).toEqual([created.id]);
    const refused = await sdk.appointments.delete.mutate({ id: created.id }).catch((e: unknown) => e);
    expect(errorCode(refused)).toBe("ILLEGAL_TRANSITION");
    await sdk.appointments.transition.mutate({ id: created.id, to: "cancelled", reason: "Client ill" });
    await sdk.appointments.delete.mutate({ id: created.id });
    expect(errorCode(await sdk.appointments.byId.query({ id: created.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
    await sdk.appointments.deleteResource.mutate({ id: room.id });
  });
});
