import { createDataLayer, DEMO_PASSWORD, dbConfigFromEnv, tenantBySlug } from "@fotostudio/db";
import { buildApp } from "../app.js";
import { parseEnv } from "../env.js";
import { type DemoSample, type RestCall, seedDemoStudio } from "./seed.js";

// `pnpm --filter @fotostudio/server run demo` (run by `npm run dev` after `tenants dev-setup`):
// loads the demo data set into the demo studios that have no orders yet. Requests go through the
// real app in-process (Fastify's inject), as the studio's owner; nothing listens on a port.

const STUDIOS: DemoSample[] = ["demo", "norte"];

const env = parseEnv({ ...process.env, LOG_LEVEL: "warn" });
if (env.NODE_ENV === "production") {
  process.stderr.write("demo data: refusing with NODE_ENV=production\n");
  process.exit(1);
}
const layer = createDataLayer(dbConfigFromEnv());
const app = await buildApp({ env, layer });
try {
  for (const slug of STUDIOS) {
    const tenant = await tenantBySlug(layer, slug);
    if (tenant?.status !== "active") continue;
    const send = async (method: string, url: string, body?: unknown, token?: string) => {
      const res = await app.inject({
        method: method as "GET",
        url,
        headers: { "x-tenant-id": slug, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
    };
    const login = await send("POST", "/api/auth/login/", { email: `owner@${slug}.test`, password: DEMO_PASSWORD });
    if (login.status !== 200) throw new Error(`demo data: owner@${slug}.test cannot log in (${login.status})`);
    const call: RestCall = (method, url, body) => send(method, url, body, login.body.access);
    const started = Date.now();
    const counts = await seedDemoStudio(call, layer.tenantDb(tenant), slug);
    process.stdout.write(
      counts
        ? `demo data: ${slug} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(", ")})\n`
        : `demo data: ${slug} has orders already, left as it is\n`,
    );
  }
} finally {
  await app.close();
  await layer.close();
}
