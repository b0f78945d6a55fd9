import { auditLog, settings } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { desc, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The typed setting groups (config/<group>/): defaults, PUT (whole) and PATCH (merged), 400 with
// field issues, read for the whole staff and written by the owner only; over REST and the SDK.
const it = studioTest();

const DEFAULTS = {
  business: {
    legalName: null,
    tradeName: null,
    taxId: null,
    address: null,
    phone: null,
    email: null,
    website: null,
    logoUrl: null,
    primaryColour: "#1f2937",
    secondaryColour: "#f59e0b",
  },
  system: {
    currency: "PEN",
    timeZone: "America/Lima",
    locale: "es-PE",
    taxRate: "18.00",
    pricesIncludeTax: false,
    orderNumberPrefix: "P",
    discountLimitPercent: "10.00",
  },
  alerts: { expiringContractDays: 30, lowStock: true, lateOrders: true, wasteThresholdPercent: "10.00" },
  security: { sessionTimeoutMinutes: 60, maxFailedLogins: 5, lockoutMinutes: 15, minPasswordLength: 10 },
  backup: { schedule: "daily", retentionDays: 30, lastBackup: null },
} as const;
const GROUPS = Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[];

/** A valid whole group and what GET shows for it after the PUT. */
const VALID = {
  business: {
    body: { legalName: "Estudio Luz S.A.C.", tradeName: "Estudio Luz", taxId: "20123456789", primaryColour: "#112233" },
    shows: { legalName: "Estudio Luz S.A.C.", tradeName: "Estudio Luz", secondaryColour: "#f59e0b", logoUrl: null },
  },
  system: {
    body: { currency: "USD", timeZone: "America/Bogota", locale: "es-CO", taxRate: 19, pricesIncludeTax: true },
    shows: {
      currency: "USD",
      timeZone: "America/Bogota",
      taxRate: "19.00",
      pricesIncludeTax: true,
      orderNumberPrefix: "P",
    },
  },
  alerts: {
    body: { expiringContractDays: 45, lowStock: false, wasteThresholdPercent: "7.5" },
    shows: { expiringContractDays: 45, lowStock: false, lateOrders: true, wasteThresholdPercent: "7.50" },
  },
  security: {
    body: { sessionTimeoutMinutes: 30, maxFailedLogins: 3 },
    shows: { sessionTimeoutMinutes: 30, maxFailedLogins: 3, lockoutMinutes: 15, minPasswordLength: 10 },
  },
  backup: { body: { schedule: "weekly", retentionDays: 90 }, shows: { schedule: "weekly", retentionDays: 90 } },
} as const;

/** Bad values and the field each names. */
const BAD: Record<keyof typeof DEFAULTS, [Record<string, unknown>, string][]> = {
  business: [
    [{ primaryColour: "red" }, "primaryColour"],
    [{ taxId: "123" }, "taxId"],
    [{ email: "not-an-email" }, "email"],
  ],
  system: [
    [{ currency: "XXX1" }, "currency"],
    [{ timeZone: "Mars/Base" }, "timeZone"],
    [{ taxRate: "18.555" }, "taxRate"],
    [{ taxRate: 0.1 + 0.2 }, "taxRate"],
    [{ orderNumberPrefix: "p-1" }, "orderNumberPrefix"],
    [{ frame: { sawAllowance: 0 } }, "frame.sawAllowance"],
  ],
  alerts: [
    [{ expiringContractDays: 0 }, "expiringContractDays"],
    [{ expiringContractDays: 400 }, "expiringContractDays"],
  ],
  security: [
    [{ minPasswordLength: 4 }, "minPasswordLength"],
    [{ maxFailedLogins: 0 }, "maxFailedLogins"],
    [{ sessionTimeoutMinutes: 1.5 }, "sessionTimeoutMinutes"],
  ],
  backup: [
    [{ schedule: "hourly" }, "schedule"],
    [{ retentionDays: -1 }, "retentionDays"],
  ],
};

describe("setting groups over REST", () => {
  // First in the file: the studio has saved nothing yet.
  it.for(GROUPS)("%s: GET answers the defaults of a group never saved", async (group, { studio }) => {
    const res = await studio.owner.http("GET", `/api/config/${group}/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(DEFAULTS[group]);
  });

  it.for(GROUPS)(
    "%s: PUT takes the whole group (omitted fields → defaults), GET shows it",
    async (group, { studio }) => {
      const call = studio.owner.http;
      const put = await call("PUT", `/api/config/${group}/`, { body: VALID[group].body });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject(VALID[group].shows);
      expect((await call("GET", `/api/config/${group}`)).body).toEqual(put.body);

      const reset = await call("PUT", `/api/config/${group}`, { body: {} });
      expect(reset.body).toMatchObject(DEFAULTS[group]);
    },
  );

  it.for(GROUPS)("%s: 400 VALIDATION_ERROR naming the field, nothing saved", async (group, { studio }) => {
    const call = studio.owner.http;
    const before = (await call("GET", `/api/config/${group}/`)).body;
    for (const [body, path] of BAD[group]) {
      for (const method of ["PUT", "PATCH"]) {
        const res = await call(method, `/api/config/${group}/`, { body });
        expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(400);
        expect(res.body.code).toBe("VALIDATION_ERROR");
        expect(issuePaths(res.body)).toEqual([path]);
      }
    }
    expect((await call("GET", `/api/config/${group}/`)).body).toEqual(before);
  });

  it.for(GROUPS)(
    "%s: every role on the staff reads it; only the owner changes it (manager, sales, viewer: 403)",
    async (group, { studio }) => {
      for (const role of ["manager", "sales", "production", "viewer"] as const) {
        const user = studio.users[role];
        expect((await user.http("GET", `/api/config/${group}/`)).status, role).toBe(200);
        for (const method of ["PUT", "PATCH"]) {
          const res = await user.http(method, `/api/config/${group}/`, { body: {} });
          expect(res.status, `${role} ${method}`).toBe(403);
          expect(res.body.code).toBe("FORBIDDEN");
        }
      }
    },
  );

  it("PATCH changes only what it sends, the frame parameters field by field", async ({ studio }) => {
    const call = studio.owner.http;
    await call("PUT", "/api/config/system/", {
      body: { currency: "USD", frame: { sawAllowance: 2, minBilledMm: 500 } },
    });
    const patched = await call("PATCH", "/api/config/system/", {
      body: { taxRate: "16", frame: { billingStepMm: 50 } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      currency: "USD",
      taxRate: "16.00",
      frame: { sawAllowance: 2, minBilledMm: 500, billingStepMm: 50, minLinePrice: "30.00" },
    });
    expect(patched.body.frame.markupBrackets).toHaveLength(3);
    // Stored as the API shows it.
    const [row] = await studio.db.select().from(settings).where(eq(settings.group, "system"));
    const stored = typeof row?.value === "string" ? JSON.parse(row.value) : row?.value;
    expect(stored).toMatchObject({ currency: "USD", taxRate: "16.00" });
  });

  it("business.logo and backup.lastBackup are read-only: a body naming them changes nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const business = await call("PUT", "/api/config/business/", {
      body: { logo: "x/logos/forged.png", tradeName: "Luz" },
    });
    expect(business.body).toMatchObject({ tradeName: "Luz", logoUrl: null });
    expect(business.body).not.toHaveProperty("logo");
    const backup = await call("PATCH", "/api/config/backup/", {
      body: { lastBackup: { at: "2026-01-01T00:00:00Z", status: "ok", sizeBytes: 1 }, retentionDays: 7 },
    });
    expect(backup.body).toMatchObject({ retentionDays: 7, lastBackup: null });
  });

  it("records each change in the audit log with the group before and after", async ({ studio }) => {
    const res = await studio.owner.http("PATCH", "/api/config/alerts/", { body: { expiringContractDays: 20 } });
    expect(res.status).toBe(200);
    const [row] = await studio.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "config.patchAlerts"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
    expect(row?.actorId).toBe(studio.owner.id);
    expect(json(row?.before)).toMatchObject({ expiringContractDays: 30 });
    expect(json(row?.after)).toMatchObject({ expiringContractDays: 20 });
  });
});

describe("concurrent changes", () => {
  it("PATCHes of different fields racing on a group never saved all land (the group's row lock)", async ({
    studio,
  }) => {
    await using fresh = await studio.openTenant();
    const patches = [
      { legalName: "Uno S.A.C." },
      { tradeName: "Dos" },
      { phone: "+51 1 333 4444" },
      { website: "https://cuatro.pe" },
      { primaryColour: "#555555" },
      { secondaryColour: "#666666" },
    ];
    const answers = await Promise.all(
      patches.map((body) => fresh.owner.http("PATCH", "/api/config/business/", { body })),
    );
    expect(answers.map((r) => r.status)).toEqual(patches.map(() => 200));
    const after = (await fresh.owner.http("GET", "/api/config/business/")).body;
    expect(after).toMatchObject(Object.assign({}, ...patches));
  });
});

describe("setting groups over the SDK", () => {
  it("reads and changes each group, typed", async ({ studio }) => {
    await using fresh = await studio.openTenant();
    const sdk = fresh.owner.sdk;
    expect((await sdk.config.system.query()).currency).toBe("PEN");
    const system = await sdk.config.patchSystem.mutate({ timeZone: "Europe/Madrid", frame: { sawAllowance: 3 } });
    expect(system).toMatchObject({ timeZone: "Europe/Madrid", currency: "PEN", frame: { sawAllowance: 3 } });
    const security = await sdk.config.updateSecurity.mutate({ minPasswordLength: 12 });
    expect(security).toEqual({ ...DEFAULTS.security, minPasswordLength: 12 });
    expect((await sdk.config.business.query()).logoUrl).toBeNull();
    expect((await sdk.config.patchBusiness.mutate({ tradeName: "Foto Sur" })).tradeName).toBe("Foto Sur");
    expect((await sdk.config.updateAlerts.mutate({ lateOrders: false })).lateOrders).toBe(false);
    expect((await sdk.config.patchBackup.mutate({ schedule: "off" })).schedule).toBe("off");

    const bad = await sdk.config.updateSystem.mutate({ currency: "XXX1" }).catch((e: unknown) => e);
    expect(errorCode(bad)).toBe("VALIDATION_ERROR");
    const denied = await fresh.users.manager.sdk.config.patchSecurity
      .mutate({ maxFailedLogins: 9 })
      .catch((e: unknown) => e);
    expect(errorCode(denied)).toBe("FORBIDDEN");
    expect((await fresh.users.viewer.sdk.config.security.query()).minPasswordLength).toBe(12);
  });
});
