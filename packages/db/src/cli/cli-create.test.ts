import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { provisionTenant, tenantBySlug } from "../provisioning.js";
import { tenants } from "../schema/control/index.js";
import { users } from "../schema/tenant/index.js";
import { verifyPassword } from "../security/passwords.js";
import { uniqueSlug } from "../testing.js";
import { cliHarness, shownPassword } from "./cli-harness.js";

const h = cliHarness();
const tenantsCli = (...argv: string[]) => h.cli(...argv);
const tenant = (slug: string) => h.tenant(slug);
const userOf = (slug: string, email: string) => h.userOf(slug, email);

describe("create", () => {
  it("provisions a studio step by step and prints the owner's generated password once; it logs in", async () => {
    const slug = uniqueSlug("cli");
    const email = `Owner@${slug}.test`;
    const run = await tenantsCli("create", slug, "--name", "  Estudio Luz  ", "--owner-email", email);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual(["✓ register", "✓ database", "✓ migrate", "✓ seed", "✓ activate"]);
    const latest = h.layer.migrations.tenant.length;
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
    const [row] = await h.layer.control.select().from(tenants).where(eq(tenants.slug, slug));
    expect(row).toMatchObject({ plan: "premium", businessType: "framing" });
  });

  it("without --owner-email: says nobody can log in; a second create leaves the studio as it is", async () => {
    const slug = uniqueSlug("cli");
    const first = await tenantsCli("create", slug, "--name", "Sin Dueño");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("  no owner (--owner-email): nobody can log in to this studio");
    expect(
      await h.layer
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
      await h.layer
        .tenantDb(await tenant(slug))
        .select()
        .from(users),
    ).toEqual([]);
  });

  it("finishes a provisioning that was killed after the owner was created, keeping the owner's password", async () => {
    const slug = uniqueSlug("cli");
    const email = `owner@${slug}.test`;
    const killed = provisionTenant(h.layer, {
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
    expect(await tenantBySlug(h.layer, slug)).toBeNull();
  });

  it("--server naming an unconfigured server fails at the register step; nothing is registered", async () => {
    const slug = uniqueSlug("cli");
    const run = await tenantsCli("create", slug, "--name", "X", "--server", "ghost");
    expect(run).toMatchObject({
      code: 1,
      stdout: "✖ register",
      stderr: '✖ database server "ghost" is not configured (SERVER_NOT_FOUND)',
    });
    expect(await tenantBySlug(h.layer, slug)).toBeNull();
  });

  it("an over-long studio name is refused by the database with its reason; nothing is registered", async () => {
    const slug = uniqueSlug("cli");
    const run = await tenantsCli("create", slug, "--name", "N".repeat(201));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("✖ register");
    expect(run.stderr).toMatch(/^✖ Data too long for column 'name'.* \(ER_DATA_TOO_LONG\)$/);
    expect(await tenantBySlug(h.layer, slug)).toBeNull();
  });
});
