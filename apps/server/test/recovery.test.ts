import { createDataLayer, dbConfigFromEnv, prepareControlDatabase } from "@fotostudio/db";
import { createTestTenant, dropTenant, TEST_PASSWORD } from "@fotostudio/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { localConnectionUrl, startLocalMariaDB, stopLocalMariaDB } from "../../../tooling/mariadb/local.mjs";
import { http, login, startServer, type TestServer } from "./support/server.js";

// The database going away and coming back (SPEC §7): while it is away every request answers 503
// DATABASE_UNAVAILABLE (never a 500), and once it is back the same process serves again, no
// restart. It needs a server of its own to stop, so it runs only with the local MariaDB.
const localPort = Number(process.env.LOCAL_DB_PORT ?? 3307);
const port = localPort + 2;
const external =
  Boolean(process.env.DB_SERVERS) ||
  (Boolean(process.env.DATABASE_URL) && process.env.DATABASE_URL !== localConnectionUrl(localPort));
const title = "answers 503 while the database is down and recovers by itself when it is back";

let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
  await server?.layer.close();
  if (!external) await stopLocalMariaDB({ port, quiet: true });
});

describe("database away and back", () => {
  it.skipIf(external)(external ? `${title} (skipped: no local server to stop)` : title, async () => {
    const { url } = await startLocalMariaDB({ port });
    const layer = createDataLayer({ ...dbConfigFromEnv(), servers: [{ name: "primary", url }] });
    server = await startServer({}, layer);
    await prepareControlDatabase(layer);
    const tenant = await createTestTenant(layer);
    const token = await login(server.url, tenant.slug, `owner@${tenant.slug}.test`, TEST_PASSWORD);
    const list = () => http(server?.url ?? "", "GET", "/api/clients/", { tenant: tenant.slug, token });
    expect((await list()).status).toBe(200);

    await stopLocalMariaDB({ port, quiet: true });
    for (let i = 0; i < 3; i++) {
      const res = await list();
      expect(res.status).toBe(503);
      expect(res.body.code).toBe("DATABASE_UNAVAILABLE");
    }
    expect((await http(server.url, "GET", "/ready")).status).toBe(503);

    await startLocalMariaDB({ port });
    // A pooled connection may still be the dead one on the first try: allow a few requests.
    let status = 0;
    for (let i = 0; i < 10 && status !== 200; i++) status = (await list()).status;
    expect(status).toBe(200);
    expect((await http(server.url, "GET", "/ready")).status).toBe(200);
    await dropTenant(layer, tenant.slug);
  });
});
