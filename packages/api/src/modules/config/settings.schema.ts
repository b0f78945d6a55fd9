import { z } from "zod";
import { flag, formatCents, parseCents } from "../../shared/fields.js";

// The typed setting groups (config/<group>/): each field with its default, so a group never saved
// reads as its defaults and a field added later needs no data migration. Money and percents are
// kept as the API shows them (decimal strings); services read cents through the helpers below.

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** A decimal string with two decimals ("18" → "18.00"); numbers that are such decimals are taken. */
const decimal = (pattern: RegExp, hint: string, description: string, fallback: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(pattern, hint))
    .transform((v) => formatCents(parseCents(v) as number))
    .describe(description)
    .meta({ example: fallback })
    .default(fallback);
const money = (description: string, fallback: string) =>
  decimal(MONEY, 'a decimal string with at most two decimals, e.g. "25.00"', description, fallback);
const percent = (description: string, fallback: string) =>
  decimal(PERCENT, 'a percent with at most two decimals, e.g. "18.00"', description, fallback);

const validIn = (kind: "currency" | "timeZone") => new Set<string>(Intl.supportedValuesOf(kind));
const CURRENCIES = validIn("currency");
const TIME_ZONES = validIn("timeZone");
const isLocale = (v: string) => {
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
};
const optional = (max: number, description: string) =>
  z.string().trim().max(max).nullable().default(null).describe(description);
const hexColour = (description: string, fallback: string) =>
  z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1a2b3c")
    .describe(description)
    .meta({ example: fallback })
    .default(fallback);

export const businessSettings = z.object({
  legalName: optional(200, "Legal name (razón social)"),
  tradeName: optional(200, "Trade name shown to clients (nombre comercial)"),
  taxId: z
    .string()
    .regex(/^\d{11}$/, "a RUC has 11 digits")
    .nullable()
    .default(null)
    .describe("Tax id (RUC, 11 digits)"),
  address: optional(500, "Address"),
  phone: optional(32, "Phone"),
  email: z.email().nullable().default(null).describe("Contact e-mail"),
  website: z.url().nullable().default(null).describe("Website"),
  /** Storage key of the uploaded logo (set by the logo upload, never by PUT). */
  logo: z.string().nullable().default(null).describe("Storage key of the logo (read-only: use the logo upload)"),
  primaryColour: hexColour("Brand colour", "#1f2937"),
  secondaryColour: hexColour("Second brand colour", "#f59e0b"),
});

export const markupBracket = z.object({
  upTo: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(MONEY, "a decimal string"))
    .transform((v) => formatCents(parseCents(v) as number))
    .nullable()
    .describe("The bracket holds components costing up to this (null: no limit)")
    .meta({ example: "50.00" }),
  markupPercent: percent("Markup over cost, percent", "100.00"),
});

export const frameSettings = z.object({
  sawAllowance: z.number().int().min(1).max(10).default(1).describe("Saw allowance k ≥ 1 in L = 2(W+H) + 8·b·k"),
  billingStepMm: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(100)
    .describe("Moulding is billed in steps of this many mm"),
  minBilledMm: z.number().int().min(0).max(100_000).default(1000).describe("Minimum billed moulding length, mm"),
  markupBrackets: z
    .array(markupBracket)
    .min(1)
    .max(20)
    .default([
      { upTo: "50.00", markupPercent: "150.00" },
      { upTo: "200.00", markupPercent: "120.00" },
      { upTo: null, markupPercent: "100.00" },
    ])
    .describe("Markup by a component's cost: the first bracket whose upTo is at least the cost; the last has none"),
  minLinePrice: money("Minimum price of a framed piece", "30.00"),
  oversizeThresholdMm: z
    .number()
    .int()
    .min(0)
    .default(2000)
    .describe("United size (W + H) above which the surcharge applies"),
  oversizeSurchargePercent: percent("Surcharge on oversize frames, percent", "20.00"),
  glazingPricePerM2: money("Price per m² of glazing when no material is chosen", "80.00"),
  backingPricePerM2: money("Price per m² of backing when no material is chosen", "30.00"),
  matBoardPricePerM2: money("Price per m² of mat board when no material is chosen", "60.00"),
});

export const systemSettings = z.object({
  currency: z
    .string()
    .refine((v) => CURRENCIES.has(v), "an ISO 4217 currency code, e.g. PEN")
    .default("PEN")
    .describe("Currency (ISO 4217)")
    .meta({ example: "PEN" }),
  timeZone: z
    .string()
    .refine((v) => TIME_ZONES.has(v), "an IANA time zone, e.g. America/Lima")
    .default("America/Lima")
    .describe("Time zone of the studio's calendar (IANA)")
    .meta({ example: "America/Lima" }),
  locale: z
    .string()
    .refine(isLocale, "a BCP 47 locale, e.g. es-PE")
    .default("es-PE")
    .describe("Locale")
    .meta({ example: "es-PE" }),
  taxRate: percent("Sales tax (IGV) percent", "18.00"),
  pricesIncludeTax: flag.default(false).describe("Catalog prices already include the tax"),
  orderNumberPrefix: z
    .string()
    .regex(/^[A-Z0-9]{1,6}$/, "1 to 6 capital letters or digits")
    .default("P")
    .describe("Order numbers read <prefix>-<year>-<sequence>")
    .meta({ example: "P" }),
  discountLimitPercent: percent("Discounts above this percent of the amount need prices:write", "10.00"),
  frame: frameSettings.default(frameSettings.parse({})),
});

export const alertSettings = z.object({
  expiringContractDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .describe("Contracts ending within this many days are expiring"),
  lowStock: flag.default(true).describe("Alert on low stock"),
  lateOrders: flag.default(true).describe("Alert on late orders"),
  wasteThresholdPercent: percent("Alert when a material's waste passes this percent", "10.00"),
});

export const securitySettings = z.object({
  sessionTimeoutMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60)
    .describe("A session idle this long ends"),
  maxFailedLogins: z.number().int().min(1).max(100).default(5).describe("Failed logins before the account is locked"),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15)
    .describe("How long a locked account waits"),
  minPasswordLength: z.number().int().min(8).max(128).default(10).describe("Minimum password length"),
});

export const backupSettings = z.object({
  schedule: z.enum(["off", "daily", "weekly"]).default("daily").describe("How often the studio's data is backed up"),
  retentionDays: z.number().int().min(1).max(3650).default(30).describe("How long backups are kept"),
  lastBackup: z
    .object({ at: z.string(), status: z.enum(["ok", "failed"]), sizeBytes: z.number().int().nullable() })
    .nullable()
    .default(null)
    .describe("The last backup (read-only: set by the backup job)"),
});

export const SETTING_SCHEMAS = {
  business: businessSettings,
  system: systemSettings,
  alerts: alertSettings,
  security: securitySettings,
  backup: backupSettings,
} as const;

export type SettingsOf = { [G in keyof typeof SETTING_SCHEMAS]: z.output<(typeof SETTING_SCHEMAS)[G]> };
export type SystemSettings = SettingsOf["system"];
