import { contracts, orders } from "@fotostudio/db";
import { describe, expect } from "vitest";
import { at, booking, client } from "../support/agenda.js";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// An appointment's links: a client, an order, a contract (a school's photo day). They must exist
// in the studio (400 on the field); an order or a contract brings its client.
const it = studioTest();
let serial = 0;

describe("links", () => {
  it("the client comes with the order or contract; another client's is a 400 on the link", async ({ studio }) => {
    const call = studio.owner.http;
    const room = (
      await call("POST", "/api/appointments/resources/", { body: { name: `Links ${++serial}`, kind: "room" } })
    ).body;
    const school = await client(studio, "I.E. Link", "school");
    const other = await client(studio, "Someone else");
    // Made in the database too: this test is about the links, not about those modules' rules.
    const [contract] = await studio.db
      .insert(contracts)
      .values({
        schoolId: school,
        title: "Promo 2027",
        type: "annual",
        validFrom: "2027-03-01",
        validTo: "2027-12-20",
      })
      .$returningId();
    const [order] = await studio.db
      .insert(orders)
      .values({ number: `T-${++serial}`, year: 2026, sequence: 900_000 + serial, clientId: other })
      .$returningId();
    const photoDay = await call("POST", "/api/appointments/", {
      body: booking(room.id, { type: "photo_day", contractId: contract?.id }),
    });
    expect(photoDay.status, JSON.stringify(photoDay.body)).toBe(201);
    expect(photoDay.body).toMatchObject({
      contractId: contract?.id,
      clientId: school,
      clientName: "I.E. Link",
    });
    const mismatch = await call("PATCH", `/api/appointments/${photoDay.body.id}/`, {
      body: { clientId: other },
    });
    expect([mismatch.status, issuePaths(mismatch.body)]).toEqual([400, ["contractId"]]);
    const both = await call("PATCH", `/api/appointments/${photoDay.body.id}/`, { body: { orderId: order?.id } });
    expect([both.status, issuePaths(both.body)]).toEqual([400, ["orderId"]]);

    const delivery = await call("POST", "/api/appointments/", {
      body: booking(room.id, { type: "delivery", orderId: order?.id, startsAt: at(3), endsAt: at(4) }),
    });
    expect(delivery.body).toMatchObject({ orderId: order?.id, clientId: other, clientName: "Someone else" });
  });
});
