import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A newcomer has Node and npm, and no pnpm: every root script must work as `npm run <script>`
// (tooling/run.mjs provisions pnpm and puts it on PATH for turbo and the package scripts). Each
// test spawns npm with a PATH from which every directory holding a `pnpm` has been removed.

const root = fileURLToPath(new URL("../..", import.meta.url));
const scripts: Record<string, string> = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
const SLOW = 240_000;

const shims: string[] = [];
afterAll(() => {
  for (const dir of shims) rmSync(dir, { recursive: true, force: true });
});

/** The PATH of a fresh shell on a machine without pnpm: no directory with a pnpm, none in the repo. */
function pathWithoutPnpm(): string {
  const dirs = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, "pnpm")) && relative(root, dir).startsWith(".."));
  // node and npm must stay reachable even if they share a directory with a pnpm
  const missing = ["node", "npm"].filter((bin) => !dirs.some((dir) => existsSync(join(dir, bin))));
  if (missing.length) {
    const shim = mkdtempSync(join(tmpdir(), "npm-only-"));
    shims.push(shim);
    for (const bin of missing) {
      const found = spawnSync("sh", ["-c", `command -v ${bin}`], { encoding: "utf8" }).stdout.trim();
      if (found) symlinkSync(found, join(shim, bin));
    }
    dirs.unshift(shim);
  }
  return dirs.join(delimiter);
}

/** Our environment minus what npm, pnpm and vitest put in it; the database settings stay. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|VITEST|COREPACK_|NODE_V8_COVERAGE$|NODE_OPTIONS$|NODE_ENV$|TEST$)/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = pathWithoutPnpm();
  return env;
}

const env = newcomerEnv();

function npmRun(script: string, args: string[] = []): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", script, ...(args.length ? ["--", ...args] : [])], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      output += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      output += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: plain(stdout), output: plain(output) }));
  });
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const plain = (text: string) => text.replace(ANSI, "");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

describe("root scripts through npm, without pnpm on PATH", () => {
  it("really has no pnpm to find", () => {
    expect(spawnSync("sh", ["-c", "command -v pnpm"], { env }).status).not.toBe(0);
    expect(spawnSync("npm", ["--version"], { env }).status).toBe(0);
  });

  it(
    "tenants -- list: the tenants CLI on the database the dev bootstrap uses",
    async () => {
      const res = await npmRun("tenants", ["list"]);
      expect(res.code, res.output).toBe(0);
      expect(res.stdout).toMatch(/^SLUG\s+NAME\s+PLAN\s+STATUS/m);
      expect(res.stdout).toMatch(/^\d+ tenants?$/m);
    },
    SLOW,
  );

  it(
    "db:generate: the committed migrations match the schemas (nothing to generate)",
    async () => {
      const before = filesUnder(join(root, "drizzle"));
      const res = await npmRun("db:generate");
      expect(res.code, res.output).toBe(0);
      expect(res.output.match(/nothing to migrate/g), res.output).toHaveLength(2);
      expect(filesUnder(join(root, "drizzle"))).toEqual(before);
    },
    SLOW,
  );

  it(
    "build: turbo finds pnpm and builds the server bundle and the SDK",
    async () => {
      const started = Date.now();
      const res = await npmRun("build");
      expect(res.code, res.output).toBe(0);
      expect(res.output).toMatch(/Tasks:\s+(\d+) successful, \1 total/);
      for (const file of ["apps/server/dist/main.js", "packages/sdk/dist/index.js", "packages/sdk/dist/index.d.ts"]) {
        // turbo may restore a cached build: the files are written again either way
        expect(statSync(join(root, file)).mtimeMs, file).toBeGreaterThan(started - 1_000);
      }
    },
    SLOW,
  );

  // `check` is biome over the repo plus every package's typecheck (over a minute cold): its two
  // halves are proven here on one package each.
  it(
    "typecheck (one package): turbo and tsc through the launcher",
    async () => {
      const res = await npmRun("typecheck", ["--filter=@fotostudio/db"]);
      expect(res.code, res.output).toBe(0);
      expect(res.output).toMatch(/Tasks:\s+1 successful, 1 total/);
    },
    SLOW,
  );

  it(
    "lint (the tooling packages): biome through turbo and pnpm",
    async () => {
      const res = await npmRun("lint", ["--filter=./tooling/*"]);
      expect(res.code, res.output).toBe(0);
      expect(res.output).toMatch(/Checked \d+ files?/);
    },
    SLOW,
  );

  it.skipIf(!scripts["gen:module"])(
    "gen:module -- --help: the module generator answers",
    async () => {
      const res = await npmRun("gen:module", ["--help"]);
      expect(res.code, res.output).toBe(0);
      expect(res.stdout.trim().length, res.output).toBeGreaterThan(0);
    },
    SLOW,
  );
});
