import type mysql from "mysql2/promise";

/**
 * Who sends the SQL: the procedure and the tenant of the call, appended to every statement as a
 * comment in the sqlcommenter style (`… /*procedure='clients.list',tenant='demo'*\/`), so
 * MariaDB's processlist, slow log and general log name the source. The text is stable per
 * procedure and tenant (no request id, no time): statement digests and prepared statements group
 * by text.
 *
 * A call carries its tag on the database it is handed (`taggedDb`: a view of the studio's Drizzle
 * instance whose client appends the comment), not in an AsyncLocalStorage: on Node 20 an
 * AsyncLocalStorage turns on async_hooks' promise hooks for every promise of the process, which
 * cost ~300 µs of CPU per orders page (~20 % of the request; README "Fast serving path").
 */
export interface QueryTag {
  procedure: string;
  tenant?: string;
}

// Only characters that can never close the comment or quote: the values are ours (procedure
// paths, tenant slugs), but a comment is still SQL text.
const safe = (value: string) => value.replace(/[^A-Za-z0-9_.:-]/g, "_");

/** The comment for a call's statements. */
export function queryComment(tag: QueryTag): string {
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

// A statement kept across calls (prepared once per studio) holds the client it was built on;
// each call's execution names its own source here for the statement it sends. Drizzle's
// prepared execute reaches the client synchronously (no await in between), so the slot is set
// and cleared within one synchronous stretch and no other call can see it.
let sending = "";

/** Runs `send` (a prepared statement's execute) with its statement tagged by `comment`. */
export function sendTagged<T>(comment: string, send: () => T): T {
  const previous = sending;
  sending = comment;
  try {
    return send();
  } finally {
    sending = previous;
  }
}

/** The comment a statement sent right now carries: a `sendTagged` call's, else its client's own. */
export function commentNow(own: string): string {
  return sending || own;
}

interface TaggableSession {
  client: { tagged?(comment: string): unknown };
}

const views = new WeakMap<object, { base: object; comment: string }>();

/**
 * The same database for one call, its statements (transactions included) tagged with `tag`:
 * a view sharing the Drizzle instance (schema, dialect, prepared statements) with a session
 * whose client appends the comment. Cheap: two objects and a client per call.
 */
export function taggedDb<D extends object>(db: D, tag: QueryTag): D {
  const base = baseOf(db);
  const session = (base as unknown as { session?: TaggableSession }).session;
  const tagged = session?.client.tagged;
  if (!session || !tagged) return base;
  const comment = queryComment(tag);
  const view = Object.create(base, {
    session: { value: Object.create(session, { client: { value: tagged.call(session.client, comment) } }) },
  }) as D;
  views.set(view, { base, comment });
  return view;
}

/** The studio's own Drizzle instance behind a tagged view (or `db` itself). */
export function baseOf<D extends object>(db: D): D {
  return (views.get(db)?.base as D | undefined) ?? db;
}

/** The comment a tagged view's statements carry ("" for any other database). */
export function commentOf(db: object): string {
  return views.get(db)?.comment ?? "";
}
