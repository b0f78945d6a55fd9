import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { at, booking, resource } from "../support/agenda.js";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The agenda's resources (photographers, rooms, equipment) over REST and the SDK, and who may
// change the agenda at all.
const it = studioTest();

describe("REST resources", () => {
  it("creates with 201, lists, renames, retires, and deletes one never booked", async ({ studio }) => {
    const call = studio.owner.http;
    const created = await call("POST", "/api/appointments/resources/", {
      body: { name: "  Ana (photographer)  ", kind: "photographer", userId: studio.users.production.id, notes: "" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: "Ana (photographer)",
      kind: "photographer",
      userId: studio.users.production.id,
      active: true,
      notes: null,
    });
    const id = created.body.id;
    expect((await call("GET", `/api/appointments/resources/${id}/`)).body).toEqual(created.body);
    const list = await call("GET", "/api/appointments/resources/?kind=photographer&search=Ana");
    expect(list.body).toMatchObject({ count: 1, results: [{ id }] });

    const renamed = await call("PATCH", `/api/appointments/resources/${id}`, { body: { name: "Ana Q." } });
    expect(renamed.body).toMatchObject({ name: "Ana Q.", kind: "photographer", userId: studio.users.production.id });
    const retired = await call("PATCH", `/api/appointments/resources/${id}/`, { body: { active: false } });
    expect(retired.body.active).toBe(false);
    expect((await call("GET", "/api/appointments/resources/?active=false&search=Ana")).body.count).toBe(1);
    expect((await call("GET", "/api/appointments/resources/?active=true&search=Ana")).body.count).toBe(0);
    const replaced = await call("PUT", `/api/appointments/resources/${id}/`, { body: { name: "Set B", kind: "room" } });
    expect(replaced.body).toMatchObject({ name: "Set B", kind: "room", userId: null, active: true });

    expect(await call("DELETE", `/api/appointments/resources/${id}/`)).toMatchObject({
      status: 200,
      body: { id, deleted: true },
    });
    expect((await call("GET", `/api/appointments/resources/${id}/`)).status).toBe(404);
  });

  it("refuses a duplicate name (409), a user for a room or an unknown user (400), and deleting a booked one (409)", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const room = await resource(studio.owner);
    const dup = await call("POST", "/api/appointments/resources/", { body: { name: room.name, kind: "equipment" } });
    expect([dup.status, dup.body.code]).toEqual([409, "CONFLICT"]);
    const roomUser = await call("POST", "/api/appointments/resources/", {
      body: { name: "Room with a user", kind: "room", userId: studio.owner.id },
    });
    expect([roomUser.status, issuePaths(roomUser.body)]).toEqual([400, ["userId"]]);
    const ghost = await call("POST", "/api/appointments/resources/", {
      body: { name: "Ghost", kind: "photographer", userId: 999_999 },
    });
    expect([ghost.status, issuePaths(ghost.body)]).toEqual([400, ["userId"]]);
    const bad = await call("POST", "/api/appointments/resources/", { body: { name: "", kind: "car" } });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body).sort()).toEqual(["kind", "name"]);

    expect((await call("POST", "/api/appointments/", { body: booking(room.id) })).status).toBe(201);
    const booked = await call("DELETE", `/api/appointments/resources/${room.id}/`);
    expect([booked.status, booked.body.code]).toEqual([409, "CONFLICT"]);
    expect((await call("GET", `/api/appointments/resources/${room.id}/`)).status).toBe(200);
    expect((await call("GET", "/api/appointments/resources/999999/")).body.code).toBe("NOT_FOUND");
    expect((await call("PATCH", "/api/appointments/resources/999999/", { body: { name: "x" } })).status).toBe(404);
  });
});

describe("who books", () => {
  it("sales books; production and workshop read; the viewer may not write (403)", async ({ studio }) => {
    const room = await resource(studio.users.sales);
    const sales = await studio.users.sales.http("POST", "/api/appointments/", { body: booking(room.id) });
    expect(sales.status).toBe(201);
    for (const role of ["production", "workshop", "viewer"] as const) {
      const user = studio.users[role];
      expect((await user.http("GET", `/api/appointments/${sales.body.id}/`)).status, role).toBe(200);
      expect((await user.http("GET", "/api/appointments/calendar/")).status, role).toBe(200);
      const denied = await user.http("POST", "/api/appointments/", {
        body: booking(room.id, { startsAt: at(5), endsAt: at(6) }),
      });
      expect([denied.status, denied.body.code], role).toEqual([403, "FORBIDDEN"]);
      const transition = await user.http("POST", `/api/appointments/${sales.body.id}/transition/`, {
        body: { to: "confirmed" },
      });
      expect(transition.status, role).toBe(403);
    }
    const sdkDenied = await studio.users.viewer.sdk.appointments.createResource
      .mutate({ name: "Nope", kind: "room" })
      .catch((e: unknown) => e);
    expect(errorCode(sdkDenied)).toBe("FORBIDDEN");
  });
});
