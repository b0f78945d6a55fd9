// Finished products (issue 9): the module's service, split by topic under service/.
// `createProduct(tx, …)` is the contract production's register calls (ops-shared brief).
export { listByLocation, listProducts } from "./service/lists.js";
export { addProduct, createProduct, deleteProduct, type NewProduct, updateProduct } from "./service/products.js";
export { getProduct, getProductRow } from "./service/rows.js";
export { productMachine, type Sale, sellProduct, transitionProduct } from "./service/sell.js";
