import type { NewClientRow, orderPayments, orders } from "@fotostudio/db";
import { formatCents as centsText } from "./money.js";

// Deterministic, fully filled rows for the benchmark's studios: the same data on every run, so
// pages compare equal across targets and runs.

type NewOrderRow = typeof orders.$inferInsert;
type NewPaymentRow = typeof orderPayments.$inferInsert;

const FIRST = ["María", "Carlos", "Lucía", "Jorge", "Valentina", "Andrés", "Paula", "Diego", "Camila", "Sofía"];
const LAST = ["López", "Gómez", "Martínez", "Ramírez", "Castro", "Herrera", "Ríos", "Vargas", "Mejía", "Restrepo"];
const STATUSES = ["draft", "confirmed", "in_production", "ready", "delivered", "cancelled"] as const;
/** Fixed instants (not "now"): the same rows, the same order by creation, on every run. */
const BASE = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;

export function sampleClients(n: number): NewClientRow[] {
  return Array.from({ length: n }, (_, i) => {
    const school = i % 7 === 0;
    const name = school
      ? `Colegio ${LAST[i % LAST.length]} ${i}`
      : `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]} ${i}`;
    return {
      kind: school ? "school" : "person",
      name,
      taxId: `900.${String(100 + i).padStart(3, "0")}.${String(1000 + i)}-${i % 10}`,
      email: `client${i}@example.com`,
      phone: `+57 300 ${String(1_000_000 + i * 7919).slice(0, 7)}`,
      address: `Calle ${10 + i} # ${i}-${20 + i}, Bogotá`,
      notes: i % 3 === 0 ? "Prefers natural wood mouldings; pick-up on Saturdays." : null,
      whatsappOptIn: i % 2 === 0,
    };
  });
}

export interface SampleOrder {
  row: NewOrderRow;
  totalCents: number;
}

/**
 * `n` orders over the clients (ids), every status, some with a service, some late. Totals hold:
 * total = subtotal − discount + tax, tax 18 % of the discounted base (half-up, in cents).
 */
export function sampleOrders(n: number, clientIds: number[], serviceIds: number[]): SampleOrder[] {
  return Array.from({ length: n }, (_, i) => {
    const status = STATUSES[i % STATUSES.length] ?? "draft";
    const subtotal = 2_000 + ((i * 7_919) % 48_000);
    const discount = i % 5 === 0 ? Math.floor(subtotal / 10) : 0;
    const tax = Math.floor(((subtotal - discount) * 18 + 50) / 100);
    const total = subtotal - discount + tax;
    const createdAt = new Date(BASE + i * HOUR);
    return {
      totalCents: total,
      row: {
        number: `P-2026-${String(i + 1).padStart(6, "0")}`,
        year: 2026,
        sequence: i + 1,
        clientId: clientIds[(i * 13) % clientIds.length] as number,
        serviceId: i % 3 === 0 ? (serviceIds[i % Math.max(1, serviceIds.length)] ?? null) : null,
        status,
        priority: i % 9 === 0 ? "rush" : "normal",
        // Every fourth order promised in the past (late while open), others after 2030, some never.
        promisedAt:
          i % 4 === 0
            ? new Date(BASE + (i + 48) * HOUR)
            : i % 4 === 1
              ? null
              : new Date(Date.UTC(2031, 0, 1 + (i % 28))),
        level: i % 7 === 0 ? "primaria" : null,
        grade: i % 7 === 0 ? `${(i % 6) + 1}` : null,
        section: i % 7 === 0 ? "B" : null,
        notes: i % 4 === 2 ? "Marco con paspartú blanco; entregar envuelto." : null,
        currency: "PEN",
        pricesIncludeTax: i % 2 === 1,
        subtotal: centsText(subtotal),
        discount: centsText(discount),
        tax: centsText(tax),
        total: centsText(total),
        confirmedAt: status !== "draft" ? new Date(createdAt.getTime() + HOUR / 2) : null,
        deliveredAt: status === "delivered" ? new Date(createdAt.getTime() + 72 * HOUR) : null,
        cancelledAt: status === "cancelled" ? new Date(createdAt.getTime() + 5 * HOUR) : null,
        cancelReason: status === "cancelled" ? "El cliente desistió" : null,
        createdBy: null,
        createdAt,
        updatedAt: createdAt,
      },
    };
  });
}

/** Payments for the inserted orders: unpaid, a deposit, paid in full, and a refund after a payment. */
export function samplePayments(placed: { id: number; totalCents: number; index: number }[]): NewPaymentRow[] {
  return placed.flatMap(({ id, totalCents, index }): NewPaymentRow[] => {
    const at = (h: number) => new Date(BASE + (index + h) * HOUR);
    const deposit = Math.floor(totalCents / 2);
    switch (index % 4) {
      case 1:
        return [{ orderId: id, kind: "deposit", amount: centsText(deposit), method: "cash", createdAt: at(1) }];
      case 2:
        return [
          {
            orderId: id,
            kind: "deposit",
            amount: centsText(deposit),
            method: "card",
            reference: "OP-1",
            createdAt: at(1),
          },
          {
            orderId: id,
            kind: "payment",
            amount: centsText(totalCents - deposit),
            method: "transfer",
            createdAt: at(2),
          },
        ];
      case 3:
        return [
          { orderId: id, kind: "payment", amount: centsText(totalCents), method: "wallet", createdAt: at(1) },
          { orderId: id, kind: "refund", amount: centsText(100), method: "wallet", createdAt: at(3) },
        ];
      default:
        return [];
    }
  });
}
