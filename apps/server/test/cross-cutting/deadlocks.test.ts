import { dbConfigFromEnv } from "@fotostudio/db";
import { getTRPCErrorFromUnknown } from "@trpc/server";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEADLOCK_ATTEMPTS, retryDeadlocks } from "../../../../packages/api/src/procedures/deadlocks.js";

// A real InnoDB deadlock between two connections locking two rows in opposite orders: the
// victim's error, as Drizzle and tRPC hand it on, is what the mutation wrapper must recognise.
const table = `deadlock_probe_${process.pid}`;
let admin: mysql.Connection;
let victimError: unknown;

async function deadlockVictim(): Promise<unknown> {
  const [url] = dbConfigFromEnv().servers.map((s) => s.url);
  const a = await mysql.createConnection({ uri: url as string, database: "fotostudio_scratch" });
  const b = await mysql.createConnection({ uri: url as string, database: "fotostudio_scratch" });
  try {
    await a.query("BEGIN");
    await b.query("BEGIN");
    await a.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`);
    await b.query(`UPDATE ${table} SET n = n + 1 WHERE id = 2`);
    const first = a.query(`UPDATE ${table} SET n = n + 1 WHERE id = 2`).catch((e: unknown) => e);
    const second = b.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`).catch((e: unknown) => e);
    const outcomes = await Promise.all([first, second]);
    return outcomes.find((o: unknown) => o instanceof Error);
  } finally {
    await a.end();
    await b.end();
  }
}

beforeAll(async () => {
  const [url] = dbConfigFromEnv().servers.map((s) => s.url);
  admin = await mysql.createConnection({ uri: url as string });
  await admin.query("CREATE DATABASE IF NOT EXISTS fotostudio_scratch");
  await admin.query(`CREATE TABLE fotostudio_scratch.${table} (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB`);
  await admin.query(`INSERT INTO fotostudio_scratch.${table} VALUES (1, 0), (2, 0)`);
  victimError = await deadlockVictim();
});

afterAll(async () => {
  await admin.query(`DROP TABLE IF EXISTS fotostudio_scratch.${table}`);
  await admin.end();
});

describe("a mutation picked as a deadlock victim", () => {
  it("is run again, and answers what the next attempt answers", async () => {
    expect((victimError as { code?: string }).code).toBe("ER_LOCK_DEADLOCK");
    // As a procedure's failed result: tRPC wraps what the handler threw (code INTERNAL_SERVER_ERROR).
    const wrapped = getTRPCErrorFromUnknown(new Error("Failed query", { cause: victimError }));
    let calls = 0;
    const result = await retryDeadlocks(async () =>
      ++calls === 1 ? { ok: false, error: wrapped } : { ok: true, error: undefined },
    );
    expect(result.ok).toBe(true);
    expect(calls).toBe(2);
  });

  it("gives up after the last attempt with the deadlock's own error, and never retries other errors", async () => {
    let calls = 0;
    await expect(
      retryDeadlocks(async () => {
        calls++;
        throw victimError;
      }),
    ).rejects.toBe(victimError);
    expect(calls).toBe(DEADLOCK_ATTEMPTS);

    calls = 0;
    const refused = { ok: false, error: getTRPCErrorFromUnknown(new Error("CHECK failed")) };
    const answer = await retryDeadlocks(async () => {
      calls++;
      return refused;
    });
    expect(answer).toBe(refused);
    expect(calls).toBe(1);
  });
});
