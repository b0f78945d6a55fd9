import { clients } from "@fotostudio/db";
import { expect } from "vitest";
import type { StudioTenant, StudioUser } from "./studio.js";

// What the agenda's tests book with: instants three days ahead, resources, clients and a booking body.

const HOUR = 3_600_000;
let serial = 0;
/** The next whole hour when the file loads: every instant of a test file counts from it. */
const BASE = Math.ceil(Date.now() / HOUR) * HOUR;
/** `hours` after three days from BASE, ISO 8601. */
export const at = (hours: number) => new Date(BASE + (72 + hours) * HOUR).toISOString();

export async function resource(user: StudioUser, overrides: Record<string, unknown> = {}) {
  const res = await user.http("POST", "/api/appointments/resources/", {
    body: { name: `Room ${++serial}`, kind: "room", ...overrides },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; name: string };
}

/** A client made in the database: the agenda's tests are about its links, not the clients module's rules. */
export async function client(studio: StudioTenant, name: string, kind: "person" | "school" = "person") {
  const [row] = await studio.db.insert(clients).values({ name, kind }).$returningId();
  if (!row) throw new Error("no client");
  return row.id;
}

/** A one-hour session on the resource at at(0). */
export const booking = (resourceId: number, overrides: Record<string, unknown> = {}) => ({
  type: "session",
  title: "Family session",
  resourceId,
  startsAt: at(0),
  endsAt: at(1),
  ...overrides,
});
