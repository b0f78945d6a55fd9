import { type Executor, users } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors.js";
import { profileOutput } from "./auth.schema.js";
import { profileOf } from "./auth.service.js";
import type { SessionUser } from "./session.service.js";

/**
 * A change of the caller's avatar, built by the HTTP route that received the image (binary bodies
 * fit neither tRPC nor the generated REST) and handed to `auth.setAvatar` in-process through
 * `createCaller`. It is a class on purpose: neither JSON nor superjson can build an instance, so
 * `auth.setAvatar` called over /trpc fails validation, and only the route — which sniffed the
 * bytes and owns the storage — can point a user at a stored file. A procedure taking a plain key
 * would let a user adopt someone else's key and then have that file deleted on their next upload.
 */
export class AvatarChange {
  constructor(
    /** Stores the image under the given key prefix and returns its key; null removes the avatar. */
    readonly store: ((prefix: string) => Promise<string>) | null,
  ) {}
}

export const avatarChangeInput = z.custom<AvatarChange>((value) => value instanceof AvatarChange, {
  message: "auth.setAvatar is called by the avatar upload route only (PUT /api/auth/avatar/)",
});

export const avatarChangeOutput = z.object({
  profile: profileOutput,
  avatarKey: z.string().nullable().describe("The storage key of the new avatar; null when removed"),
  replacedKey: z.string().nullable().describe("The storage key the change replaced; the route deletes that file"),
});

/** A tenant's avatars live under `<slug>/avatars/`: keys carry their tenant, never shared. */
export function avatarPrefix(tenantSlug: string): string {
  return `${tenantSlug}/avatars/`;
}

/**
 * Stores the new image (if any) and points the user at it. The previous key is read under a row
 * lock, so of two concurrent uploads each learns the file it replaced and none is left orphaned.
 * The file is written before the lock is taken: storage I/O never holds the user's row.
 */
export async function setAvatar(db: Executor, tenantSlug: string, user: SessionUser, change: AvatarChange) {
  const prefix = avatarPrefix(tenantSlug);
  const key = change.store ? await change.store(prefix) : null;
  if (key !== null && !key.startsWith(prefix)) throw new Error(`avatar key ${key} is outside ${prefix}`);

  const [row] = await db.select({ avatarKey: users.avatarKey }).from(users).where(eq(users.id, user.id)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "User not found");
  await db.update(users).set({ avatarKey: key }).where(eq(users.id, user.id));
  return { profile: await profileOf(db, { ...user, avatarKey: key }), avatarKey: key, replacedKey: row.avatarKey };
}
