import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "../bench/src/targets.js";

// The server's bundle (apps/server/tsup.config.ts) inlines our workspace packages and leaves every
// npm package external, resolved from apps/server's own node_modules when `npm start` runs it. With
// pnpm's strict layout a package only @fotostudio/api declares is not there: the build succeeds
// and the server dies at start with ERR_MODULE_NOT_FOUND. So the server declares them all.

const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
const npmDependencies = (dir: string) =>
  Object.entries(manifest(dir).dependencies ?? {})
    .filter(([, version]) => !version.startsWith("workspace:"))
    .map(([name]) => name);

describe("the deployable server", () => {
  it("declares every runtime dependency of the workspace packages it bundles", () => {
    const server = new Set(npmDependencies("apps/server"));
    const missing = ["packages/api", "packages/db"].flatMap((dir) =>
      npmDependencies(dir)
        .filter((name) => !server.has(name))
        .map((name) => `${name} (from ${dir})`),
    );
    expect(missing).toEqual([]);
  });

  it("starts with node flags node accepts, and the bench starts the app with the same ones", () => {
    // README "Fast serving path": the young generation sized for a server (~28 % less CPU per
    // batched read); `npm start` and the bench read them from the one start script.
    const flags = serverNodeFlags(root);
    expect(flags.some((f) => f.startsWith("--max-semi-space-size="))).toBe(true);
    const run = spawnSync(process.execPath, [...flags, "-e", "process.exit(0)"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const bad = spawnSync(process.execPath, ["--max-semi-space-sise=64", "-e", "process.exit(0)"], {
      encoding: "utf8",
    });
    expect(bad.status).not.toBe(0);
  });
});
