export * from "./db-servers.js";
export * from "./domains.js";
export * from "./tenants.js";
