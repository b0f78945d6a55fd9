import { contractDeliveries, contractStatuses, contracts, contractTypes } from "@fotostudio/db";
import { z } from "zod";
import { date, flag, id, money, moneyOutput, optionalText, parseCents, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

export const contractType = z
  .enum(contractTypes)
  .describe("annual, semester, monthly, or project (per project)")
  .meta({ example: "annual" });
export const contractStatus = z
  .enum(contractStatuses)
  .describe("draft → active → completed; draft or active → rescinded (final)")
  .meta({ example: "active" });
export const contractDelivery = z
  .enum(contractDeliveries)
  .describe("Where the photos are delivered: to the school or to each home");

/** A percentage 0..100 with two decimals; integer hundredths of a percent in the service. */
const percent = (description: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^\d{1,3}(?:\.\d{1,2})?$/, "a percentage with at most two decimals, e.g. 10.00"))
    .transform((v) => parseCents(v) as number)
    .refine((v) => v <= 10_000, "at most 100")
    .describe(`${description}, 0..100: a decimal string, e.g. "10.00"`)
    .meta({ example: "10.00" });

const optionalDate = (description: string, example: string) =>
  date(description)
    .nullish()
    .transform((v) => v ?? null)
    .meta({ example });

export const packageInput = z.object({
  name: text(200, "Package name").meta({ example: "Paquete Promoción" }),
  price: money("Price of the package")
    .refine((v) => v >= 0, "must not be negative")
    .meta({ example: "85.00" }),
  items: z
    .array(text(200, "An item of the package"))
    .max(50)
    .default([])
    .describe("What the package holds")
    .meta({ example: ["Foto 20x30 enmarcada", "2 fotos carné"] }),
});
export type PackageInput = z.infer<typeof packageInput>;

const packages = z
  .array(packageInput)
  .max(50)
  .describe("The packages the contract offers, replaced as a whole when sent");

/** The contract's terms as create and PUT take them; omitted optional fields become empty or their default. */
const fields = {
  schoolId: id("School (a client of kind school)"),
  title: text(200, "Title").meta({ example: "Fotografía escolar 2026" }),
  type: contractType,
  validFrom: date("First day of the contract").meta({ example: "2026-03-01" }),
  validTo: date("Last day of the contract, after validFrom").meta({ example: "2026-12-20" }),
  value: money("Contract value (what the school owes)")
    .refine((v) => v >= 0, "must not be negative")
    .meta({ example: "12000.00" }),
  commissionPercent: percent("The school's commission").default(0),
  photoDay: optionalDate("Photo day at the school", "2026-05-12"),
  makeupDay: optionalDate("Make-up photo day, for the absent", "2026-05-19"),
  orderDeadline: optionalDate("Last day for orders", "2026-06-30"),
  deliveryTo: contractDelivery.default("school"),
  clauses: optionalText(20_000, "The contract's clauses").meta({
    example: "The school pays 50% on signing and 50% on delivery.",
  }),
  notes: optionalText(5000, "Free notes for the studio's staff"),
  responsibleUserId: id("The studio user responsible for the contract")
    .nullish()
    .transform((v) => v ?? null)
    // null in the docs: a sample user id would not name a user in every studio.
    .meta({ example: null }),
  packages: packages.default([]),
};

const validityOrdered = (c: { validFrom?: string; validTo?: string }) =>
  !c.validFrom || !c.validTo || c.validFrom < c.validTo;
const VALIDITY = { message: "must be after validFrom", path: ["validTo"] };

export const createContractInput = z
  .object({
    ...fields,
    status: z
      .enum(["draft", "active"])
      .default("draft")
      .describe("draft (the default) or active: a contract signed already starts active"),
  })
  .refine(validityOrdered, VALIDITY);
export type CreateContractInput = z.infer<typeof createContractInput>;

/** PUT: the whole contract; omitted optional fields become empty or their default. */
export const replaceContractInput = z.object({ id: id("Contract"), ...fields }).refine(validityOrdered, VALIDITY);

