import { sessionTables } from "../session-tables.js";
import { users } from "./users.js";

/** A user's logins and their tokens; `subjectId` is the SQL `user_id` (see sessionTables). */
export const { sessions, tokens: sessionTokens } = sessionTables("sessions", "session_tokens", {
  name: "user",
  references: () => users.id,
});

export type SessionRow = typeof sessions.$inferSelect;
