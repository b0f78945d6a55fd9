import { clients, type Executor, materials } from "@fotostudio/db";
import { eq, inArray } from "drizzle-orm";
import type { DocumentMaker } from "../../../shared/documents/file.js";
import type { DocumentFact, DocumentRow } from "../../../shared/documents/model.js";
import { table } from "../../../shared/documents/model.js";
import { cents, paymentsTable } from "../../../shared/documents/payments.js";
import { dayOf } from "../../../shared/studio-days.js";
import type { FrameOutput, Order, OrderLine } from "../output.schema.js";
import { loadOrder } from "./views.js";

// The order on paper, for the client: a draft is a quote ("Proforma"), anything after it a sale
// note ("Nota de venta"). Costs are never printed, whoever prints it: the paper leaves the studio.

const cm = (mm: number) => `${Number.isInteger(mm / 10) ? mm / 10 : (mm / 10).toFixed(1)}`;
const size = (w: number, h: number) => `${cm(w)} × ${cm(h)} cm`;

/** "2.500" → "2.5", "1.000" → "1": a quantity as people write it. */
const qty = (q: string) => q.replace(/\.?0+$/, "") || "0";

function frameDetail(frame: FrameOutput, names: Map<number, string>): string {
  const named = (id: number | null, label: string) =>
    id != null && names.has(id) ? [`${label}: ${names.get(id)}`] : [];
  const { leftMm, rightMm, topMm, bottomMm } = frame.mat;
  const mat =
    leftMm + rightMm + topMm + bottomMm > 0
      ? [`paspartú ${cm(topMm)}/${cm(rightMm)}/${cm(bottomMm)}/${cm(leftMm)} cm`]
      : [];
  return [
    `Obra ${size(frame.artWidthMm, frame.artHeightMm)}`,
    `exterior ${size(frame.outerWidthMm, frame.outerHeightMm)}`,
    ...mat,
    ...named(frame.mouldingId, "varilla"),
    ...named(frame.glazingId, "vidrio"),
    ...named(frame.backingId, "fondo"),
    ...named(frame.matBoardId, "cartón"),
  ].join(" · ");
}

const materialIdsOf = (lines: readonly OrderLine[]) =>
  lines
    .flatMap((l) => (l.frame ? [l.frame.mouldingId, l.frame.glazingId, l.frame.backingId, l.frame.matBoardId] : []))
    .filter((id): id is number => id != null);

/** What each line's materials are called: one query for the whole order. */
async function materialNames(db: Executor, lines: readonly OrderLine[]): Promise<Map<number, string>> {
  const ids = [...new Set(materialIdsOf(lines))];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: materials.id, name: materials.name })
    .from(materials)
    .where(inArray(materials.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The tax as one line: "IGV 18 %" when every taxed line has one rate, else "Impuestos". */
function taxLabel(order: Order): string {
  const rates = new Set(order.lines.filter((l) => cents(l.tax) !== 0).map((l) => l.taxRate));
  const [rate] = [...rates];
  return rates.size === 1 && rate ? `IGV ${qty(rate)} %` : "Impuestos";
}

export const printableTitle = (order: Pick<Order, "status">) =>
  order.status === "draft" ? "Proforma" : order.status === "cancelled" ? "Nota de venta (anulada)" : "Nota de venta";

/** The quote or sale note of an order of the caller's studio (404 for any other id). */
export const orderPrintable =
  (db: Executor, id: number): DocumentMaker =>
  async (studio) => {
    const order = await loadOrder(db, id, false);
    const [[client], names] = await Promise.all([
      db
        .select({ taxId: clients.taxId, phone: clients.phone, address: clients.address, email: clients.email })
        .from(clients)
        .where(eq(clients.id, order.clientId))
        .limit(1),
      materialNames(db, order.lines),
    ]);
    const zone = studio.timeZone;
    const text = (label: string, value: string | null | undefined): DocumentFact[] =>
      value ? [{ label, value, type: "text" }] : [];
    const facts: DocumentFact[] = [
      ...text("Cliente", order.clientName),
      ...text("DNI / RUC", client?.taxId),
      ...text("Teléfono", client?.phone),
      ...text("Dirección", client?.address),
      { label: "Fecha", value: dayOf(order.confirmedAt ?? order.createdAt, zone), type: "date" },
      ...(order.promisedAt ? [{ label: "Entrega", value: dayOf(order.promisedAt, zone), type: "date" as const }] : []),
      ...text("Servicio", order.serviceName),
    ];
    const lines: DocumentRow[] = order.lines.map((l) => ({
      position: l.position,
      description: l.frame ? `${l.description}\n${frameDetail(l.frame, names)}` : l.description,
      quantity: qty(l.quantity),
      unitPrice: cents(l.unitPrice),
      discount: cents(l.discount),
      amount: cents(l.amount),
    }));
    const summary = [
      { concept: "Subtotal", amount: cents(order.subtotal) },
      ...(cents(order.discount) ? [{ concept: "Descuento", amount: -cents(order.discount) }] : []),
      { concept: taxLabel(order), amount: cents(order.tax) },
    ];
    const amountColumns = [
      { key: "concept", header: "Concepto", type: "text" as const, width: 30 },
      { key: "amount", header: "Importe", type: "money" as const, width: 16 },
    ];
    // A quote owes nothing yet; a sale note shows what was paid and what is left.
    const account =
      order.status === "draft"
        ? []
        : [
            table({
              title: "Cuenta",
              columns: amountColumns,
              rows: [
                { concept: "Total", amount: cents(order.total) },
                { concept: "Pagado", amount: cents(order.paid) },
              ],
              totals: { concept: "Saldo", amount: cents(order.balance) },
            }),
          ];
    const notes = [
      ...(order.pricesIncludeTax ? ["Los precios unitarios incluyen el impuesto."] : []),
      ...(order.status === "cancelled" && order.cancelReason ? [`Anulada: ${order.cancelReason}`] : []),
      ...(order.notes ? [order.notes] : []),
    ];
    const title = printableTitle(order);
    return {
      stem: `${order.status === "draft" ? "proforma" : "nota-de-venta"}_${order.number}`,
      content: {
        title,
        subtitle: `N.º ${order.number}`,
        facts,
        tables: [
          table({
            title: "Detalle",
            columns: [
              { key: "position", header: "#", type: "integer", width: 4 },
              { key: "description", header: "Descripción", type: "text", width: 40 },
              { key: "quantity", header: "Cant.", type: "text", width: 8 },
              { key: "unitPrice", header: "P. unit.", type: "money", width: 14 },
              { key: "discount", header: "Dscto.", type: "money", width: 12 },
              { key: "amount", header: "Importe", type: "money", width: 14 },
            ],
            rows: lines,
          }),
          table({
            title: "Totales",
            columns: amountColumns,
            rows: summary,
            totals: { concept: "Total", amount: cents(order.total) },
          }),
          ...account,
          ...(order.payments.length && order.status !== "draft" ? [paymentsTable(order.payments, zone)] : []),
        ],
        notes,
      },
    };
  };
