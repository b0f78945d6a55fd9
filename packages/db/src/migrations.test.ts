import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type mysql from "mysql2/promise";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DataLayer } from "./data-layer.js";
import type { DatabaseClient } from "./database-client.js";
import { applyMigrations, loadMigrations, MigrationError } from "./migrations.js";
import { createTestLayer, uniqueSlug } from "./testing.js";

// The runner against scratch databases and migration folders written by the test in
// drizzle-kit's layout, so every failure mode can be staged exactly.

let layer: DataLayer;
const scratch: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  layer = await createTestLayer();
});

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  const server = layer.pools.client(layer.controlServer, null);
  for (const db of scratch) await server.query("DROP DATABASE IF EXISTS ??", [db]);
  await layer.close();
});

/** A fresh, empty database and a client bound to it. */
async function scratchDb(): Promise<DatabaseClient> {
  const name = `fotostudio_scratch_${uniqueSlug("m").replace("-", "_")}`;
  scratch.push(name);
  await layer.pools.client(layer.controlServer, null).query("CREATE DATABASE ??", [name]);
  return layer.pools.client(layer.controlServer, name);
}

/** Writes a drizzle-kit style folder: `meta/_journal.json` and one `<tag>.sql` per migration. */
function writeMigrations(dir: string | undefined, files: Record<string, string[]>): string {
  const target = dir ?? mkdtempSync(join(tmpdir(), "fotostudio-migrations-"));
  if (!dir) dirs.push(target);
  mkdirSync(join(target, "meta"), { recursive: true });
  const tags = Object.keys(files);
  const entries = tags.map((tag, idx) => ({
    idx,
    version: "5",
    when: 1_700_000_000_000 + idx,
    tag,
    breakpoints: true,
  }));
  writeFileSync(join(target, "meta", "_journal.json"), JSON.stringify({ version: "7", dialect: "mysql", entries }));
  for (const tag of tags)
    writeFileSync(join(target, `${tag}.sql`), (files[tag] ?? []).join("\n--> statement-breakpoint\n"));
  return target;
}

async function rows<T = mysql.RowDataPacket>(db: DatabaseClient, query: string): Promise<T[]> {
  const [result] = (await db.query(query)) as [T[]];
  return result;
}

const tablesIn = async (db: DatabaseClient) =>
  (
    await rows<{ name: string }>(
      db,
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()",
    )
  )
    .map((r) => r.name)
    .sort();

const progress = (db: DatabaseClient) =>
  rows<{ version: number; statements_done: number; finished_at: Date | null }>(
    db,
    "SELECT version, statements_done, finished_at FROM `_schema_migrations` ORDER BY version",
  );

const INIT = [
  "CREATE TABLE `frames` (`id` int PRIMARY KEY, `name` varchar(50) NOT NULL)",
  "CREATE TABLE `mouldings` (`id` int PRIMARY KEY, `code` varchar(20) NOT NULL)",
  "CREATE TABLE `orders` (`id` int PRIMARY KEY, `frame_id` int NOT NULL)",
  "CREATE INDEX `orders_frame_idx` ON `orders` (`frame_id`)",
];
// Statement 3 fails (unknown column type); its fixed version is INIT[2].
const BROKEN = [
  INIT[0],
  INIT[1],
  "CREATE TABLE `orders` (`id` int PRIMARY KEY, `frame_id` nonsense)",
  INIT[3],
] as string[];

