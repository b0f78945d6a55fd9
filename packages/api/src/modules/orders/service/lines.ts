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
import { priceFrameLine } from "./frame-line.js";
import type { ResolvedLine } from "./pricing.js";

// An order's lines before they are totalled: new ones resolved from the catalog, saved ones as
// they were priced.

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
        packageId: null,
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
      packageId: line.packageId ?? null,
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
    packageId: row.packageId,
    quantity: parseQuantity(row.quantity) as number,
    unitPriceCents: cents(row.unitPrice),
    discountCents: cents(row.discount),
    taxRate: row.taxRate,
    costCents: cents(row.cost),
    frame: (row.frame as Required<FrameOutput> | null) ?? null,
    checkDiscount: false,
  };
}
