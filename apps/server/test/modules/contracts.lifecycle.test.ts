import { clients, settings } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Studio, studioTest } from "../support/studio.js";

// A contract's life: every (state, target) pair of its machine, the rescind reason, rescinded
// staying rescinded; and the expiring list, counted in the studio's calendar.
// The alerts and system settings are set in the database behind the app's back: the app's settings
// cache is off here (a change through the API is seen at once: settings.cache.test.ts).
const it = studioTest({ env: { SESSION_CACHE_SECONDS: "0" } });

const STATES = ["draft", "active", "completed", "rescinded"] as const;
type State = (typeof STATES)[number];
const ALLOWED: Record<State, State[]> = {
  draft: ["active", "rescinded"],
  active: ["completed", "rescinded"],
  completed: [],
  rescinded: [],
};

/** A day in `timeZone`'s calendar, `days` from today (YYYY-MM-DD). */
const day = (days: number, timeZone = "America/Lima") => {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

let schoolId: number | undefined;
async function contractIn(studio: Studio, state: State, overrides: Record<string, unknown> = {}) {
  const call = studio.owner.http;
  // Schools are made in the database: these tests are about contracts, not the clients module's rules.
  schoolId ??= (await studio.db.insert(clients).values({ name: "Colegio Ciclo", kind: "school" }).$returningId())[0]
    ?.id;
  const created = await call("POST", "/api/contracts/", {
    body: {
      schoolId,
      title: `Contrato ${state}`,
      type: "annual",
      validFrom: day(-100),
      validTo: day(100),
      value: "1000.00",
      status: state === "draft" ? "draft" : "active",
      ...overrides,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const move = async (to: State, reason?: string) => {
    const res = await call("POST", `/api/contracts/${created.body.id}/transition/`, { body: { to, reason } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  if (state === "completed") await move("completed");
  if (state === "rescinded") await move("rescinded", "the school closed");
  return (await call("GET", `/api/contracts/${created.body.id}/`)).body;
}

describe("the contract machine", () => {
  const pairs = STATES.flatMap((from) => STATES.map((to) => [from, to] as [State, State]));

  it.for(pairs)("%s → %s", async ([from, to], { studio }) => {
    const call = studio.owner.http;
    const before = await contractIn(studio, from);
    const res = await call("POST", `/api/contracts/${before.id}/transition/`, {
      body: { to, reason: "asked by the school" },
    });
    const after = (await call("GET", `/api/contracts/${before.id}/`)).body;
    if (ALLOWED[from].includes(to)) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
      expect(after.status).toBe(to);
    } else {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
      expect(after).toEqual(before);
    }
  });

  it("rescinding needs a reason (400 on reason); it records when and why, and stays rescinded", async ({ studio }) => {
    const call = studio.owner.http;
    const row = await contractIn(studio, "active");
    for (const body of [{ to: "rescinded" }, { to: "rescinded", reason: "  " }]) {
      const res = await call("POST", `/api/contracts/${row.id}/transition/`, { body });
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["reason"]);
    }
    expect((await call("GET", `/api/contracts/${row.id}/`)).body.status).toBe("active");
    const rescinded = await call("POST", `/api/contracts/${row.id}/transition/`, {
      body: { to: "rescinded", reason: "The school cancelled the photo day" },
    });
    expect(rescinded.body).toMatchObject({ status: "rescinded", rescindReason: "The school cancelled the photo day" });
    expect(Date.parse(rescinded.body.rescindedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Past its end it is still rescinded, never expired (the old system flipped it).
    const old = await contractIn(studio, "rescinded", { validFrom: day(-400), validTo: day(-30) });
    expect(old).toMatchObject({ status: "rescinded", expired: false, daysLeft: null });
    const openOld = await contractIn(studio, "active", { validFrom: day(-400), validTo: day(-30) });
    expect(openOld).toMatchObject({ status: "active", expired: true, daysLeft: -30 });
    const sdk = await studio.owner.sdk.contracts.transition
      .mutate({ id: old.id, to: "active" })
      .catch((e: unknown) => e);
    expect(errorCode(sdk)).toBe("ILLEGAL_TRANSITION");
  });

  it("a bad target is 400 and an unknown contract 404", async ({ studio }) => {
    const call = studio.owner.http;
    const row = await contractIn(studio, "draft");
    const res = await call("POST", `/api/contracts/${row.id}/transition/`, { body: { to: "expired" } });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    expect((await call("POST", "/api/contracts/999999/transition/", { body: { to: "active" } })).status).toBe(404);
  });
});

describe("expiring contracts", () => {
  it("lists active contracts ending within the window, soonest first, with daysLeft", async ({ studio }) => {
    const call = studio.owner.http;
    const in10 = await contractIn(studio, "active", { validTo: day(10) });
    const in40 = await contractIn(studio, "active", { validTo: day(40) });
    const today = await contractIn(studio, "active", { validTo: day(0) });
    const in3 = await contractIn(studio, "active", { validTo: day(3) });
    const yesterday = await contractIn(studio, "active", { validTo: day(-1) });
    const draft = await contractIn(studio, "draft", { validTo: day(5) });
    const rescinded = await contractIn(studio, "rescinded", { validTo: day(5) });
    const completed = await contractIn(studio, "completed", { validTo: day(5) });
    const mine = new Set([in10, in40, today, in3, yesterday, draft, rescinded, completed].map((c) => c.id));
    const listed = async (query = "") => {
      const res = await call("GET", `/api/contracts/expiring/${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.results
        .filter((r: { id: number }) => mine.has(r.id))
        .map((r: { id: number; daysLeft: number }) => [r.id, r.daysLeft]);
    };
    expect(await listed()).toEqual([
      [today.id, 0],
      [in3.id, 3],
      [in10.id, 10],
    ]);
    expect(await listed("?days=60&pageSize=100")).toEqual([
      [today.id, 0],
      [in3.id, 3],
      [in10.id, 10],
      [in40.id, 40],
    ]);
    const sdk = await studio.owner.sdk.contracts.expiring.query({ days: 5 });
    expect(sdk.results.filter((r) => mine.has(r.id)).map((r) => r.id)).toEqual([today.id, in3.id]);
    expect((await call("GET", "/api/contracts/expiring/?days=-1")).status).toBe(400);

    // The window's default is the studio's alerts setting.
    await studio.db.insert(settings).values({ group: "alerts", value: { expiringContractDays: 45 } });
    try {
      expect((await listed()).map(([id]: [number]) => id)).toEqual([today.id, in3.id, in10.id, in40.id]);
    } finally {
      await studio.db.delete(settings).where(eq(settings.group, "alerts"));
    }
  });

  it("counts days in the studio's time zone", async ({ studio }) => {
    const call = studio.owner.http;
    const zone = "Pacific/Kiritimati"; // UTC+14: often a day ahead of Lima
    const row = await contractIn(studio, "active", { validTo: day(10, zone) });
    const ahead = (Date.parse(day(0, zone)) - Date.parse(day(0))) / 86_400_000;
    expect((await call("GET", `/api/contracts/${row.id}/`)).body.daysLeft).toBe(10 + ahead);
    await studio.db.insert(settings).values({ group: "system", value: { timeZone: zone } });
    try {
      expect((await call("GET", `/api/contracts/${row.id}/`)).body.daysLeft).toBe(10);
      const listed = (await call("GET", "/api/contracts/expiring/?days=10&pageSize=100")).body.results;
      expect(listed.find((r: { id: number }) => r.id === row.id)).toMatchObject({ daysLeft: 10 });
    } finally {
      await studio.db.delete(settings).where(eq(settings.group, "system"));
    }
  });
});
