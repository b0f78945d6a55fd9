import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { namesOf } from "../gen-module/names.mjs";

// The generator's promise: `npm run gen:module -- <name>` in a clean checkout writes a module that
// type-checks, passes biome, and whose generated test passes against the real database — and that
// the permission and isolation walks then cover by themselves.

const root = fileURLToPath(new URL("../..", import.meta.url));
const SLOW = 300_000;

describe("module names", () => {
  it("derive the folder, table, key, type and permission names from a plural kebab-case name", () => {
    expect(namesOf("price-lists")).toMatchObject({
      kebab: "price-lists",
      key: "priceLists",
      table: "price_lists",
      one: "priceList",
      One: "PriceList",
      Many: "PriceLists",
    });
    expect(namesOf("categories")).toMatchObject({ one: "category", One: "Category" });
    expect(namesOf("widgets")).toMatchObject({ one: "widget", table: "widgets" });
    for (const bad of ["Widgets", "price_lists", "-x", "1things", ""]) expect(() => namesOf(bad)).toThrow(/kebab-case/);
  });
});

describe("npm run gen:module -- widgets", () => {
  let scratch: string;
  // The pinned pnpm the bootstrap installed (tooling/run.mjs would install it in a fresh clone).
  const pnpmBin = join(root, ".tools", "pnpm", "node_modules", ".bin");
  const env = { ...process.env, PATH: `${pnpmBin}${delimiter}${process.env.PATH ?? ""}` };
  for (const key of Object.keys(env)) if (/^(VITEST|NODE_V8_COVERAGE$)/.test(key)) delete env[key];
  const run = (command: string, args: string[]) =>
    spawnSync(command, args, { cwd: scratch, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "gen-module-"));
    // A clean checkout: the tracked files only (plus untracked ones not ignored), no node_modules.
    const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
    }).stdout.split("\0");
    for (const file of files.filter((f) => f && existsSync(join(root, f)))) {
      cpSync(join(root, file), join(scratch, file), { recursive: true });
    }
    const install = run("pnpm", ["install", "--offline", "--frozen-lockfile"]);
    expect(install.status, install.stderr).toBe(0);
  }, SLOW);
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it(
    "writes the module, registers it and generates its migration",
    () => {
      const gen = run("node", ["tooling/gen-module/main.mjs", "widgets"]);
      expect(gen.status, gen.stderr).toBe(0);
      for (const file of [
        "packages/db/src/schema/tenant/widgets.ts",
        "packages/api/src/modules/widgets/widgets.router.ts",
        "packages/api/src/modules/widgets/widgets.schema.ts",
        "packages/api/src/modules/widgets/widgets.service.ts",
        "apps/server/test/modules/widgets.test.ts",
      ]) {
        expect(existsSync(join(scratch, file)), file).toBe(true);
      }
      expect(readFileSync(join(scratch, "packages/api/src/root.ts"), "utf8")).toContain("widgets: widgetsRouter,");
      expect(readFileSync(join(scratch, "packages/api/src/permissions.ts"), "utf8")).toContain('"widgets:write",');
      const migration = spawnSync("sh", ["-c", "cat drizzle/tenant/*_create_widgets.sql"], { cwd: scratch });
      expect(String(migration.stdout)).toMatch(/CREATE TABLE `widgets`/);
      // Twice is refused: the generator never overwrites a module.
      expect(run("node", ["tooling/gen-module/main.mjs", "widgets"]).stderr).toMatch(/exists already/);
    },
    SLOW,
  );

  it(
    "and what it wrote type-checks and passes biome",
    () => {
      const check = run("pnpm", ["exec", "biome", "check", "."]);
      expect(check.status, check.stdout + check.stderr).toBe(0);
      for (const pkg of ["@fotostudio/db", "@fotostudio/api", "@fotostudio/server"]) {
        const tsc = run("pnpm", ["--filter", pkg, "exec", "tsc", "--noEmit"]);
        expect(tsc.status, `${pkg}: ${tsc.stdout}${tsc.stderr}`).toBe(0);
      }
    },
    SLOW,
  );

  it(
    "and its generated test and the walks pass against the real database",
    () => {
      const vitest = run("pnpm", [
        "exec",
        "vitest",
        "run",
        "--config",
        "tooling/vitest/vitest.config.ts",
        "--project",
        "repo",
        "apps/server/test/modules/widgets.test.ts",
        "apps/server/test/walks/",
        "--reporter=verbose",
      ]);
      const output = vitest.stdout + vitest.stderr;
      expect(vitest.status, output).toBe(0);
      // The walks reached the new procedures without being told about them.
      for (const procedure of ["widgets.byId", "widgets.update", "widgets.patch", "widgets.delete"]) {
        expect(output).toContain(procedure);
      }
    },
    SLOW,
  );
});
