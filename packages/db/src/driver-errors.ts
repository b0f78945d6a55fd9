/**
 * The mysql2/Node error code of a failed query, looking through wrappers: Drizzle wraps driver
 * errors in DrizzleQueryError with the driver's error as `cause`.
 */
export function driverErrorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** A unique key refused the row (a racing writer got there first). */
export function isDuplicateKey(error: unknown): boolean {
  return driverErrorCode(error) === "ER_DUP_ENTRY";
}

/**
 * InnoDB chose this statement's transaction as a deadlock victim (and rolled it back whole):
 * running it again is the cure. Looks through every wrapper (tRPC's error has a `code` of its own).
 */
export function isDeadlock(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "ER_LOCK_DEADLOCK" || (e as { errno?: unknown }).errno === 1213) return true;
  }
  return false;
}
