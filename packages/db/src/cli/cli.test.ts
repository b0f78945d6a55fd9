import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataLayer } from "../data-layer.js";
import { provisionTenant, tenantBySlug } from "../provisioning.js";
import type { TenantRecord } from "../registry.js";
import { domains, operators, tenants } from "../schema/control/index.js";
import { roles, users } from "../schema/tenant/index.js";
import { verifyPassword } from "../security/passwords.js";
import { listTenants } from "../tenant-admin.js";
import { createTestLayer, dropControlDatabase, dropTenant, uniqueSlug } from "../testing.js";
import { main } from "./main.js";

// The tenants CLI run in-process, as `pnpm tenants` runs it, against a control database of this
// file's own (so `list` and `migrate` see only what these tests made).

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pnpm tenants <argv…>` with `env` as its environment. */
function cliWith(env: NodeJS.ProcessEnv) {
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

const shownPassword = (stdout: string) => stdout.match(/password \(shown once, store it now\): (\S+)/)?.[1];

let layer: DataLayer;
let env: NodeJS.ProcessEnv;
let tenantsCli: ReturnType<typeof cliWith>;

beforeAll(async () => {
  const controlDatabase = `fotostudio_control_cli_${randomBytes(4).toString("hex")}`;
  layer = await createTestLayer({ controlDatabase });
  env = { ...process.env, CONTROL_DATABASE: controlDatabase };
  tenantsCli = cliWith(env);
});

afterAll(async () => {
  for (const t of await listTenants(layer)) await dropTenant(layer, t.slug);
  await dropControlDatabase(layer);
  await layer.close();
});

async function tenant(slug: string): Promise<TenantRecord> {
  const found = await tenantBySlug(layer, slug);
  if (!found) throw new Error(`no tenant ${slug}`);
  return found;
}

async function userOf(slug: string, email: string) {
  const [user] = await layer
    .tenantDb(await tenant(slug))
    .select({ name: users.name, passwordHash: users.passwordHash, role: roles.key })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.email, email));
  return user;
}

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
          { cwd: dbPackage, env },
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

describe("create", () => {
  it("provisions a studio step by step and prints the owner's generated password once; it logs in", async () => {
    const slug = uniqueSlug("cli");
    const email = `Owner@${slug}.test`;
    const run = await tenantsCli("create", slug, "--name", "  Estudio Luz  ", "--owner-email", email);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual(["✓ register", "✓ database", "✓ migrate", "✓ seed", "✓ activate"]);
    const latest = layer.migrations.tenant.length;
    expect(lines[5]).toMatch(
      new RegExp(
        `^tenant ${slug} "Estudio Luz" is active on server primary \\(database fotostudio_t_${slug.replace("-", "_")}, schema v${latest}\\) in \\d+\\.\\d\\d s$`,
      ),
    );
    // The e-mail is stored (and shown) lower-cased; the name defaults to its local part.
    expect(lines[6]).toBe(`owner owner@${slug}.test`);
    const password = shownPassword(run.stdout);
    expect(password).toMatch(/^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/);
    expect(run.stdout.split(password as string)).toHaveLength(2);

    const owner = await userOf(slug, `owner@${slug}.test`);
    expect(owner).toMatchObject({ name: "owner", role: "owner" });
    expect(owner?.passwordHash).not.toContain(password);
    expect(await verifyPassword(owner?.passwordHash as string, password as string)).toBe(true);
    expect(await tenant(slug)).toMatchObject({ status: "active", plan: "standard", schemaVersion: latest });
  });

  it("with --owner-password, --owner-name, --plan and --business-type: nothing secret is printed", async () => {
    const slug = uniqueSlug("cli");
    const run = await tenantsCli(
      "create",
      slug,
      "--name",
      "Marcos Premium",
      "--plan",
      "premium",
      "--business-type",
      "framing",
      "--owner-email",
      `ana@${slug}.test`,
      "--owner-name",
      "Ana Ruiz",
      "--owner-password",
      "marcos-de-roble-9",
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`owner ana@${slug}.test`);
    expect(run.stdout).not.toContain("password");
    expect(run.stdout).not.toContain("marcos-de-roble-9");
    const owner = await userOf(slug, `ana@${slug}.test`);
    expect(owner).toMatchObject({ name: "Ana Ruiz", role: "owner" });
    expect(await verifyPassword(owner?.passwordHash as string, "marcos-de-roble-9")).toBe(true);
    const [row] = await layer.control.select().from(tenants).where(eq(tenants.slug, slug));
    expect(row).toMatchObject({ plan: "premium", businessType: "framing" });
  });

  it("without --owner-email: says nobody can log in; a second create leaves the studio as it is", async () => {
    const slug = uniqueSlug("cli");
    const first = await tenantsCli("create", slug, "--name", "Sin Dueño");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("  no owner (--owner-email): nobody can log in to this studio");
    expect(
      await layer
        .tenantDb(await tenant(slug))
        .select()
        .from(users),
    ).toEqual([]);

    const again = await tenantsCli("create", slug, "--name", "Otro Nombre", "--owner-email", `x@${slug}.test`);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      `tenant ${slug} already exists (active, server primary)\n  no owner added: x@${slug}.test was not created`,
    );
    expect((await tenant(slug)).name).toBe("Sin Dueño");
    expect(
      await layer
        .tenantDb(await tenant(slug))
        .select()
        .from(users),
    ).toEqual([]);
  });

  it("finishes a provisioning that was killed after the owner was created, keeping the owner's password", async () => {
    const slug = uniqueSlug("cli");
    const email = `owner@${slug}.test`;
    const killed = provisionTenant(layer, {
      slug,
      name: "Interrumpido",
      owner: { email, password: "first-run-password" },
      onStep: (step) => {
        if (step === "activate") throw new Error("killed before activation");
      },
    });
    await expect(killed).rejects.toThrow("killed before activation");
    expect((await tenant(slug)).status).toBe("provisioning");

    const run = await tenantsCli("create", slug, "--name", "Interrumpido", "--owner-email", email);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`tenant ${slug} "Interrumpido" is active`);
    expect(run.stdout).toContain(`owner ${email} already existed (an earlier, interrupted run): password unchanged`);
    // A generated password that did not take effect is never shown.
    expect(shownPassword(run.stdout)).toBeUndefined();
    const owner = await userOf(slug, email);
    expect(await verifyPassword(owner?.passwordHash as string, "first-run-password")).toBe(true);
    expect(await tenant(slug)).toMatchObject({ status: "active" });
  });

  it("refuses bad input before touching anything: name, e-mail, owner options, slug, password", async () => {
    const slug = uniqueSlug("cli");
    const cases: [string[], string][] = [
      [[], '✖ create needs --name "Studio name"'],
      [["--name", "   "], '✖ create needs --name "Studio name"'],
      [["--name", "X", "--owner-email", "not-an-email"], '✖ --owner-email: "not-an-email" is not an e-mail address'],
      [["--name", "X", "--owner-password", "long-enough-pw"], "✖ --owner-name and --owner-password need --owner-email"],
      [["--name", "X", "--owner-name", "Ana"], "✖ --owner-name and --owner-password need --owner-email"],
      [
        ["--name", "X", "--owner-email", `o@${slug}.test`, "--owner-password", "short"],
        "✖ owner password: Use at least 10 characters (WEAK_PASSWORD)",
      ],
    ];
    for (const [options, message] of cases) {
      const run = await tenantsCli("create", slug, ...options);
      expect(run, options.join(" ")).toMatchObject({ code: 1, stdout: "", stderr: message });
    }
    expect(await tenantsCli("create", "Bad_Slug", "--name", "X")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^✖ slug: 3-41 characters.*\(INVALID_SLUG\)$/),
    });
    expect(await tenantsCli("create", "admin", "--name", "X")).toMatchObject({
      code: 1,
      stderr: '✖ slug "admin" is reserved (SLUG_RESERVED)',
    });
    expect(await tenantBySlug(layer, slug)).toBeNull();
  });

  it("--server naming an unconfigured server fails at the register step; nothing is registered", async () => {
    const slug = uniqueSlug("cli");
    const run = await tenantsCli("create", slug, "--name", "X", "--server", "ghost");
    expect(run).toMatchObject({
      code: 1,
      stdout: "✖ register",
      stderr: '✖ database server "ghost" is not configured (SERVER_NOT_FOUND)',
    });
    expect(await tenantBySlug(layer, slug)).toBeNull();
  });

  it("an over-long studio name is refused by the database with its reason; nothing is registered", async () => {
    const slug = uniqueSlug("cli");
    const run = await tenantsCli("create", slug, "--name", "N".repeat(201));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("✖ register");
    expect(run.stderr).toMatch(/^✖ Data too long for column 'name'.* \(ER_DATA_TOO_LONG\)$/);
    expect(await tenantBySlug(layer, slug)).toBeNull();
  });
});

describe("list", () => {
  it("regression: on a server without a control database yet, says there are no tenants (and creates nothing)", async () => {
    const name = `fotostudio_control_none_${randomBytes(4).toString("hex")}`;
    expect(await cliWith({ ...env, CONTROL_DATABASE: name })("list")).toEqual({
      code: 0,
      stdout: 'no tenants yet: pnpm tenants create <slug> --name "…"',
      stderr: "",
    });
    const [schemas] = (await layer.pools
      .client(layer.controlServer, null)
      .query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name])) as [unknown[]];
    expect(schemas).toEqual([]);
  });

  it("an empty control database: says there are no tenants; then counts the first one", async () => {
    const name = `fotostudio_control_empty_${randomBytes(4).toString("hex")}`;
    const empty = await createTestLayer({ controlDatabase: name });
    const list = () => cliWith({ ...env, CONTROL_DATABASE: name })("list");
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
    await provisionTenant(layer, { slug: b, name: "Estudio B", plan: "premium" });
    await provisionTenant(layer, { slug: a, name: "Estudio A" });
    const latest = layer.migrations.tenant.length;
    await layer.control
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
    const count = (await listTenants(layer)).length;
    expect(lines.at(-1)).toBe(`${count} tenant${count === 1 ? "" : "s"}`);
    // Columns line up: each cell starts where its header does.
    const starts = ["NAME", "PLAN", "STATUS", "SERVER", "SCHEMA"].map((h) => lines[0]?.indexOf(h) ?? -1);
    for (const row of [rowA, rowB] as string[]) {
      expect(
        starts.map((at) => row[at - 1] === " " && row[at] !== " "),
        row,
      ).toEqual(starts.map(() => true));
    }
    await layer.control.update(tenants).set({ schemaVersion: latest }).where(eq(tenants.slug, b));
  });
});

describe("suspend, resume, archive", () => {
  it("moves a tenant through its statuses and refuses illegal transitions", async () => {
    const slug = uniqueSlug("cli");
    await provisionTenant(layer, { slug, name: "Estados" });
    expect(await tenantsCli("suspend", slug)).toEqual({ code: 0, stdout: `✓ tenant ${slug} is suspended`, stderr: "" });
    expect((await tenant(slug)).status).toBe("suspended");
    // Asking for the status it already has is not an error.
    expect(await tenantsCli("suspend", slug)).toMatchObject({ code: 0, stdout: `✓ tenant ${slug} is suspended` });
    expect(await tenantsCli("resume", slug)).toMatchObject({ code: 0, stdout: `✓ tenant ${slug} is active` });
    expect(await tenantsCli("archive", slug)).toMatchObject({ code: 0, stdout: `✓ tenant ${slug} is archived` });

    for (const command of ["resume", "suspend"]) {
      const to = command === "resume" ? "active" : "suspended";
      expect(await tenantsCli(command, slug)).toEqual({
        code: 1,
        stdout: "",
        stderr: `✖ tenant "${slug}" is archived; cannot become ${to} (ILLEGAL_TRANSITION)`,
      });
    }
    expect((await tenant(slug)).status).toBe("archived");
  });

  it("a half-provisioned tenant cannot be suspended; an unknown one is not found", async () => {
    const slug = uniqueSlug("cli");
    await expect(
      provisionTenant(layer, {
        slug,
        name: "A medias",
        onStep: (step) => {
          if (step === "seed") throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    expect((await tenantsCli("suspend", slug)).stderr).toBe(
      `✖ tenant "${slug}" is provisioning; cannot become suspended (ILLEGAL_TRANSITION)`,
    );
    expect(await tenantsCli("archive", "no-such-tenant")).toMatchObject({
      code: 1,
      stderr: '✖ no tenant "no-such-tenant" (TENANT_NOT_FOUND)',
    });
  });
});

describe("add-domain", () => {
  const primaryOf = async (slug: string) =>
    (
      await layer.control
        .select()
        .from(domains)
        .where(eq(domains.tenantId, (await tenant(slug)).id))
    )
      .filter((d) => d.isPrimary)
      .map((d) => d.domain);

  it("adds domains (normalised); --primary moves the primary flag; a taken domain changes nothing", async () => {
    const [slug, other] = [uniqueSlug("dom"), uniqueSlug("dom")];
    await provisionTenant(layer, { slug, name: "Dominios" });
    await provisionTenant(layer, { slug: other, name: "Otro" });
    const first = `${slug}.example.com`;
    const second = `www.${slug}.example.com`;

    expect(await tenantsCli("add-domain", slug, ` ${first.toUpperCase()} `)).toEqual({
      code: 0,
      stdout: `✓ ${first} → ${slug}`,
      stderr: "",
    });
    expect(await primaryOf(slug)).toEqual([]);
    expect(await tenantsCli("add-domain", slug, second, "--primary")).toMatchObject({
      code: 0,
      stdout: `✓ ${second} → ${slug} (primary)`,
    });
    expect(await primaryOf(slug)).toEqual([second]);
    expect((await tenantsCli("add-domain", slug, `fotos.${slug}.example.com`, "--primary")).code).toBe(0);
    expect(await primaryOf(slug)).toEqual([`fotos.${slug}.example.com`]);

    // Taken (by this tenant or another): refused, and the failed --primary does not unset the primary.
    for (const owner of [slug, other]) {
      expect(await tenantsCli("add-domain", owner, first, "--primary")).toEqual({
        code: 1,
        stdout: "",
        stderr: `✖ domain "${first}" already belongs to a tenant (DOMAIN_TAKEN)`,
      });
    }
    expect(await primaryOf(slug)).toEqual([`fotos.${slug}.example.com`]);
    expect(await layer.registry.byDomain(first)).toMatchObject({ slug });
  });

  it("refuses what is not a domain name, and an unknown tenant", async () => {
    for (const bad of ["localhost", "no spaces.com", "bad-.example.com", "a.b"]) {
      expect(await tenantsCli("add-domain", "any-tenant", bad)).toEqual({
        code: 1,
        stdout: "",
        stderr: `✖ "${bad}" is not a domain name (INVALID_DOMAIN)`,
      });
    }
    expect((await tenantsCli("add-domain", "no-such-tenant", "fine.example.com")).stderr).toBe(
      '✖ no tenant "no-such-tenant" (TENANT_NOT_FOUND)',
    );
  });
});

describe("operator create", () => {
  const operatorRow = async (email: string) =>
    (await layer.control.select().from(operators).where(eq(operators.email, email)))[0];

  it("prints a generated password once; only its Argon2id hash is stored", async () => {
    const email = `${uniqueSlug("op")}@platform.test`;
    const run = await tenantsCli("operator", "create", email.toUpperCase(), "--name", "Plataforma");
    expect(run.code, run.stderr).toBe(0);
    const row = await operatorRow(email);
    expect(run.stdout.split("\n")[0]).toBe(`✓ operator ${email} "Plataforma" created (id ${row?.id})`);
    const password = shownPassword(run.stdout) as string;
    expect(password).toMatch(/^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row?.passwordHash as string, password)).toBe(true);
  });

  it("with --password prints no password; refuses a second one, a weak password, a bad e-mail", async () => {
    const email = `${uniqueSlug("op")}@platform.test`;
    const run = await tenantsCli("operator", "create", email, "--password", "operator-pass-42");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).not.toContain("password");
    expect(await verifyPassword((await operatorRow(email))?.passwordHash as string, "operator-pass-42")).toBe(true);

    expect(await tenantsCli("operator", "create", email)).toMatchObject({
      code: 1,
      stderr: `✖ operator ${email} already exists (OPERATOR_EXISTS)`,
    });
    expect((await tenantsCli("operator", "create", `w-${email}`, "--password", "aaaaaaaaaaaa")).stderr).toBe(
      "✖ password: Use more different characters (WEAK_PASSWORD)",
    );
    expect((await tenantsCli("operator", "create", "nobody")).stderr).toBe(
      '✖ "nobody" is not an e-mail (INVALID_EMAIL)',
    );
    expect(await operatorRow(`w-${email}`)).toBeUndefined();
  });

  it("knows only the create subcommand", async () => {
    expect(await tenantsCli("operator", "delete", "x@platform.test")).toMatchObject({
      code: 1,
      stderr: '✖ operator: unknown subcommand "delete" (operator create <email>)',
    });
    expect((await tenantsCli("operator", "create")).stderr).toBe(
      "✖ operator: expected 2 argument(s) (pnpm tenants help)",
    );
  });
});

describe("configuration and database errors", () => {
  it("a bad setting is named on stderr, exit 1", async () => {
    expect(await cliWith({ ...env, DB_MAX_CONNECTIONS: "1" })("list")).toMatchObject({
      code: 1,
      stderr: "✖ DB_MAX_CONNECTIONS: Too small: expected number to be >=2",
    });
    expect((await cliWith({ ...env, DB_SERVERS: "mysql://root@localhost" })("list")).stderr).toBe(
      "✖ DB_SERVERS entries look like name=mysql://user:password@host:port",
    );
  });

  it("a database refusing the login says why; DEBUG adds the stack only for unexpected errors", async () => {
    const url = new URL(layer.config.servers[0]?.url as string);
    url.password = "not-the-password";
    const badEnv = { ...env, DB_SERVERS: undefined, DATABASE_URL: url.toString() };
    const run = await cliWith(badEnv)("list");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^✖ Access denied for user .* \(ER_ACCESS_DENIED_ERROR\)$/);
    expect(run.stderr).not.toContain("not-the-password");

    const debug = await cliWith({ ...badEnv, DEBUG: "1" })("list");
    expect(debug.stderr.split("\n")[0]).toBe(run.stderr);
    expect(debug.stderr).toMatch(/\n\s+at /);
    const expected = await cliWith({ ...env, DEBUG: "1" })("suspend", "no-such-tenant");
    expect(expected.stderr).toBe('✖ no tenant "no-such-tenant" (TENANT_NOT_FOUND)');
  });
});
