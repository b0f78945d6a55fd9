/**
 * Every permission the API knows, `<module>:<action>`. Procedures name one in their meta; roles
 * are sets of these (identity issue).
 */
export const PERMISSIONS = ["clients:read", "clients:write"] as const;

export type Permission = (typeof PERMISSIONS)[number];
