#!/usr/bin/env node
import { BootstrapError, runIfScript, say } from "./bootstrap/children.mjs";
import { DEMO_DATA_ARGS, DEV_SETUP_ARGS, ensureDatabase, markDevSetupDone } from "./bootstrap/database.mjs";
import { installDependencies } from "./bootstrap/dependencies.mjs";
import { preparePnpm } from "./bootstrap/pnpm.mjs";
import { runTests } from "./bootstrap/test-run.mjs";
import { ensureTestTools } from "./bootstrap/test-tools.mjs";
import { repoRoot } from "./mariadb/local.mjs";

export { BootstrapError, runChild, withoutNpmRunVars } from "./bootstrap/children.mjs";
export { ensureDatabase } from "./bootstrap/database.mjs";
export { ensurePnpm, pinnedPnpmVersion } from "./bootstrap/pnpm.mjs";
export { repoRoot };

const MODES = /** @type {const} */ (["dev", "test", "start"]);
/** @typedef {(typeof MODES)[number]} Mode */

/**
 * @param {string[]} argv  process.argv.slice(2)
 * @returns {{ mode: Mode, extra: string[] }}
 */
export function parseArgs(argv) {
  const [mode, ...rest] = argv;
  if (!MODES.includes(/** @type {Mode} */ (mode))) {
    throw new BootstrapError(
      `usage: node tooling/bootstrap.mjs <${MODES.join("|")}> [-- extra args]${mode ? ` (got "${mode}")` : ""}`,
    );
  }
  const extra = rest[0] === "--" ? rest.slice(1) : rest;
  return { mode: /** @type {Mode} */ (mode), extra };
}

/**
 * @param {string[]} argv
 * @returns {Promise<number>} exit code
 */
export async function main(argv) {
  const { mode, extra } = parseArgs(argv);

  // 1. pnpm
  const { env, pnpm, runPnpm } = await preparePnpm();
  say(`pnpm ${pnpm.version} ready`);

  // 2. dependencies
  await installDependencies(runPnpm, env);

  // 2b. system tools the tests read files with (poppler-utils for the PDF exports)
  if (mode === "test") await ensureTestTools();

  // 3. database
  const db = await ensureDatabase(env);

  // 4. control database + demo tenants
  const setupCode = await runPnpm(DEV_SETUP_ARGS);
  if (setupCode !== 0) {
    process.stderr.write(`✖ pnpm run tenants dev-setup failed (exit ${setupCode})\n`);
    return setupCode;
  }
  if (db.localPort !== undefined) markDevSetupDone(db.localPort);

  // 4b. the demo studios' data set (clients, catalog, orders, contracts, agenda), through the API;
  // once per studio (a studio with orders is left alone). Tests make their own data.
  if (mode !== "test") {
    const demoCode = await runPnpm(DEMO_DATA_ARGS);
    if (demoCode !== 0) {
      process.stderr.write(`✖ the demo data set failed to load (exit ${demoCode})\n`);
      return demoCode;
    }
  }

  // 5. the actual command
  switch (mode) {
    case "dev":
      return runPnpm(["--filter", "@fotostudio/server", "run", "dev", ...extra]);
    case "test":
      return runTests(runPnpm, extra);
    case "start": {
      const buildCode = await runPnpm(["run", "build"]);
      if (buildCode !== 0) {
        process.stderr.write(`✖ pnpm run build failed (exit ${buildCode})\n`);
        return buildCode;
      }
      return runPnpm(["--filter", "@fotostudio/server", "run", "start", ...extra]);
    }
  }
}

runIfScript(import.meta.url, main);
