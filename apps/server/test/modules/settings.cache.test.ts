import { describe, expect } from "vitest";
import { print } from "../support/orders.js";
import { studioTest } from "../support/studio.js";

// The studio's settings as the request path reads them are cached per process for a few seconds
// (SESSION_CACHE_SECONDS): a change through the API is seen by the very next request on this node.
const it = studioTest();

const AHEAD = "Pacific/Kiritimati"; // UTC+14
const BEHIND = "Pacific/Pago_Pago"; // UTC−11: 25 hours behind, never on the same day
const dayIn = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

describe("settings cache", () => {
  it("a new time zone is seen by the next orders list (its day filters) and by GET /config/system", async ({
    studio,
  }) => {
    await using tenant = await studio.openTenant();
    const call = tenant.owner.http;
    const client = await call("POST", "/api/clients/", { body: { name: "Zona Horaria", phone: "+51 984 000 222" } });
    expect(client.status).toBe(201);
    expect((await call("POST", "/api/orders/", { body: { clientId: client.body.id, lines: [print()] } })).status).toBe(
      201,
    );
    const today = dayIn(AHEAD);
    const count = async () => (await call("GET", `/api/orders/?from=${today}&to=${today}`)).body.count;

    expect((await call("PATCH", "/api/config/system/", { body: { timeZone: AHEAD } })).status).toBe(200);
    expect(await count()).toBe(1);
    expect(await count()).toBe(1); // read again within the cache's lifetime
    expect((await call("GET", "/api/config/system/")).body.timeZone).toBe(AHEAD);

    // In a zone 25 hours behind, the order was made on an earlier day than `today`.
    expect((await call("PATCH", "/api/config/system/", { body: { timeZone: BEHIND } })).status).toBe(200);
    expect(await count()).toBe(0);
    expect((await call("GET", "/api/config/system/")).body.timeZone).toBe(BEHIND);
  });

  it("a new idle timeout is seen by the next login (it reads the security settings through the cache)", async ({
    studio,
  }) => {
    await using tenant = await studio.openTenant();
    const secondsLeft = async () => {
      const res = await tenant.http("POST", "/api/auth/login/", {
        body: { email: tenant.owner.email, password: tenant.owner.password },
      });
      expect(res.status).toBe(200);
      return (Date.parse(res.body.expiresAt) - Date.now()) / 1000;
    };
    expect(await secondsLeft()).toBeGreaterThan(3590);
    expect(await secondsLeft()).toBeGreaterThan(3590);
    const set = await tenant.owner.http("PATCH", "/api/config/security/", { body: { sessionTimeoutMinutes: 10 } });
    expect(set.status).toBe(200);
    expect(await secondsLeft()).toBeLessThanOrEqual(600);
  });
});
