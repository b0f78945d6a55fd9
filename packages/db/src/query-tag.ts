import { AsyncLocalStorage } from "node:async_hooks";
import type mysql from "mysql2/promise";

/**
 * Who sends the SQL: the procedure and the tenant of the call in progress, appended to every
 * statement as a comment in the sqlcommenter style (`… /*procedure='clients.list',tenant='demo'*\/`),
 * so MariaDB's processlist, slow log and general log name the source. The text is stable per
 * procedure and tenant (no request id, no time): statement digests and prepared statements group
 * by text.
 */
export interface QueryTag {
  procedure: string;
  tenant?: string;
}

const current = new AsyncLocalStorage<QueryTag>();

/** Runs `fn` with every statement it sends tagged with `procedure` (and, once known, the tenant). */
export function runWithQueryTag<T>(procedure: string, fn: () => T): T {
  return current.run({ procedure }, fn);
}

/** Adds the tenant to the tag of the call in progress (resolved after the call began). */
export function tagQueriesWithTenant(tenant: string): void {
  const tag = current.getStore();
  if (tag) tag.tenant = tenant;
}

// Only characters that can never close the comment or quote: the values are ours (procedure
// paths, tenant slugs), but a comment is still SQL text.
const safe = (value: string) => value.replace(/[^A-Za-z0-9_.:-]/g, "_");

/** The comment for the call in progress, or "" outside any tagged call. */
export function queryComment(): string {
  const tag = current.getStore();
  if (!tag) return "";
  const tenant = tag.tenant ? `,tenant='${safe(tag.tenant)}'` : "";
  return ` /*procedure='${safe(tag.procedure)}'${tenant}*/`;
}

/** The statement with the call's comment appended; mysql2 accepts a string or an options object. */
export function tagStatement<Q extends string | mysql.QueryOptions>(statement: Q, comment: string): Q {
  if (!comment) return statement;
  if (typeof statement === "string") return `${statement}${comment}` as Q;
  const options: mysql.QueryOptions = statement;
  return { ...options, sql: `${options.sql}${comment}` } as Q;
}
