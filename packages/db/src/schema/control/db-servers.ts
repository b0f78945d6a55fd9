import { int, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, timestamps } from "../columns.js";

/**
 * A MySQL-compatible server that holds tenant databases. The row names the server; the
 * credentials never live here: `credentialsRef` says where the process finds them
 * (`env:DB_SERVERS#<name>`), so a leaked control database leaks no password.
 */
export const dbServers = mysqlTable("db_servers", {
  id: id(),
  name: varchar({ length: 64 }).notNull().unique(),
  host: varchar({ length: 255 }).notNull(),
  port: int({ unsigned: true }).notNull(),
  credentialsRef: varchar({ length: 255 }).notNull(),
  status: mysqlEnum(["active", "draining", "disabled"]).notNull().default("active"),
  ...timestamps,
});

export type DbServerRow = typeof dbServers.$inferSelect;
