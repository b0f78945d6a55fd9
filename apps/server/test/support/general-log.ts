import type { DataLayer } from "@fotostudio/db";
import { createTestLayer } from "@fotostudio/db/testing";
import { sql } from "drizzle-orm";
import type mysql from "mysql2/promise";

/**
 * MariaDB's general log, read back by the tests that check which SQL a request sends. The log is
 * a server-wide switch and test files run in parallel workers: each holder takes a named lock for
 * as long as it has the log on, so one file never switches it off under another's reads.
 */
export interface GeneralLog extends AsyncDisposable {
  /** The statements carrying `marker` (a procedure's SQL comment), oldest first. */
  logged(marker: string): Promise<string[]>;
  close(): Promise<void>;
}

const LOCK = "fotostudio_tests_general_log";

export async function openGeneralLog(): Promise<GeneralLog> {
  const admin: DataLayer = await createTestLayer();
  const pool = admin.pools.pool(admin.controlServer);
  const holder: mysql.PoolConnection = await pool.getConnection();
  await holder.query("SELECT GET_LOCK(?, 600)", [LOCK]);
  await holder.query("SET GLOBAL log_output = 'TABLE'");
  await holder.query("SET GLOBAL general_log = 'ON'");
  const close = async () => {
    await holder.query("SET GLOBAL general_log = 'OFF'");
    await holder.query("TRUNCATE TABLE mysql.general_log");
    await holder.query("SELECT RELEASE_LOCK(?)", [LOCK]);
    holder.release();
    await admin.close();
  };
  return {
    async logged(marker) {
      const [rows] = (await admin.control.execute(
        sql`SELECT CONVERT(argument USING utf8mb4) AS statement FROM mysql.general_log
            WHERE command_type IN ('Query', 'Execute') AND CONVERT(argument USING utf8mb4) LIKE ${`%${marker}%`}
            ORDER BY event_time`,
      )) as unknown as [{ statement: string }[]];
      return rows.map((r) => r.statement);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
