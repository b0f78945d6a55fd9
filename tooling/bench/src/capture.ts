import mysql, { type RowDataPacket } from "mysql2/promise";

/**
 * The SQL the app really sends for one request, read back from MariaDB's general log: the floor
 * replays these strings instead of a hand-written copy, so it does the same database work as the
 * app whatever the app's code does today (caches, prepared statements, counts skipped).
 */
export interface CapturedStatement {
  /** `Query` (text protocol) or `Execute` (a prepared statement; the log shows it with its values). */
  command: "Query" | "Execute";
  /** The server connection that ran it: statements of one await chain share one (the pool is LIFO). */
  thread: number;
  /** When the server received it (the general log's event_time, µs). */
  at: string;
  text: string;
}

export interface Capture {
  /** What the capture picked statements by: the app's SQL comment for the procedure and studio. */
  tag: string;
  statements: CapturedStatement[];
  /** Per statement, the index of the one it waits for (the previous on its connection), or -1. */
  after: number[];
}

/**
 * Turns the general log on (to a table), sends `request` `times` times and keeps the statements
 * of the last one (steady state: caches warmed by the earlier ones), then restores the log as it
 * was. The window is bounded by NOW(6) read on our own connection before and after the request.
 */
export async function captureSql(
  serverUrl: string,
  tag: string,
  request: () => Promise<void>,
  times = 3,
): Promise<Capture> {
  const conn = await mysql.createConnection({ uri: serverUrl, timezone: "Z" });
  try {
    const [[before]] = await conn.query<RowDataPacket[]>(
      "SELECT @@GLOBAL.general_log AS generalLog, @@GLOBAL.log_output AS logOutput",
    );
    // Someone else (the SQL comments test) may have it on: then leave it on and its rows in place.
    const wasOn = Number(before?.generalLog) === 1;
    await conn.query("SET GLOBAL log_output = 'TABLE'");
    await conn.query("SET GLOBAL general_log = 'ON'");
    let rows: RowDataPacket[] = [];
    try {
      for (let i = 1; i < times; i++) await request();
      const start = await serverNow(conn);
      await request();
      const end = await serverNow(conn);
      [rows] = await conn.query<RowDataPacket[]>(
        `SELECT DATE_FORMAT(event_time, '%Y-%m-%d %H:%i:%s.%f') AS at, thread_id AS thread, command_type AS command,
                CONVERT(argument USING utf8mb4) AS text
           FROM mysql.general_log
          WHERE command_type IN ('Query', 'Execute') AND event_time BETWEEN ? AND ?
            AND CONVERT(argument USING utf8mb4) LIKE ?
          ORDER BY event_time`,
        [start, end, `%${tag}`],
      );
    } finally {
      if (!wasOn) {
        await conn.query("SET GLOBAL general_log = 'OFF'");
        await conn.query("TRUNCATE TABLE mysql.general_log");
      }
      await conn.query("SET GLOBAL log_output = ?", [String(before?.logOutput ?? "FILE")]);
    }
    const statements = rows
      .map((r) => ({ command: r.command, thread: Number(r.thread), at: String(r.at), text: String(r.text) }))
      .filter(
        (s): s is CapturedStatement => s.text.endsWith(tag) && (s.command === "Query" || s.command === "Execute"),
      );
    if (statements.length === 0) throw new Error(`no statement tagged ${tag} in the general log`);
    return { tag, statements, after: replayPlan(statements) };
  } finally {
    await conn.end();
  }
}

/** The server's clock as text, to the microsecond (a JS Date would cut it to the millisecond). */
async function serverNow(conn: mysql.Connection): Promise<string> {
  const [[row]] = await conn.query<RowDataPacket[]>("SELECT CAST(NOW(6) AS CHAR) AS t");
  return String(row?.t);
}

/**
 * How to replay: for each statement, the statement before it on the same connection (or -1).
 * A connection runs one statement at a time, so that one had answered before the app sent this
 * one; a statement with no such predecessor still running was sent while the others were busy
 * (Promise.all, or the procedures of one batch). mysql2's pool hands out the connection released
 * last, so at rest an await chain stays on one connection and a parallel statement takes another.
 */
export function replayPlan(statements: Pick<CapturedStatement, "thread">[]): number[] {
  const last = new Map<number, number>();
  return statements.map((s, i) => {
    const before = last.get(s.thread) ?? -1;
    last.set(s.thread, i);
    return before;
  });
}

/** For stderr: one line a statement, with what it waits for. */
export function describeCapture(name: string, capture: Capture): string {
  const lines = capture.statements.map((s, i) => {
    const after = capture.after[i] ?? -1;
    const wait = after >= 0 ? `after #${after + 1}` : i === 0 ? "first" : "parallel";
    return `  #${String(i + 1).padEnd(2)} ${wait.padEnd(9)} [${s.command} conn ${s.thread}] ${s.text}`;
  });
  return `${name}: ${capture.statements.length} statements\n${lines.join("\n")}`;
}
