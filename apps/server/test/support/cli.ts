import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const dbPackage = fileURLToPath(new URL("../../../../packages/db/", import.meta.url));

/** Runs the tenants CLI (`pnpm tenants …`) from source, with this process's environment. */
export function cli(...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", ...args],
      { cwd: dbPackage, env: process.env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The password the CLI prints once. */
export const shownPassword = (stdout: string) => stdout.match(/password \(shown once, store it now\): (\S+)/)?.[1];
