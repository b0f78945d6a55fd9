import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { DataLayer } from "../data-layer.js";
import { tenantBySlug } from "../provisioning.js";
import type { TenantRecord } from "../registry.js";
import { roles, users } from "../schema/tenant/index.js";
import { listTenants } from "../tenant-admin.js";
import { createTestLayer, dropControlDatabase, dropTenant } from "../testing.js";
import { main } from "./main.js";

// The tenants CLI run in-process, as `pnpm tenants` runs it, against a control database of the
// test file's own (so `list` and `migrate` see only what that file made). Test support only.

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pnpm tenants <argv…>` with `env` as its environment. */
export function cliWith(env: NodeJS.ProcessEnv) {
  return async (...argv: string[]): Promise<CliRun> => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await main(argv, {
      out: (line = "") => void stdout.push(line),
      err: (line) => void stderr.push(line),
      env,
    });
    return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
  };
}

export const shownPassword = (stdout: string) => stdout.match(/password \(shown once, store it now\): (\S+)/)?.[1];

export interface CliHarness {
  layer: DataLayer;
  env: NodeJS.ProcessEnv;
  cli: ReturnType<typeof cliWith>;
  tenant(slug: string): Promise<TenantRecord>;
  userOf(slug: string, email: string): Promise<{ name: string; passwordHash: string; role: string } | undefined>;
}

/** Registers the file's hooks: a control database of its own, dropped with its tenants afterwards. */
export function cliHarness(): CliHarness {
  const harness = {} as CliHarness;
  beforeAll(async () => {
    const controlDatabase = `fotostudio_control_cli_${randomBytes(4).toString("hex")}`;
    harness.layer = await createTestLayer({ controlDatabase });
    harness.env = { ...process.env, CONTROL_DATABASE: controlDatabase };
    harness.cli = cliWith(harness.env);
  });
  afterAll(async () => {
    for (const t of await listTenants(harness.layer)) await dropTenant(harness.layer, t.slug);
    await dropControlDatabase(harness.layer);
    await harness.layer.close();
  });
  harness.tenant = async (slug) => {
    const found = await tenantBySlug(harness.layer, slug);
    if (!found) throw new Error(`no tenant ${slug}`);
    return found;
  };
  harness.userOf = async (slug, email) => {
    const [user] = await harness.layer
      .tenantDb(await harness.tenant(slug))
      .select({ name: users.name, passwordHash: users.passwordHash, role: roles.key })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(eq(users.email, email));
    return user;
  };
  return harness;
}
