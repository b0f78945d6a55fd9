import { z } from "zod";

/**
 * The fields modules share, each with its validation, its API form and an example for the docs.
 * Money and quantities travel as decimal strings and are integers inside (cents, thousandths):
 * never a float (SPEC §4).
 */

/** A record id, as a path parameter or a field. */
export const id = (what = "Record") => z.number().int().positive().describe(`${what} id`).meta({ example: 1 });

/** `{ id }`: the input of byId, delete and the id-only actions; `what` names it in the docs. */
export const idInput = (what = "Record") => z.object({ id: id(what) });

/** No input (REST sends nothing or `{}`; tRPC `undefined`). */
export const emptyInput = z.object({}).optional();

export const okOutput = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });

/** What every delete answers. */
export const deletedOutput = z
  .object({ id: z.number().int().describe("The deleted record"), deleted: z.literal(true) })
  .meta({ id: "Deleted" });

/** A login or contact e-mail, stored lower-case. */
export const email = (description = "E-mail address") =>
  z
    .email()
    .max(254)
    .transform((v) => v.toLowerCase())
    .describe(description)
    .meta({ example: "ana.quispe@example.com" });

/** An optional e-mail: legacy forms send "" for an empty field, stored as null. */
export const optionalEmail = (description = "E-mail address") =>
  z
    .union([z.literal(""), z.email().max(254)])
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null))
    .describe(description)
    .meta({ example: "ana.quispe@example.com" });

/** Required text, trimmed, 1..max characters. */
export const text = (max: number, description: string) => z.string().trim().min(1).max(max).describe(description);

/** Optional text, trimmed: "" and null are stored as null. */
export const optionalText = (max: number, description: string) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))
    .describe(description);

/** A phone number: digits, spaces, ( ) - and a leading +; "" and null are stored as null. */
export const phone = (description = "Phone, with country code for WhatsApp") =>
  z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{5,32}$/, "digits, spaces, ( ) - and a leading + only"),
    ])
    .nullish()
    .transform((v) => (v ? v : null))
    .describe(description)
    .meta({ example: "+51 987 654 321" });

export const languages = ["es", "en", "pt"] as const;
export const language = z.enum(languages).describe("Interface language");

/**
 * A yes/no field, in a query or a body: every boolean input is one. REST may send the strings
 * `true`/`false`, the SDK a boolean; both arrive as a boolean, anything else is a 400. (A plain
 * z.boolean() input is switched to coercion by trpc-to-openapi, on the schema itself: "false" and
 * "yes" would both read as true, over REST and then over tRPC too.)
 */
export const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).pipe(z.boolean());

const MONEY = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Decimal string → integer cents, exactly ("8.20" → 820); null when it is not money. */
export function parseCents(value: string): number | null {
  const match = MONEY.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = "0", fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign === "-" && cents !== 0 ? -cents : cents;
}

/** Integer cents → the API's decimal string (820 → "8.20"). */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const CANONICAL_MONEY = /^-?(?:0|[1-9]\d*)\.\d{2}$/;

/**
 * A money column as the API writes it. A DECIMAL(…, 2) arrives from the database already in the
 * API's form ("8.20"), and is passed through without a cents round trip (list pages do six per
 * row); anything else ("8.2", "0", a SUM's "-0.00") is normalised through cents.
 */
export function moneyText(value: string): string {
  return CANONICAL_MONEY.test(value) && value !== "-0.00" ? value : formatCents(parseCents(value) as number);
}

/**
 * A JSON number as the decimal it was written as (its shortest representation: 8.2 → "8.2"), so
 * that the decimal rules apply to it: 0.1 + 0.2 arrives as "0.30000000000000004" and is refused,
 * never rounded into a price nobody typed.
 */
const decimalText = z.union([z.string(), z.number()]).transform((v) => (typeof v === "number" ? String(v) : v).trim());

/**
 * Money in: a decimal string with at most two decimals ("1250.00", "8.2"), at most 12 digits
 * before the point (DECIMAL(14,2)); a JSON number is taken when it is such a decimal (1250.5).
 * Arrives in the service as integer cents.
 */
export const money = (description = "Amount") =>
  decimalText
    .pipe(z.string().regex(MONEY, "a decimal string with at most two decimals, e.g. 1250.00"))
    .transform((v) => parseCents(v) as number)
    .describe(`${description}: a decimal string, e.g. "1250.00"`)
    .meta({ example: "1250.00" });

/** Money out: integer cents in the service, a decimal string with two decimals in the API. */
export const moneyOutput = (description = "Amount") =>
  z.string().describe(`${description}: a decimal string with two decimals`).meta({ example: "1250.00" });

/**
 * A percent in the insight endpoints (reports, dashboard, metrics): a JSON number with two
 * decimals, as chart libraries take it, null where it is undefined (a base of 0). Money stays a
 * string; a percent is a ratio already rounded for display, never summed back into money.
 */
export const percentOutput = (description: string, nullWhen = "undefined") =>
  z.number().nullable().describe(`${description}: a percent with two decimals, null when ${nullWhen}`).meta({
    example: 12.5,
  });

/** The production module's two-decimal percent strings ("4.42") as percentOutput's numbers. */
export const asPercent = (percent: string | null): number | null => (percent === null ? null : Number(percent));

const QUANTITY = /^(\d{1,9})(?:\.(\d{1,3}))?$/;

/** Decimal string → integer thousandths of the base unit ("2.5" → 2500); null when invalid. */
export function parseQuantity(value: string): number | null {
  const match = QUANTITY.exec(value.trim());
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  return Number(whole) * 1000 + Number(fraction.padEnd(3, "0"));
}

/** Integer thousandths → the API's decimal string with three decimals (2500 → "2.500"). */
export function formatQuantity(thousandths: number): string {
  if (!Number.isSafeInteger(thousandths)) throw new RangeError(`${thousandths} is not whole thousandths`);
  const abs = Math.abs(thousandths);
  return `${thousandths < 0 ? "-" : ""}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, "0")}`;
}

/**
 * A quantity in the material's base unit: a non-negative decimal string with up to three decimals
 * (DECIMAL(12,3)), or a JSON number that is such a decimal; arrives in the service as integer
 * thousandths.
 */
export const quantity = (description = "Quantity in the material's base unit") =>
  decimalText
    .pipe(z.string().regex(QUANTITY, "a decimal string with at most three decimals, e.g. 2.500"))
    .transform((v) => parseQuantity(v) as number)
    .describe(`${description}: a decimal string, e.g. "2.500"`)
    .meta({ example: "2.500" });

/** A calendar date in the studio's time zone, `YYYY-MM-DD` (no time, no offset). */
export const date = (description = "Date") =>
  z.iso.date().describe(`${description} (YYYY-MM-DD, the studio's calendar)`).meta({ example: "2026-12-01" });

/** A period by its first and last day (both included); `from` after `to` is a 400 on `to`. */
export const dateRange = z
  .object({ from: date("First day"), to: date("Last day") })
  .refine((r) => r.from <= r.to, { message: "`to` must not be before `from`", path: ["to"] });

/** An instant: ISO 8601 with offset in REST, a Date in the SDK. */
export const instant = (description = "Instant") => z.coerce.date().describe(`${description} (ISO 8601)`);
