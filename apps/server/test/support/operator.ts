import { createOperator, operators } from "@fotostudio/db";
import { uniqueSlug } from "@fotostudio/db/testing";
import { eq } from "drizzle-orm";
import { http, type TestServer } from "./server.js";
import type { Http } from "./studio.js";

// Platform operators for the tests: made in the control database, logged in, deleted on dispose.

export const OPERATOR_PASSWORD = "operator-password-123";

export interface Operator extends AsyncDisposable {
  email: string;
  password: string;
  /** The access token of the login made when the operator was created. */
  token: string;
  /** Calls as this operator (Bearer `token`), with no tenant. */
  http: Http;
}

/** A platform operator in the control database, logged in over REST. */
export async function openOperator(server: TestServer, password = OPERATOR_PASSWORD): Promise<Operator> {
  const email = `${uniqueSlug("op")}@platform.test`;
  await createOperator(server.layer.control, { email, name: "Test Operator", password });
  const forget = () => server.layer.control.delete(operators).where(eq(operators.email, email));
  const res = await http(server.url, "POST", "/api/platform/auth/login/", { body: { email, password } });
  if (res.status !== 200) {
    await forget();
    throw new Error(`operator login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const token: string = res.body.access;
  return {
    email,
    password,
    token,
    http: (method, path, opts = {}) => http(server.url, method, path, { token, ...opts }),
    [Symbol.asyncDispose]: async () => void (await forget()),
  };
}
