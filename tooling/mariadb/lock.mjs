// The per-port lock that makes concurrent start/stop calls safe.
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import { isAlive, readPid, sleep } from "./system.mjs";

const LOCK_TIMEOUT_MS = 120_000;
const LOCK_STALE_MS = 180_000;

// ---------------------------------------------------------------------------
// locking

/**
 * Take <dataDir>/.lock (O_EXCL). A lock whose owner pid is dead, or older than
 * LOCK_STALE_MS, is considered stale and removed.
 * @param {string} lockFile
 * @returns {Promise<() => void>} release
 */
export async function acquireLock(lockFile) {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, "wx", 0o644);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener("exit", release);
        try {
          if (readPid(lockFile) === process.pid) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    }
    // someone holds it: stale?
    let stale = false;
    try {
      const owner = readPid(lockFile);
      const age = Date.now() - fs.statSync(lockFile).mtimeMs;
      if (owner === undefined)
        stale = age > 5_000; // being written right now, or garbage
      else stale = (!isAlive(owner) && owner !== process.pid) || age > LOCK_STALE_MS;
    } catch {
      continue; // vanished between open and stat: retry at once
    }
    if (stale) {
      try {
        fs.unlinkSync(lockFile);
      } catch {
        /* someone else removed it */
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${lockFile} (held by pid ${readPid(lockFile) ?? "?"})`);
    }
    await sleep(100);
  }
}
