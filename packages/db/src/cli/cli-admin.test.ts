import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CacheChangeLog } from "../cache-changes.js";
import { provisionTenant } from "../provisioning.js";
import { domains, operators } from "../schema/control/index.js";
import { verifyPassword } from "../security/passwords.js";
import { uniqueSlug } from "../testing.js";
import { cliHarness, shownPassword } from "./cli-harness.js";

const h = cliHarness();
const tenantsCli = (...argv: string[]) => h.cli(...argv);
const tenant = (slug: string) => h.tenant(slug);
const _userOf = (slug: string, email: string) => h.userOf(slug, email);

describe("telling the running app nodes", () => {
  it("a command that changes a tenant appends a `tenants` change for their relays; one that reads appends none", async () => {
    const slug = uniqueSlug("cli");
    await provisionTenant(h.layer, { slug, name: "Avisos" });
    const log = new CacheChangeLog(h.layer.control);
    const { now } = await log.since(null, "test");
    const told = async () =>
      (await log.since(now, "test")).changes.filter((c) => c.kind === "tenants").map((c) => c.node);
    expect((await tenantsCli("list")).code).toBe(0);
    expect(await told()).toEqual([]);
    expect((await tenantsCli("suspend", slug)).code).toBe(0);
    expect(await told()).toEqual(["cli"]);
    // Already suspended: nothing changed, nobody is told again.
    expect((await tenantsCli("suspend", slug)).code).toBe(0);
    expect(await told()).toEqual(["cli"]);
    expect((await tenantsCli("resume", slug)).code).toBe(0);
    expect(await told()).toEqual(["cli", "cli"]);
  });
});

describe("suspend, resume, archive", () => {
  it("moves a tenant through its statuses and refuses illegal transitions", async () => {
    const slug = uniqueSlug("cli");
    await provisionTenant(h.layer, { slug, name: "Estados" });
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
      provisionTenant(h.layer, {
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
      await h.layer.control
        .select()
        .from(domains)
        .where(eq(domains.tenantId, (await tenant(slug)).id))
    )
      .filter((d) => d.isPrimary)
      .map((d) => d.domain);

  it("adds domains (normalised); --primary moves the primary flag; a taken domain changes nothing", async () => {
    const [slug, other] = [uniqueSlug("dom"), uniqueSlug("dom")];
    await provisionTenant(h.layer, { slug, name: "Dominios" });
    await provisionTenant(h.layer, { slug: other, name: "Otro" });
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
    expect(await h.layer.registry.byDomain(first)).toMatchObject({ slug });
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
    (await h.layer.control.select().from(operators).where(eq(operators.email, email)))[0];

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
