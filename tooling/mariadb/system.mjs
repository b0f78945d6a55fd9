// Small helpers shared by the MariaDB scripts: processes, files, PATH lookups.
//
// No npm dependencies: this runs before `pnpm install`.

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** @param {string} msg */
export const stderrLine = (msg) => process.stderr.write(`${msg}\n`);

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} file */
export function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Find an executable on PATH, then in the given fallback directories.
 * @param {string} name
 * @param {string[]} [fallbackDirs]
 * @returns {string | undefined}
 */
export function which(name, fallbackDirs = []) {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of [...dirs, ...fallbackDirs]) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Run a command, capturing its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ input?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [opts]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, error?: Error }>}
 */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    /** @type {import('node:child_process').ChildProcess} */
    let child;
    try {
      child = spawn(cmd, args, {
        stdio: ["pipe", "pipe", "pipe"],
        env: opts.env ?? process.env,
      });
    } catch (error) {
      resolve({ code: null, stdout: "", stderr: "", error: /** @type {Error} */ (error) });
      return;
    }
    let stdout = "";
    let stderr = "";
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    child.stdout?.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr?.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.stdin?.on("error", () => {}); // EPIPE when the child exits early
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, error });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (opts.timeoutMs) {
      timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    }
    child.stdin?.end(opts.input ?? "");
  });
}

/** @param {string} file @param {number} [lines] */
export function tail(file, lines = 12) {
  try {
    const text = fs.readFileSync(file, "utf8").trimEnd();
    return text.split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** @param {number} pid */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/** @param {string} file @returns {number | undefined} */
export function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} file @param {string} content @param {number} [mode] */
export function writeFileAtomic(file, content, mode = 0o644) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

/** @param {string} file */
export function rmQuiet(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    /* ignore */
  }
}

/** @param {string} text */
export function lastLine(text) {
  const lines = text
    .trim()
    .split("\n")
    .filter((l) => l.trim());
  return lines.length ? lines[lines.length - 1].trim() : "(no output)";
}
