import type { Executor } from "@fotostudio/db";
import { formatCents, formatQuantity } from "../../../shared/fields.js";
import { todayIn } from "../../../shared/studio-days.js";
import { readSettings } from "../../config/settings.service.js";
import type { QuoteInput } from "../orders.schema.js";
import type { Quote, QuoteLine } from "../output.schema.js";
import { contractFor, resolveLines } from "./lines.js";
import { type Caller, type PricedLine, type PricedOrder, priceOrder } from "./pricing.js";
import { shownFrame } from "./views.js";

export const seesCosts = (caller: Caller) => caller.permissions.has("costs:read");

function toQuoteLine(line: PricedLine, position: number, costs: boolean): QuoteLine {
  return {
    position,
    kind: line.kind,
    description: line.description,
    serviceId: line.serviceId,
    materialId: line.materialId,
    packageId: line.packageId,
    quantity: formatQuantity(line.quantity),
    unitPrice: formatCents(line.unitPriceCents),
    discount: formatCents(line.discountCents),
    taxRate: line.taxRate,
    amount: formatCents(line.totals.amountCents),
    discountShare: formatCents(line.totals.discountShareCents),
    tax: formatCents(line.totals.taxCents),
    total: formatCents(line.totals.totalCents),
    ...(costs ? { cost: formatCents(line.costCents) } : {}),
    frame: line.frame ? shownFrame(line.frame, costs) : null,
  };
}

export function toQuote(priced: PricedOrder, costs: boolean): Quote {
  return {
    currency: priced.currency,
    pricesIncludeTax: priced.pricesIncludeTax,
    subtotal: formatCents(priced.subtotalCents),
    discount: formatCents(priced.discountCents),
    tax: formatCents(priced.taxCents),
    total: formatCents(priced.totalCents),
    ...(costs ? { cost: formatCents(priced.costCents) } : {}),
    lines: priced.lines.map((l, i) => toQuoteLine(l, i + 1, costs)),
  };
}

/** Prices an order's lines as creating it would, and saves nothing. */
export async function quoteOrder(db: Executor, caller: Caller, input: QuoteInput): Promise<Quote> {
  const system = await readSettings(db, "system");
  const contract = await contractFor(db, input, todayIn(system.timeZone));
  const lines = await resolveLines(db, input.lines, system, contract?.packages ?? null);
  return toQuote(priceOrder(lines, input.discount ?? 0, system, caller, true), seesCosts(caller));
}
