import type { Executor } from "@fotostudio/db";
import type { AttemptPolicy } from "../../context.js";
import type { SettingsOf } from "./settings.schema.js";
import { readSettings } from "./settings.service.js";

/**
 * What a studio's security settings govern, in the units the session and login code use. Read at
 * each login, refresh, token check and password change: a change applies from the next one.
 */
export interface SecurityPolicy {
  /** The access token's lifetime, sliding while in use: the session's idle timeout. */
  accessTtlSeconds: number;
  /** Failed logins per account before it waits, within the window they count in. */
  account: AttemptPolicy;
  minPasswordLength: number;
}

export function securityPolicyOf(security: SettingsOf["security"]): SecurityPolicy {
  return {
    accessTtlSeconds: security.sessionTimeoutMinutes * 60,
    account: { max: security.maxFailedLogins, windowSeconds: security.lockoutMinutes * 60 },
    minPasswordLength: security.minPasswordLength,
  };
}

export async function securityPolicy(db: Executor): Promise<SecurityPolicy> {
  return securityPolicyOf(await readSettings(db, "security"));
}
