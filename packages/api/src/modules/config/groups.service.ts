import type { Executor, SettingGroup } from "@fotostudio/db";
import type { Updated } from "../../shared/changes.js";
import { mediaUrl } from "../../shared/media.js";
import type { BusinessView } from "./groups.schema.js";
import { SETTING_SCHEMAS, type SettingsOf } from "./settings.schema.js";
import { lockSettings, writeSettings } from "./settings.service.js";

/** The business group as the API shows it: the logo as the URL it is served at, not its storage key. */
export function businessView({ logo, ...rest }: SettingsOf["business"]): BusinessView {
  return { ...rest, logoUrl: mediaUrl(logo) };
}

/** What no PUT sets (the logo upload and the backup job own them): kept from what is stored. */
const READ_ONLY: Partial<Record<SettingGroup, string[]>> = { business: ["logo"], backup: ["lastBackup"] };

/** PUT: the whole group as given (its omitted fields already took their defaults), read-only fields kept. */
export async function replaceGroup<G extends SettingGroup>(
  db: Executor,
  group: G,
  input: object,
  userId: number,
): Promise<Updated<SettingsOf[G]>> {
  const before = await lockSettings(db, group);
  const kept = Object.fromEntries(
    (READ_ONLY[group] ?? []).map((key) => [key, (before as Record<string, unknown>)[key]]),
  );
  return save(db, group, before, { ...input, ...kept }, userId);
}

/** PATCH: the fields sent, merged over what is stored (nested groups, the frame's, field by field). */
export async function patchGroup<G extends SettingGroup>(
  db: Executor,
  group: G,
  patch: object,
  userId: number,
): Promise<Updated<SettingsOf[G]>> {
  const before = await lockSettings(db, group);
  return save(db, group, before, merge(before, patch), userId);
}

async function save<G extends SettingGroup>(
  db: Executor,
  group: G,
  before: SettingsOf[G],
  values: object,
  userId: number,
): Promise<Updated<SettingsOf[G]>> {
  // Values already in the API's form parse to themselves: this only types them and fills gaps.
  const after = SETTING_SCHEMAS[group].parse(values) as SettingsOf[G];
  await writeSettings(db, group, after, userId);
  return { before, after };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function merge(base: object, patch: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? merge(current, value) : value;
  }
  return out;
}
