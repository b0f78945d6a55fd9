import { isDeadlock } from "@fotostudio/db";

/** How many times a mutation runs in all when InnoDB keeps picking its transaction as a deadlock victim. */
export const DEADLOCK_ATTEMPTS = 3;

/**
 * Runs a mutation's transaction again when InnoDB rolled it back as a deadlock victim: nothing of
 * it landed (effects of the failed attempt were rolled back with it), so a new attempt is what the
 * database asks for ("try restarting transaction"). Two racing writers that lock rows in opposite
 * orders would otherwise answer 500. Any other outcome, or the last attempt's, is returned as is.
 */
export async function retryDeadlocks<R extends { ok: boolean; error?: unknown }>(
  attempt: () => Promise<R>,
  attempts = DEADLOCK_ATTEMPTS,
): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      const result = await attempt();
      if (result.ok || n >= attempts || !isDeadlock(result.error)) return result;
    } catch (error) {
      if (n >= attempts || !isDeadlock(error)) throw error;
    }
  }
}
