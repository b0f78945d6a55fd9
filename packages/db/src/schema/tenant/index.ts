export * from "./audit-log.js";
export * from "./clients.js";
export * from "./materials.js";
export * from "./roles.js";
export * from "./sessions.js";
export * from "./users.js";
