import { type Executor, type SettingGroup, settings } from "@fotostudio/db";
import { eq, sql } from "drizzle-orm";
import { parseCents } from "../../shared/fields.js";
import { prepared } from "../../shared/prepared.js";
import type { FramePricing } from "../orders/pricing/frame.js";
import { settingsCacheOf } from "./settings.cache.js";
import { SETTING_SCHEMAS, type SettingsOf, type SystemSettings } from "./settings.schema.js";

/**
 * A setting group as the studio has it: what it saved over the defaults. A stored value that no
 * longer passes (a rule tightened by a release) falls back to the default field by field.
 * On the studio's pooled database (a query's, a login's) the answer may come from the process's
 * settings cache (settings.cache.ts); in a transaction it is always read from the row.
 */
export async function readSettings<G extends SettingGroup>(db: Executor, group: G): Promise<SettingsOf[G]> {
  const cached = settingsCacheOf(db);
  if (!cached) return loadSettings(db, group);
  // Frozen: every request of the next seconds shares the object.
  return cached.cache.read(cached.tenantId, group, async () => deepFreeze(await loadSettings(db, group)));
}

async function loadSettings<G extends SettingGroup>(db: Executor, group: G): Promise<SettingsOf[G]> {
  // Built once per studio database (a cache miss on the request path), never inside a transaction.
  const statement = prepared(db, "settings:group", () =>
    db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.group, sql.placeholder("group")))
      .limit(1)
      .prepare(),
  );
  const [row] = await statement.execute({ group });
  return settingsFrom(group, row?.value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}

/**
 * The same, under the group's row lock (held to the end of the transaction), for a change made
 * from what is stored: two changes to one group apply one after the other. The row is created
 * first when the group was never saved, so there is always a row to lock.
 */
export async function lockSettings<G extends SettingGroup>(db: Executor, group: G): Promise<SettingsOf[G]> {
  await db.insert(settings).values({ group, value: {} }).onDuplicateKeyUpdate({ set: { group } });
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.group, group))
    .for("update");
  return settingsFrom(group, row?.value);
}

/** A group's typed values from its stored JSON (absent: the defaults), tolerant as readSettings says. */
export function settingsFrom<G extends SettingGroup>(group: G, value: unknown): SettingsOf[G] {
  const schema = SETTING_SCHEMAS[group];
  const stored = (typeof value === "string" ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>;
  const parsed = schema.safeParse(stored);
  if (parsed.success) return parsed.data as SettingsOf[G];
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return schema.parse(Object.fromEntries(Object.entries(stored).filter(([key]) => !bad.has(key)))) as SettingsOf[G];
}

/** Stores a whole group (already validated), replacing what was there. */
export async function writeSettings<G extends SettingGroup>(
  db: Executor,
  group: G,
  value: SettingsOf[G],
  userId: number | null,
): Promise<void> {
  const json = value as Record<string, unknown>;
  await db
    .insert(settings)
    .values({ group, value: json, updatedBy: userId })
    .onDuplicateKeyUpdate({ set: { value: json, updatedBy: userId, updatedAt: new Date() } });
}

const cents = (v: string) => parseCents(v) as number;

/** The frame price engine's parameters from the system settings. */
export function framePricing(system: SystemSettings): FramePricing {
  const f = system.frame;
  return {
    sawAllowance: f.sawAllowance,
    billingStepMm: f.billingStepMm,
    minBilledMm: f.minBilledMm,
    markupBrackets: f.markupBrackets.map((b) => ({
      upToCents: b.upTo === null ? null : cents(b.upTo),
      markupPercent: b.markupPercent,
    })),
    minLinePriceCents: cents(f.minLinePrice),
    oversize: { thresholdMm: f.oversizeThresholdMm, surchargePercent: f.oversizeSurchargePercent },
    defaultPricePerM2Cents: {
      glazing: cents(f.glazingPricePerM2),
      backing: cents(f.backingPricePerM2),
      matBoard: cents(f.matBoardPricePerM2),
    },
  };
}
