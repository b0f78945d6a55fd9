// The production module's business rules, by topic under service/.
export { lateAt, lateProductionOrders, listProductionOrders } from "./service/lists.js";
export { registerOutput } from "./service/register.js";
export { traceMovement, traceProductionOrder } from "./service/trace.js";
export { productionMachine, transitionProduction } from "./service/transition.js";
export { loadProductionOrder } from "./service/views.js";
export { materialMetrics } from "./service/waste.js";
export {
  type Caller,
  createProductionOrder,
  replaceProductionOrder,
  seesCosts,
  updateProductionOrder,
} from "./service/write.js";