describe("applyMigrations", () => {
  it("applies each migration once: a rerun applies nothing and keeps the data", async () => {
    const db = await scratchDb();
    const dir = writeMigrations(undefined, { "0000_init": INIT });
    expect(await applyMigrations(db, loadMigrations(dir))).toEqual({ applied: 1, version: 1 });
    await db.query("INSERT INTO `frames` VALUES (1, 'Roble 40x50')");

    expect(await applyMigrations(db, loadMigrations(dir))).toEqual({ applied: 0, version: 1 });

    writeMigrations(dir, { "0000_init": INIT, "0001_more": ["ALTER TABLE `frames` ADD `price` decimal(12,2)"] });
    expect(await applyMigrations(db, loadMigrations(dir))).toEqual({ applied: 1, version: 2 });
    expect(await rows(db, "SELECT id, name FROM `frames`")).toEqual([{ id: 1, name: "Roble 40x50" }]);
    expect((await progress(db)).map((r) => [r.version, r.statements_done, r.finished_at !== null])).toEqual([
      [1, 4, true],
      [2, 1, true],
    ]);
  });

  it("keeps the progress of a migration that failed at statement 3 and resumes there once fixed", async () => {
    const db = await scratchDb();
    const dir = writeMigrations(undefined, { "0000_init": BROKEN });
    const error = await applyMigrations(db, loadMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).statementIndex).toBe(2);
    expect(await progress(db)).toEqual([{ version: 1, statements_done: 2, finished_at: null }]);
    expect(await tablesIn(db)).toEqual(["_schema_migrations", "frames", "mouldings"]);
    // Written between the runs: re-running statement 1 (a plain CREATE TABLE) would fail, not wipe it.
    await db.query("INSERT INTO `frames` VALUES (7, 'Nogal')");

    writeMigrations(dir, { "0000_init": INIT });
    expect(await applyMigrations(db, loadMigrations(dir))).toEqual({ applied: 1, version: 1 });
    expect(await tablesIn(db)).toEqual(["_schema_migrations", "frames", "mouldings", "orders"]);
    expect((await progress(db))[0]).toMatchObject({ statements_done: 4 });
    expect((await progress(db))[0]?.finished_at).not.toBeNull();
    expect(await rows(db, "SELECT id FROM `frames`")).toEqual([{ id: 7 }]);
  });

  it("tolerates 'already exists' only for the statement that ran but was not recorded (killed run)", async () => {
    const db = await scratchDb();
    const dir = writeMigrations(undefined, { "0000_init": BROKEN });
    await expect(applyMigrations(db, loadMigrations(dir))).rejects.toThrow(MigrationError);
    writeMigrations(dir, { "0000_init": INIT });

    // Two statements behind: statement 1 was not the one in flight, so its error is real.
    await db.query("UPDATE `_schema_migrations` SET statements_done = 0");
    const error = await applyMigrations(db, loadMigrations(dir)).catch((e: unknown) => e);
    expect((error as MigrationError).statementIndex).toBe(1);
    expect((error as MigrationError).message).toMatch(/already exists/);

    // One behind (statement 2 ran, the process died before recording it): resumes and finishes.
    await db.query("UPDATE `_schema_migrations` SET statements_done = 1");
    expect(await applyMigrations(db, loadMigrations(dir))).toEqual({ applied: 1, version: 1 });
    expect(await progress(db)).toMatchObject([{ version: 1, statements_done: 4 }]);
    expect(await tablesIn(db)).toEqual(["_schema_migrations", "frames", "mouldings", "orders"]);
  });

  it("serialises concurrent runners on one database: both succeed, each migration applied once", async () => {
    const db = await scratchDb();
    const many = Array.from({ length: 12 }, (_, i) => `CREATE TABLE \`t${i}\` (\`id\` int PRIMARY KEY)`);
    const dir = writeMigrations(undefined, { "0000_a": INIT, "0001_b": many });
    const migrations = loadMigrations(dir);
    // Two clients: two physical connections racing for the same database's lock.
    const other = layer.pools.client(layer.controlServer, db.database);
    const results = await Promise.all([applyMigrations(db, migrations), applyMigrations(other, migrations)]);
    expect(results.map((r) => r.version)).toEqual([2, 2]);
    expect(results[0].applied + results[1].applied).toBe(2);
    expect((await progress(db)).map((r) => r.statements_done)).toEqual([4, 12]);
    expect(await tablesIn(db)).toHaveLength(3 + 12 + 1);
  });
});
