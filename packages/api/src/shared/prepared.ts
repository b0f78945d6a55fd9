import type { Executor } from "@fotostudio/db";
import { MySqlTransaction } from "drizzle-orm/mysql-core";

/**
 * Statements built once per studio database and reused: Drizzle's query building (its `is()`
 * entity checks, SQL chunk merging) costs more CPU than the database's answer to a short read
 * (README "Fast serving path"). Kept beside the studio's Drizzle instance, so they go when it
 * goes (the pools' LRU of instances) and never cross studios. A transaction is per call: its
 * statements are built as usual, never kept.
 */
const built = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Executor, key: string, build: () => T): T {
  if (db instanceof MySqlTransaction) return build();
  let statements = built.get(db);
  if (!statements) {
    statements = new Map();
    built.set(db, statements);
  }
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build();
    statements.set(key, statement);
  }
  return statement;
}
