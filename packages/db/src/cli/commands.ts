import { z } from "zod";
import { type DataLayer, prepareControlDatabase } from "../data-layer.js";
import { seedDemoUsers } from "../demo.js";
import { createOperator } from "../operators.js";
import { type ProvisionStep, provisionTenant, tenantBySlug } from "../provisioning.js";
import { addDomain, createTenantWithOwner, listTenants, setTenantStatus, TenantAdminError } from "../tenant-admin.js";
import { migrateTenants, type TenantMigrationResult } from "../tenant-migrations.js";
import { type CliIo, seconds, table } from "./format.js";

/** An expected failure of a command: one line on stderr, exit 1. */
export class CliError extends Error {
  override name = "CliError";
}

/** The tenants `dev-setup` guarantees, each with its own sample clients. */
const DEMO_TENANTS: { slug: string; name: string }[] = [
  { slug: "demo", name: "Estudio Fotográfico Demo" },
  { slug: "norte", name: "Marcos del Norte" },
];

export async function create(
  layer: DataLayer,
  io: CliIo,
  slug: string,
  opts: {
    name: string;
    plan?: string;
    businessType?: string;
    server?: string;
    owner?: { email: string; name?: string; password?: string };
  },
): Promise<void> {
  const started = performance.now();
  await prepareControlDatabase(layer);
  // onStep fires as a step starts: a step is done when the next one starts (or the call returns).
  let current: ProvisionStep | undefined;
  const { tenant, created, owner } = await createTenantWithOwner(layer, {
    slug,
    name: opts.name,
    plan: opts.plan,
    businessType: opts.businessType,
    serverName: opts.server,
    owner: opts.owner,
    onStep: (step) => {
      if (current) io.out(`✓ ${current}`);
      current = step;
    },
  }).catch((error: unknown) => {
    if (current) io.out(`✖ ${current}`);
    throw error;
  });
  if (!created || !current) {
    io.out(`tenant ${tenant.slug} already exists (${tenant.status}, server ${tenant.serverName})`);
    if (opts.owner) io.out(`  no owner added: ${opts.owner.email} was not created`);
    return;
  }
  io.out(`✓ ${current}`);
  io.out(
    `tenant ${tenant.slug} "${tenant.name}" is ${tenant.status} on server ${tenant.serverName} ` +
      `(database ${tenant.databaseName}, schema v${tenant.schemaVersion}) in ${seconds(started)}`,
  );
  if (!owner) {
    io.out("  no owner (--owner-email): nobody can log in to this studio");
  } else if (owner.existed) {
    io.out(`owner ${owner.email} already existed (an earlier, interrupted run): password unchanged`);
  } else {
    io.out(`owner ${owner.email}`);
    // The only place the generated password ever appears: it is stored as an Argon2id hash.
    if (owner.generatedPassword) io.out(`  password (shown once, store it now): ${owner.generatedPassword}`);
  }
}

export async function list(layer: DataLayer, io: CliIo): Promise<void> {
  const rows = await listTenants(layer).catch((error: unknown) => {
    // A new server has no control database (or tables) until the first create or migrate: no
    // tenants. `list` only reads, so it does not create them itself.
    const errno = ((error as { cause?: { errno?: number } }).cause ?? (error as { errno?: number })).errno;
    if (errno === 1049 || errno === 1146) return []; // ER_BAD_DB_ERROR, ER_NO_SUCH_TABLE
    throw error;
  });
  if (rows.length === 0) {
    io.out('no tenants yet: pnpm tenants create <slug> --name "…"');
    return;
  }
  const latest = layer.migrations.tenant.length;
  io.out(
    table(
      ["SLUG", "NAME", "PLAN", "STATUS", "SERVER", "SCHEMA"],
      rows.map((t) => [
        t.slug,
        t.name,
        t.plan,
        t.status,
        t.server,
        t.schemaVersion < latest ? `v${t.schemaVersion} (behind, latest v${latest})` : `v${t.schemaVersion}`,
      ]),
    ),
  );
  io.out(`${rows.length} tenant${rows.length === 1 ? "" : "s"}`);
}

