import type { MySql2Database } from "drizzle-orm/mysql2";
import type * as controlSchema from "./schema/control/index.js";
import type * as tenantSchema from "./schema/tenant/index.js";

/** A tenant database: every business table, no tenant_id columns (the database is the boundary). */
export type Database = MySql2Database<typeof tenantSchema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** What services accept: the tenant database or a transaction on it. */
export type Executor = Database | Transaction;

export type ControlDatabase = MySql2Database<typeof controlSchema>;
export type ControlTransaction = Parameters<Parameters<ControlDatabase["transaction"]>[0]>[0];
