import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type mysql from "mysql2/promise";
import { z } from "zod";
import type { DatabaseClient } from "./database-client.js";

export interface Migration {
  /** 1-based: after applying it, a database is at schema version `version`. */
  version: number;
  tag: string;
  hash: string;
  statements: string[];
}

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), tag: z.string() })),
});

/** Reads a drizzle-kit output folder (`meta/_journal.json` + `<tag>.sql`). */
export function loadMigrations(dir: string): Migration[] {
  const journal = journalSchema.parse(JSON.parse(readFileSync(join(dir, "meta", "_journal.json"), "utf8")));
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((entry, i) => {
      const text = readFileSync(join(dir, `${entry.tag}.sql`), "utf8");
      return {
        version: i + 1,
        tag: entry.tag,
        hash: createHash("sha256").update(text).digest("hex"),
        statements: text
          .split("--> statement-breakpoint")
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

// Errors that mean "this DDL already took effect": MariaDB/MySQL DDL is not transactional, so a
// process killed after a statement but before recording it re-runs that one statement on resume.
const ALREADY_APPLIED = new Set([
  1050, // ER_TABLE_EXISTS_ERROR
  1051, // ER_BAD_TABLE_ERROR (drop of a dropped table)
  1060, // ER_DUP_FIELDNAME
  1061, // ER_DUP_KEYNAME
  1091, // ER_CANT_DROP_FIELD_OR_KEY
  1022, // ER_DUP_KEY (constraint name taken)
  1826, // ER_FK_DUP_NAME
  1359, // ER_TRG_ALREADY_EXISTS
]);

const PROGRESS_TABLE = `CREATE TABLE IF NOT EXISTS \`_schema_migrations\` (
  \`version\` int unsigned NOT NULL PRIMARY KEY,
  \`tag\` varchar(255) NOT NULL,
  \`hash\` char(64) NOT NULL,
  \`statements_done\` int unsigned NOT NULL DEFAULT 0,
  \`statements_total\` int unsigned NOT NULL,
  \`finished_at\` datetime(3) NULL
)`;

interface ProgressRow extends mysql.RowDataPacket {
  version: number;
  hash: string;
  statements_done: number;
  finished_at: Date | null;
}

export interface ApplyResult {
  /** Migrations this call applied (0 when the database was up to date). */
  applied: number;
  version: number;
}

/**
 * Applies `migrations` to the client's database, one statement at a time, recording progress
 * after each statement in `_schema_migrations`. A run cut off anywhere (error, kill) resumes where
 * it stopped; a finished migration is never applied twice. Concurrent runners on the same
 * database are serialised with a named lock.
 */
export async function applyMigrations(client: DatabaseClient, migrations: Migration[]): Promise<ApplyResult> {
  if (!client.database) throw new Error("applyMigrations needs a database");
  const conn = await client.getConnection();
  const lockName = `fotostudio:migrate:${client.database}`.slice(0, 64);
  try {
    const [[lock]] = await conn.query<mysql.RowDataPacket[]>("SELECT GET_LOCK(?, 120) AS got", [lockName]);
    if (lock?.got !== 1) throw new Error(`timed out waiting for the migration lock of ${client.database}`);
    try {
      await conn.query(PROGRESS_TABLE);
      const [rows] = await conn.query<ProgressRow[]>(
        "SELECT version, hash, statements_done, finished_at FROM `_schema_migrations`",
      );
      const progress = new Map(rows.map((r) => [r.version, r]));
      let applied = 0;
      for (const migration of migrations) {
        const row = progress.get(migration.version);
        if (row?.finished_at) continue;
        if (!row) {
          await conn.query(
            "INSERT INTO `_schema_migrations` (version, tag, hash, statements_total) VALUES (?, ?, ?, ?)",
            [migration.version, migration.tag, migration.hash, migration.statements.length],
          );
        } else if (row.hash !== migration.hash) {
          // An unfinished migration whose file was fixed after the failure: resume with the new text.
          await conn.query("UPDATE `_schema_migrations` SET hash = ?, statements_total = ? WHERE version = ?", [
            migration.hash,
            migration.statements.length,
            migration.version,
          ]);
        }
        const resumeAt = row?.statements_done ?? 0;
        for (let i = resumeAt; i < migration.statements.length; i++) {
          try {
            await conn.query(migration.statements[i] as string);
          } catch (error) {
            const errno = (error as { errno?: number }).errno ?? 0;
            const inFlightWhenCut = row !== undefined && i === resumeAt;
            if (!(inFlightWhenCut && ALREADY_APPLIED.has(errno))) {
              throw new MigrationError(migration, i, error);
            }
          }
          await conn.query("UPDATE `_schema_migrations` SET statements_done = ? WHERE version = ?", [
            i + 1,
            migration.version,
          ]);
        }
        await conn.query("UPDATE `_schema_migrations` SET finished_at = CURRENT_TIMESTAMP(3) WHERE version = ?", [
          migration.version,
        ]);
        applied++;
      }
      return { applied, version: migrations.length };
    } finally {
      await conn.query("SELECT RELEASE_LOCK(?)", [lockName]);
    }
  } finally {
    conn.release();
  }
}

export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    readonly statementIndex: number,
    cause: unknown,
  ) {
    super(
      `migration ${migration.tag} failed at statement ${statementIndex + 1}/${migration.statements.length}: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
    this.name = "MigrationError";
  }
}
