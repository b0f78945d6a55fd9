import { sql } from "drizzle-orm";
import { bigint, datetime } from "drizzle-orm/mysql-core";

// `serial()` emits `SERIAL` with a default MariaDB rejects; an explicit unsigned bigint works on both.
export const id = () => bigint({ mode: "number", unsigned: true }).autoincrement().primaryKey();

/** A foreign key to an `id()` column; `name` only where the SQL name is not the key's (session tables). */
export const ref = (name = "") => bigint(name, { mode: "number", unsigned: true });

/**
 * A UTC instant. DATETIME, not TIMESTAMP: no 2038 limit and no session time-zone conversion
 * (Drizzle reads DATETIME as UTC; the servers run with `time_zone = +00:00`).
 */
export const instant = () => datetime({ mode: "date", fsp: 3 });

export const timestamps = {
  createdAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  updatedAt: instant()
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date()),
};
