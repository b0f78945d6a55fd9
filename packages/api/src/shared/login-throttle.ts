import type { AttemptPolicy, Context } from "../context.js";
import { AppError } from "../errors.js";

/**
 * The failure counters of one credential check — login, refresh, change-password; tenant users
 * and operators alike — on the process's shared limiters: one key per account, one per IP. The
 * account's policy is its studio's (security settings) when given, else the process default.
 */
export function loginThrottle(
  ctx: Pick<Context, "deps">,
  keys: { account?: string; ip?: string },
  policies: { account?: AttemptPolicy } = {},
) {
  const { loginAccount, loginIp, ip: ipPolicy } = ctx.deps.limits;
  const accountPolicy = policies.account ?? ctx.deps.limits.account;
  return {
    /** Seconds the caller must wait before trying again; 0 when it may try now. */
    async wait(): Promise<number> {
      const account = keys.account ? await loginAccount.retryAfter(keys.account, accountPolicy) : 0;
      const ip = keys.ip ? await loginIp.retryAfter(keys.ip, ipPolicy) : 0;
      return Math.max(account, ip);
    },
    async failed(): Promise<void> {
      await Promise.all([
        keys.account && loginAccount.fail(keys.account, accountPolicy),
        keys.ip && loginIp.fail(keys.ip, ipPolicy),
      ]);
    },
    /** A success clears the account's counter (not the IP's: one good password proves nothing of the others). */
    async succeeded(): Promise<void> {
      if (keys.account) await loginAccount.reset(keys.account);
    },
    /** The 429 to throw; both transports send its `retryAfter` as the Retry-After header. */
    tooMany(seconds: number): AppError {
      return new AppError("RATE_LIMITED", `Too many failed attempts; try again in ${seconds} s`, {
        retryAfter: seconds,
      });
    },
  };
}
