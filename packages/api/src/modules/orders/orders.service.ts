// The orders module's business rules, by topic under service/.
export { clientOrders, listOrders } from "./service/lists.js";
export { createOrder, deleteOrder, replaceOrder, updateOrder } from "./service/orders.js";
export { addPayment, listPayments } from "./service/payments.js";
export type { Caller } from "./service/pricing.js";
export { orderPrintable } from "./service/printable.js";
export { quoteOrder } from "./service/quote.js";
export { type OrderMove, orderMachine, transitionOrder } from "./service/transitions.js";
export { loadOrder } from "./service/views.js";
