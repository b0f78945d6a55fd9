import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { provisionTenant } from "../provisioning.js";
import { tenants } from "../schema/control/index.js";
import { listTenants } from "../tenant-admin.js";
import { createTestLayer, dropControlDatabase, dropTenant, uniqueSlug } from "../testing.js";
import { cliHarness, cliWith } from "./cli-harness.js";

const h = cliHarness();
const tenantsCli = (...argv: string[]) => h.cli(...argv);
const _tenant = (slug: string) => h.tenant(slug);
const _userOf = (slug: string, email: string) => h.userOf(slug, email);

describe("usage", () => {
  it("prints the usage on stdout with exit 0 for no command, help, --help and -h", async () => {
    for (const argv of [[], ["help"], ["--help"], ["-h"]]) {
      const run = await tenantsCli(...argv);
      expect(run.code, argv.join(" ")).toBe(0);
      expect(run.stdout).toMatch(/^usage: pnpm tenants <command>/);
      expect(run.stdout).toContain("operator create <email>");
      expect(run.stderr).toBe("");
    }
  });

  it("refuses an unknown command on stderr, with the usage, exit 1", async () => {
    const run = await tenantsCli("frobnicate", "x");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^✖ unknown command "frobnicate"\n\nusage: pnpm tenants/);
  });

  it("names the wrong argument count or the unknown option, exit 1", async () => {
    expect(await tenantsCli("create")).toMatchObject({
      code: 1,
      stderr: "✖ create: expected 1 argument(s) (pnpm tenants help)",
    });
    expect((await tenantsCli("create", "one", "two", "--name", "X")).stderr).toContain("create: expected 1 argument");
    expect((await tenantsCli("add-domain", "only-slug")).stderr).toContain("add-domain: expected 2 argument(s)");
    expect((await tenantsCli("list", "extra")).stderr).toContain("list: expected 0 argument(s)");
    const unknownOption = await tenantsCli("list", "--verbose");
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toMatch(/^✖ .*'--verbose'.*\(pnpm tenants help\)$/);
  });

  it("runs as `pnpm tenants` does (tsx src/cli/main.ts): exit codes reach the shell", async () => {
    const dbPackage = fileURLToPath(new URL("../../", import.meta.url));
    const spawn = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ["--import", "tsx", "src/cli/main.ts", ...args],
          { cwd: dbPackage, env: h.env },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const [help, unknown] = await Promise.all([spawn("help"), spawn("frobnicate")]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^usage: pnpm tenants/);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('✖ unknown command "frobnicate"');
  });
});

describe("list", () => {
  it("regression: on a server without a control database yet, says there are no tenants (and creates nothing)", async () => {
    const name = `fotostudio_control_none_${randomBytes(4).toString("hex")}`;
    expect(await cliWith({ ...h.env, CONTROL_DATABASE: name })("list")).toEqual({
      code: 0,
      stdout: 'no tenants yet: pnpm tenants create <slug> --name "…"',
      stderr: "",
    });
    const [schemas] = (await h.layer.pools
      .client(h.layer.controlServer, null)
      .query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name])) as [unknown[]];
    expect(schemas).toEqual([]);
  });

  it("an empty control database: says there are no tenants; then counts the first one", async () => {
    const name = `fotostudio_control_empty_${randomBytes(4).toString("hex")}`;
    const empty = await createTestLayer({ controlDatabase: name });
    const list = () => cliWith({ ...h.env, CONTROL_DATABASE: name })("list");
    try {
      expect((await list()).stdout).toBe('no tenants yet: pnpm tenants create <slug> --name "…"');
      const slug = uniqueSlug("one");
      await provisionTenant(empty, { slug, name: "Única" });
      const lines = (await list()).stdout.split("\n");
      expect(lines).toHaveLength(4);
      expect(lines[2]).toMatch(new RegExp(`^${slug} +Única +standard +active +primary +v\\d+$`));
      expect(lines[3]).toBe("1 tenant");
    } finally {
      for (const t of await listTenants(empty)) await dropTenant(empty, t.slug);
      await dropControlDatabase(empty);
      await empty.close();
    }
  });

  it("shows every tenant in slug order with plan, status, server and schema; marks tenants behind", async () => {
    const [a, b] = [uniqueSlug("lista"), uniqueSlug("listb")];
    await provisionTenant(h.layer, { slug: b, name: "Estudio B", plan: "premium" });
    await provisionTenant(h.layer, { slug: a, name: "Estudio A" });
    const latest = h.layer.migrations.tenant.length;
    await h.layer.control
      .update(tenants)
      .set({ schemaVersion: latest - 1 })
      .where(eq(tenants.slug, b));

    const run = await tenantsCli("list");
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^SLUG +NAME +PLAN +STATUS +SERVER +SCHEMA$/);
    expect(lines[1]).toMatch(/^-+( +-+){5}$/);
    const rowA = lines.find((l) => l.startsWith(`${a} `));
    const rowB = lines.find((l) => l.startsWith(`${b} `));
    expect(rowA?.split(/ {2,}/)).toEqual([a, "Estudio A", "standard", "active", "primary", `v${latest}`]);
    expect(rowB?.split(/ {2,}/)).toEqual([
      b,
      "Estudio B",
      "premium",
      "active",
      "primary",
      `v${latest - 1} (behind, latest v${latest})`,
    ]);
    expect(lines.indexOf(rowA as string)).toBeLessThan(lines.indexOf(rowB as string));
    const count = (await listTenants(h.layer)).length;
    expect(lines.at(-1)).toBe(`${count} tenant${count === 1 ? "" : "s"}`);
    // Columns line up: each cell starts where its header does.
    const starts = ["NAME", "PLAN", "STATUS", "SERVER", "SCHEMA"].map((h) => lines[0]?.indexOf(h) ?? -1);
    for (const row of [rowA, rowB] as string[]) {
      expect(
        starts.map((at) => row[at - 1] === " " && row[at] !== " "),
        row,
      ).toEqual(starts.map(() => true));
    }
    await h.layer.control.update(tenants).set({ schemaVersion: latest }).where(eq(tenants.slug, b));
  });
});

describe("configuration and database errors", () => {
  it("a bad setting is named on stderr, exit 1", async () => {
    expect(await cliWith({ ...h.env, DB_MAX_CONNECTIONS: "1" })("list")).toMatchObject({
      code: 1,
      stderr: "✖ DB_MAX_CONNECTIONS: Too small: expected number to be >=2",
    });
    expect((await cliWith({ ...h.env, DB_SERVERS: "mysql://root@localhost" })("list")).stderr).toBe(
      "✖ DB_SERVERS entries look like name=mysql://user:password@host:port",
    );
  });

  it("a database refusing the login says why; DEBUG adds the stack only for unexpected errors", async () => {
    const url = new URL(h.layer.config.servers[0]?.url as string);
    url.password = "not-the-password";
    const badEnv = { ...h.env, DB_SERVERS: undefined, DATABASE_URL: url.toString() };
    const run = await cliWith(badEnv)("list");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^✖ Access denied for user .* \(ER_ACCESS_DENIED_ERROR\)$/);
    expect(run.stderr).not.toContain("not-the-password");

    const debug = await cliWith({ ...badEnv, DEBUG: "1" })("list");
    expect(debug.stderr.split("\n")[0]).toBe(run.stderr);
    expect(debug.stderr).toMatch(/\n\s+at /);
    const expected = await cliWith({ ...h.env, DEBUG: "1" })("suspend", "no-such-tenant");
    expect(expected.stderr).toBe('✖ no tenant "no-such-tenant" (TENANT_NOT_FOUND)');
  });
});
