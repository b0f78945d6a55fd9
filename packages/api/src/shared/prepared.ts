import { baseOf, commentOf, type Executor, sendTagged } from "@fotostudio/db";
import { MySqlTransaction } from "drizzle-orm/mysql-core";

/**
 * Statements built once per studio database and reused: Drizzle's query building (its `is()`
 * entity checks, SQL chunk merging) costs more CPU than the database's answer to a short read
 * (README "Fast serving path"). Kept beside the studio's Drizzle instance, so they go when it
 * goes (the pools' LRU of instances) and never cross studios. A transaction is per call: its
 * statements are built as usual, never kept.
 */
const built = new WeakMap<object, Map<string, unknown>>();

export function prepared<T extends { execute(...args: never[]): unknown }>(
  db: Executor,
  key: string,
  build: () => T,
): T {
  if (db instanceof MySqlTransaction) return build();
  // Kept per studio: a call's tagged view (query-tag.ts) shares its studio's statements.
  const studio = baseOf(db);
  let statements = built.get(studio);
  if (!statements) {
    statements = new Map();
    built.set(studio, statements);
  }
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build();
    statements.set(key, statement);
  }
  // The statement was built for some earlier call: this call's execution carries this call's tag.
  const comment = commentOf(db);
  if (!comment) return statement;
  const kept = statement;
  const execute = (...args: never[]) => sendTagged(comment, () => kept.execute(...args));
  return Object.create(kept, { execute: { value: execute } }) as T;
}
