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

/** InnoDB chose this statement's transaction as a deadlock victim: running it again is the cure. */
export function isDeadlock(error: unknown): boolean {
  return driverErrorCode(error) === "ER_LOCK_DEADLOCK";
}
