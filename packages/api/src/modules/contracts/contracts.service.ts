// The contracts module's business rules, by topic under service/.
export * from "./service/contracts.js";
export * from "./service/expiring.js";
export * from "./service/lifecycle.js";
export * from "./service/payments.js";
export * from "./service/printable.js";
export * from "./service/students.js";
export { type ContractListRow, toContract, toContracts } from "./service/view.js";
