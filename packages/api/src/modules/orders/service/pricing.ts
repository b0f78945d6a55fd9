import {
  type ContractPackageRow,
  type Executor,
  type MaterialRow,
  materials,
  type OrderLineRow,
  type ServiceRow,
  services,
} from "@fotostudio/db";
import Big from "big.js";
import { inArray } from "drizzle-orm";
import { AppError, type Issue } from "../../../errors.js";
import { formatCents, parseCents, parseQuantity } from "../../../shared/fields.js";
import type { SystemSettings } from "../../config/settings.schema.js";
import { framePricing } from "../../config/settings.service.js";
import { type ContractForOrder, checkContractOrder } from "../../contracts/for-orders.js";
import type { LineInput } from "../orders.schema.js";
import type { FrameOutput } from "../output.schema.js";
import { roundHalfUp } from "../pricing/money-math.js";
import { type LineTotals, OrderTotalsError, orderTotals } from "../pricing/totals.js";
import { priceFrameLine } from "./frame-line.js";

/** Who asks: their id and what they hold (discount limits, costs, cancelling). */
export interface Caller {
  userId: number;
  permissions: ReadonlySet<string>;
}

/** A line ready to be totalled: resolved from the catalog (new lines) or read back (saved lines). */
export interface ResolvedLine {
  kind: "item" | "frame";
  description: string;
  serviceId: number | null;
  materialId: number | null;
  /** Thousandths. */
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  /** "18.00" */
  taxRate: string;
  costCents: number;
  frame: Required<FrameOutput> | null;
  /** A new line's discount is held to the studio's limit; a saved one was already allowed. */
  checkDiscount: boolean;
}

export type PricedLine = ResolvedLine & { totals: LineTotals };

export interface PricedOrder {
  lines: PricedLine[];
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
  costCents: number;
  currency: string;
  pricesIncludeTax: boolean;
}

/** DECIMAL(14,2): the largest amount a money column holds, in cents. */
const MAX_CENTS = 99_999_999_999_999;

const cents = (v: string) => parseCents(v) as number;
const percent = (v: string) => formatCents(cents(v));
const invalid = (issues: Issue[]) => new AppError("VALIDATION_ERROR", "Input validation failed", { issues });

/** The contract an order is placed under (checked active on `on`), or none; a student needs its contract. */
export async function contractFor(
  db: Executor,
  input: { contractId?: number | null | undefined; studentId?: number | null | undefined },
  on: string,
): Promise<ContractForOrder | null> {
  if (input.contractId == null) {
    if (input.studentId != null) {
      throw invalid([{ path: "studentId", message: "a student is named with the contractId", code: "custom" }]);
    }
    return null;
  }
  return checkContractOrder(db, { contractId: input.contractId, studentId: input.studentId ?? null, on });
}

async function catalogOf(db: Executor, lines: readonly LineInput[]) {
  const serviceIds = new Set<number>();
  const materialIds = new Set<number>();
  for (const line of lines) {
    if (line.kind === "item") {
      if (line.serviceId) serviceIds.add(line.serviceId);
      if (line.materialId) materialIds.add(line.materialId);
    } else {
      const { mouldingId, glazingId, backingId, matBoardId } = line.frame;
      for (const id of [mouldingId, glazingId, backingId, matBoardId]) if (id) materialIds.add(id);
    }
  }
  const [serviceRows, materialRows] = await Promise.all([
    serviceIds.size
      ? db
          .select()
          .from(services)
          .where(inArray(services.id, [...serviceIds]))
      : [],
    materialIds.size
      ? db
          .select()
          .from(materials)
          .where(inArray(materials.id, [...materialIds]))
      : [],
  ]);
  return {
    services: new Map<number, ServiceRow>(serviceRows.map((r) => [r.id, r])),
    materials: new Map<number, MaterialRow>(materialRows.map((r) => [r.id, r])),
  };
}

const lineCost = (unitCostCents: number, quantity: number) =>
  roundHalfUp(new Big(unitCostCents).times(quantity).div(1000));

/**
 * New lines from the catalog: a service's or material's name and price unless the line gives its
 * own, a contract package's name and price always, a frame priced by the engine. Every problem is
 * one 400 with the field paths.
 */
