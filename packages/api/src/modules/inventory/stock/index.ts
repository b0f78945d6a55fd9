// The stock ledger's contract with the other modules (production, products): every function takes
// the caller's transaction, takes the studio's stock lock and then locks what it changes
// (materials, then balances, in id order), writes movement rows, balances and alerts in that
// transaction, and throws 422 INSUFFICIENT_STOCK with `details { materialId, requested, available }`
// when stock is short. Quantities are thousandths of the base unit, money cents. A caller working
// on a production order locks its row before any plain read (production's lockProduction): the
// order's reservations are then read as they are.
export type { StockMovementRow } from "@fotostudio/db";
export { alertLevel, syncAlerts } from "./alerts.js";
export { defaultLocationId, type VirtualKind, virtualLocationId } from "./locations.js";
export { type MovementDraft, movingAverage, postMovement, postMovements } from "./movements.js";
export { consumeForProduction, movementsOfProductionOrder, type WasteLine } from "./production.js";
export { type Component, type Missing, releaseReservations, reserveComponents } from "./reservations.js";
export { lockStock, lockStudioStock } from "./state.js";