/** PATCH: only the fields sent change; the dates are checked against the stored ones too. */
export const patchContractInput = z
  .object({
    id: id("Contract"),
    schoolId: fields.schoolId.optional(),
    title: fields.title.optional(),
    type: contractType.optional(),
    validFrom: fields.validFrom.optional(),
    validTo: fields.validTo.optional(),
    value: fields.value.optional(),
    commissionPercent: percent("The school's commission").optional(),
    photoDay: fields.photoDay.optional(),
    makeupDay: fields.makeupDay.optional(),
    orderDeadline: fields.orderDeadline.optional(),
    deliveryTo: contractDelivery.optional(),
    clauses: fields.clauses.optional(),
    notes: fields.notes.optional(),
    responsibleUserId: fields.responsibleUserId.optional(),
    packages: packages.optional(),
  })
  .refine(validityOrdered, VALIDITY);
export type PatchContractInput = z.infer<typeof patchContractInput>;
export type ContractChanges = Omit<PatchContractInput, "id">;

export const contractSort = sortable(
  {
    title: contracts.title,
    validFrom: contracts.validFrom,
    validTo: contracts.validTo,
    value: contracts.value,
    createdAt: contracts.createdAt,
    id: contracts.id,
  },
  "-validFrom",
);

export const listContractsInput = pageInput.extend({
  status: contractStatus.optional(),
  type: contractType.optional(),
  schoolId: id("Only this school's contracts").optional(),
  expired: flag
    .describe("Only contracts past their end and neither completed nor rescinded (true), or the others")
    .optional(),
  ordering: contractSort.ordering,
});
export type ListContractsInput = z.infer<typeof listContractsInput>;

export const expiringContractsInput = pageInput.omit({ search: true }).extend({
  days: z
    .number()
    .int()
    .min(0)
    .max(365)
    .describe("The window in days, from today; the alerts setting expiringContractDays (30) when omitted")
    .optional(),
});
export type ExpiringContractsInput = z.infer<typeof expiringContractsInput>;

export const transitionContractInput = z.object({
  id: id("Contract"),
  to: contractStatus,
  reason: optionalText(500, "Why; required to rescind").meta({ example: "The school cancelled the photo day" }),
});
export type TransitionContractInput = z.infer<typeof transitionContractInput>;

const percentOutput = (description: string, example: string) =>
  z.string().describe(`${description}: a decimal string with two decimals`).meta({ example });

export const packageOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    price: moneyOutput("Price of the package").meta({ example: "85.00" }),
    items: z.array(z.string()).describe("What the package holds"),
  })
  .meta({ id: "ContractPackage" });

export const contractOutput = z
  .object({
    id: z.number().int(),
    schoolId: z.number().int(),
    schoolName: z.string().nullable().describe("The school's name (null if the client was deleted)"),
    title: z.string(),
    type: contractType,
    validFrom: z.string().describe("First day (YYYY-MM-DD)").meta({ example: "2026-03-01" }),
    validTo: z.string().describe("Last day (YYYY-MM-DD)").meta({ example: "2026-12-20" }),
    status: contractStatus,
    value: moneyOutput("Contract value").meta({ example: "12000.00" }),
    paid: moneyOutput("Paid so far: deposits + payments − refunds").meta({ example: "4000.00" }),
    balance: moneyOutput("Value − paid").meta({ example: "8000.00" }),
    paidPercent: percentOutput("Paid / value × 100 (0.00 when the value is 0)", "33.33"),
    expired: z.boolean().describe("Past its last day and neither completed nor rescinded (derived)"),
    daysLeft: z
      .number()
      .int()
      .nullable()
      .describe(
        "Days from today to the last day, in the studio's calendar (negative once past); null when completed or rescinded",
      ),
    commissionPercent: percentOutput("The school's commission", "10.00"),
    photoDay: z.string().nullable().describe("YYYY-MM-DD"),
    makeupDay: z.string().nullable().describe("YYYY-MM-DD"),
    orderDeadline: z.string().nullable().describe("YYYY-MM-DD"),
    deliveryTo: contractDelivery,
    clauses: z.string().nullable(),
    notes: z.string().nullable(),
    responsibleUserId: z.number().int().nullable(),
    rescindedAt: z.date().nullable(),
    rescindReason: z.string().nullable(),
    packages: z.array(packageOutput),
    studentsCount: z.number().int().describe("Students on the roster"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Contract" });
export type Contract = z.infer<typeof contractOutput>;