export async function resolveLines(
  db: Executor,
  lines: readonly LineInput[],
  system: SystemSettings,
  packages: readonly ContractPackageRow[] | null,
): Promise<ResolvedLine[]> {
  const catalog = await catalogOf(db, lines);
  const pricing = framePricing(system);
  const issues: Issue[] = [];
  const resolved = lines.map((line, i): ResolvedLine | null => {
    const at = (field: string, message: string) =>
      issues.push({ path: `lines.${i}.${field}`, message, code: "custom" });
    const common = {
      quantity: line.quantity,
      discountCents: line.discount,
      taxRate: percent(line.taxRate ?? system.taxRate),
      checkDiscount: true,
    };
    if (line.kind === "frame") {
      const frame = priceFrameLine(line.frame, catalog.materials, pricing, `lines.${i}.frame`, issues);
      if (!frame) return null;
      return {
        ...common,
        kind: "frame",
        description: line.description ?? frame.description,
        serviceId: null,
        materialId: frame.mouldingId,
        unitPriceCents: frame.unitPriceCents,
        costCents: lineCost(frame.unitCostCents, line.quantity),
        frame: frame.breakdown,
      };
    }
    let description = line.description ?? null;
    let unitPrice = line.unitPrice ?? null;
    let unitCost = 0;
    if (line.packageId) {
      const pkg = packages?.find((p) => p.id === line.packageId);
      if (!packages) at("packageId", "a package line needs the order's contractId");
      else if (!pkg) at("packageId", `Package ${line.packageId} is not one of the contract's packages`);
      else {
        description = pkg.name;
        unitPrice = cents(pkg.price);
      }
    }
    if (line.serviceId) {
      const service = catalog.services.get(line.serviceId);
      if (!service?.active) at("serviceId", `Service ${line.serviceId} is not an active service of the catalog`);
      else {
        description ??= service.name;
        unitPrice ??= cents(service.basePrice);
      }
    }
    if (line.materialId) {
      const material = catalog.materials.get(line.materialId);
      if (!material?.active) at("materialId", `Material ${line.materialId} is not an active material`);
      else {
        description ??= material.name;
        unitPrice ??= cents(material.salePrice);
        unitCost = cents(material.costPrice);
      }
    }
    if (description === null) at("description", "required for a free-text line");
    if (unitPrice === null) at("unitPrice", "required for a free-text line");
    if (description === null || unitPrice === null) return null;
    return {
      ...common,
      kind: "item",
      description,
      serviceId: line.serviceId ?? null,
      materialId: line.materialId ?? null,
      unitPriceCents: unitPrice,
      costCents: lineCost(unitCost, line.quantity),
      frame: null,
    };
  });
  if (issues.length) throw invalid(issues);
  return resolved as ResolvedLine[];
}

/** A saved line as it was priced: its price, tax rate and frame breakdown stay as they were. */
export function savedLine(row: OrderLineRow): ResolvedLine {
  return {
    kind: row.kind,
    description: row.description,
    serviceId: row.serviceId,
    materialId: row.materialId,
    quantity: parseQuantity(row.quantity) as number,
    unitPriceCents: cents(row.unitPrice),
    discountCents: cents(row.discount),
    taxRate: row.taxRate,
    costCents: cents(row.cost),
    frame: (row.frame as Required<FrameOutput> | null) ?? null,
    checkDiscount: false,
  };
}

/** `discount` is above `limit` (hundredths of a percent) of `amount`. */
const beyond = (discount: number, amount: number, limit: number) =>
  BigInt(discount) * 10_000n > BigInt(amount) * BigInt(limit);

/**
 * The order's totals (pricing/totals.ts) over resolved lines, with the studio's tax settings.
 * A discount above system.discountLimitPercent (a new line's, or the order's when `checkOrderDiscount`)
 * needs prices:write (403); amounts too large for the money columns are a 400.
 */
export function priceOrder(
  lines: ResolvedLine[],
  discountCents: number,
  system: SystemSettings,
  caller: Caller,
  checkOrderDiscount: boolean,
): PricedOrder {
  let totals: ReturnType<typeof orderTotals>;
  try {
    totals = orderTotals({
      lines: lines.map((l) => ({
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        discountCents: l.discountCents,
        taxRate: l.taxRate,
      })),
      discountCents,
      taxRate: system.taxRate,
      pricesIncludeTax: system.pricesIncludeTax,
    });
  } catch (error) {
    if (!(error instanceof OrderTotalsError)) throw error;
    throw invalid([{ path: error.path, message: error.message, code: "custom" }]);
  }
  const issues: Issue[] = [];
  totals.lines.forEach((t, i) => {
    const line = lines[i] as ResolvedLine;
    if (Math.max(t.amountCents + line.discountCents, t.totalCents, line.costCents) > MAX_CENTS) {
      issues.push({ path: `lines.${i}.quantity`, message: "the line's amount is too large", code: "custom" });
    }
  });
  if (Math.max(totals.subtotalCents, totals.totalCents) > MAX_CENTS && !issues.length) {
    issues.push({ path: "lines", message: "the order's total is too large", code: "custom" });
  }
  if (issues.length) throw invalid(issues);

  const limit = cents(system.discountLimitPercent);
  const overLimit =
    lines.some(
      (l, i) =>
        l.checkDiscount && beyond(l.discountCents, (totals.lines[i]?.amountCents ?? 0) + l.discountCents, limit),
    ) ||
    (checkOrderDiscount && beyond(discountCents, totals.subtotalCents, limit));
  if (overLimit && !caller.permissions.has("prices:write")) {
    throw new AppError(
      "FORBIDDEN",
      `A discount above ${system.discountLimitPercent}% of the amount needs prices:write`,
    );
  }
  return {
    lines: lines.map((l, i) => ({ ...l, totals: totals.lines[i] as LineTotals })),
    subtotalCents: totals.subtotalCents,
    discountCents: totals.discountCents,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    costCents: lines.reduce((sum, l) => sum + l.costCents, 0),
    currency: system.currency,
    pricesIncludeTax: system.pricesIncludeTax,
  };
}