/** Returns false when a tenant failed (exit code 1). */
export async function migrate(
  layer: DataLayer,
  io: CliIo,
  opts: { all: boolean; concurrency: number; slugs: string[] },
): Promise<boolean> {
  const started = performance.now();
  await prepareControlDatabase(layer);
  if (opts.slugs.length > 0) {
    const known = new Set((await listTenants(layer)).map((t) => t.slug));
    const unknown = opts.slugs.filter((s) => !known.has(s));
    if (unknown.length > 0) throw new TenantAdminError("TENANT_NOT_FOUND", `no tenant ${unknown.join(", ")}`);
  }
  const results = await migrateTenants(layer, {
    // Tenants named on the command line are checked even when the control DB says they are current.
    all: opts.all || opts.slugs.length > 0,
    slugs: opts.slugs.length > 0 ? opts.slugs : undefined,
    concurrency: opts.concurrency,
    onResult: (r) => io.out(describe(r)),
  });
  const migrated = results.filter((r) => r.ok && r.applied > 0).length;
  const current = results.filter((r) => r.ok && r.applied === 0).length;
  const failed = results.filter((r) => !r.ok).length;
  io.out(`${migrated} migrated, ${current} up to date, ${failed} failed (${seconds(started)})`);
  return failed === 0;
}

function describe(r: TenantMigrationResult): string {
  if (!r.ok) return `✖ ${r.slug} [${r.server}] ${r.error ?? "failed"}`;
  if (r.applied === 0) return `· ${r.slug} [${r.server}] up to date (v${r.version})`;
  return `✓ ${r.slug} [${r.server}] applied ${r.applied} migration${r.applied === 1 ? "" : "s"} (v${r.version})`;
}

export async function domain(layer: DataLayer, io: CliIo, slug: string, name: string, primary: boolean): Promise<void> {
  const added = await addDomain(layer, slug, name, { primary });
  io.out(`✓ ${added.domain} → ${added.tenant}${added.primary ? " (primary)" : ""}`);
}

export async function status(layer: DataLayer, io: CliIo, slug: string, to: "active" | "suspended" | "archived") {
  const tenant = await setTenantStatus(layer, slug, to);
  io.out(`✓ tenant ${tenant.slug} is ${tenant.status}`);
}

/**
 * The dev/test bootstrap: control DB migrated, demo tenants present and seeded, every tenant
 * current. Runs on every `npm run dev`/`npm test`, so the everything-exists path is a handful of
 * queries and one line of output.
 */
export async function devSetup(layer: DataLayer, io: CliIo): Promise<boolean> {
  if (io.env.NODE_ENV === "production")
    throw new CliError("dev-setup creates demo tenants: refusing with NODE_ENV=production");
  await prepareControlDatabase(layer);
  const existing = await Promise.all(DEMO_TENANTS.map((t) => tenantBySlug(layer, t.slug)));
  const created: string[] = [];
  for (const [i, demo] of DEMO_TENANTS.entries()) {
    // A "provisioning" tenant is one an earlier run left half-done: provisionTenant finishes it.
    if (existing[i] && existing[i].status !== "provisioning") continue;
    await provisionTenant(layer, { slug: demo.slug, name: demo.name });
    created.push(demo.slug);
  }
  const results = await migrateTenants(layer);
  // Demo users are ensured on every run (cheap when present), so older demo tenants get them too.
  for (const demo of DEMO_TENANTS) {
    const tenant = await tenantBySlug(layer, demo.slug);
    if (tenant?.status === "active") await seedDemoUsers(layer.tenantDb(tenant), demo.slug);
  }
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) io.out(describe(r));
  const notes = [
    created.length > 0 ? `created ${created.join(", ")}` : "",
    results.length - failed.length > 0 ? `migrated ${results.length - failed.length}` : "",
    failed.length > 0 ? `${failed.length} failed` : "",
  ].filter(Boolean);
  io.out(
    `› tenants ready: ${DEMO_TENANTS.map((t) => t.slug).join(", ")}${notes.length ? ` (${notes.join(", ")})` : ""}`,
  );
  return failed.length === 0;
}

export async function operatorCreate(
  layer: DataLayer,
  io: CliIo,
  email: string,
  opts: { name?: string; password?: string },
): Promise<void> {
  await prepareControlDatabase(layer);
  const { operator, password, generated } = await createOperator(layer.control, { email, ...opts });
  io.out(`✓ operator ${operator.email} "${operator.name}" created (id ${operator.id})`);
  // The only place the generated password ever appears: it is stored as an Argon2id hash.
  if (generated) io.out(`  password (shown once, store it now): ${password}`);
}

export const concurrencySchema = z.coerce.number().int().min(1).max(64);
