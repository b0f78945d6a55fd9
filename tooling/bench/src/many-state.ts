import { setTimeout as sleep } from "node:timers/promises";
import { createDataLayer, dbConfigFromEnv, prepareControlDatabase } from "@fotostudio/db";
import mysql, { type RowDataPacket } from "mysql2/promise";
import { rssKib } from "./processes.js";
import { type BenchTenant, type DataSize, prepareStudio } from "./setup.js";
import type { App } from "./targets.js";

// What the many-studios mode reads around its measurements: the studios it provisions, MariaDB's
// counters and the app's pools and memory.

export const studioSlug = (i: number) => `bench-${String(i + 1).padStart(4, "0")}`;

export async function provisionStudios(
  n: number,
  data: DataSize,
  parallel: number,
  progress: (message: string) => void,
): Promise<BenchTenant[]> {
  const layer = createDataLayer(dbConfigFromEnv());
  try {
    await prepareControlDatabase(layer);
    const started = performance.now();
    let done = 0;
    return await inBatches(
      Array.from({ length: n }, (_, i) => studioSlug(i)),
      parallel,
      async (slug) => {
        const studio = await prepareStudio(layer, slug, data);
        done++;
        if (done % 25 === 0 || done === n) {
          progress(`  ${done}/${n} studios (${Math.round((performance.now() - started) / 1000)} s)`);
        }
        return studio;
      },
    );
  } finally {
    await layer.close();
  }
}

/** `fn` over `items`, at most `parallel` at a time, results in the items' order. */
export async function inBatches<T, R>(items: T[], parallel: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/** MariaDB's statement counters (whole server: nothing else should be loading it). */
export async function dbStatus(serverUrl: string): Promise<Record<string, number>> {
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_change_db')",
    );
    return Object.fromEntries(rows.map((r) => [String(r.Variable_name), Number(r.Value)]));
  } finally {
    await conn.end();
  }
}

/** The app's pools (its /ready), the server's connected threads and the app's resident memory. */
export async function appState(app: App, serverUrl: string) {
  // Let the last requests of a load finish, so the pools show connections at rest.
  await sleep(1_000);
  const ready = (await (await fetch(`${app.base}/ready`)).json()) as { pools?: unknown };
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected', 'Opened_tables', 'Opened_table_definitions')",
    );
    const status = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value);
    return {
      pools: ready.pools,
      threadsConnected: status("Threads_connected"),
      // Growth = tables MariaDB had to (re)open: its table cache is smaller than the studios' tables.
      openedTables: status("Opened_tables"),
      openedTableDefinitions: status("Opened_table_definitions"),
      rssKib: rssKib(app.pid),
    };
  } finally {
    await conn.end();
  }
}

export const kib = (v: number | undefined) => (v === undefined ? "n/a" : `${(v / 1024).toFixed(1)} MiB`);
