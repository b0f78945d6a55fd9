import type { PaymentKind, paymentMethods } from "@fotostudio/db";
import { parseCents } from "../fields.js";
import type { Payment } from "../payments.js";
import { dayOf } from "../studio-days.js";
import { type DocumentTable, table } from "./model.js";

// Payments as the studio's papers name them (an order's sale note, a contract, the financial report).

export const METHOD_LABELS: Record<(typeof paymentMethods)[number], string> = {
  cash: "Efectivo",
  card: "Tarjeta",
  transfer: "Transferencia",
  wallet: "Billetera digital",
};

export const KIND_LABELS: Record<PaymentKind, string> = {
  deposit: "Adelanto",
  payment: "Pago",
  refund: "Devolución",
};

/** Money of the API (a decimal string) as integer cents for a document. */
export const cents = (money: string): number => parseCents(money) ?? 0;

/** The payments, oldest first, refunds negative, their net as the total: what was paid. */
export function paymentsTable(payments: readonly Payment[], zone: string): DocumentTable {
  const signed = (p: Payment) => (p.kind === "refund" ? -cents(p.amount) : cents(p.amount));
  return table({
    title: "Pagos",
    columns: [
      { key: "day", header: "Fecha", type: "date", width: 12 },
      { key: "kind", header: "Concepto", type: "text", width: 14 },
      { key: "method", header: "Medio", type: "text", width: 16 },
      { key: "reference", header: "Referencia", type: "text", width: 16 },
      { key: "amount", header: "Importe", type: "money", width: 14 },
    ],
    rows: payments.map((p) => ({
      day: dayOf(p.createdAt, zone),
      kind: KIND_LABELS[p.kind],
      method: METHOD_LABELS[p.method],
      reference: p.reference,
      amount: signed(p),
    })),
    totals: { day: "Pagado", amount: payments.reduce((sum, p) => sum + signed(p), 0) },
  });
}
