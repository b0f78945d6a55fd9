export * from "./cache-changes.js";
export * from "./db-servers.js";
export * from "./domains.js";
export * from "./operators.js";
export * from "./tenants.js";
