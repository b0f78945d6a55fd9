import { MAX_PAGE_SIZE } from "../shared/list.js";

export const API_TITLE = "FotoStudio Cloud API";

/** Who answers integrators, and the terms the API is offered under (a proprietary product). */
export const API_CONTACT = { name: "FotoStudio Cloud support", email: "soporte@fotostudio.cloud" };
export const API_LICENSE = { name: "Proprietary", url: "https://fotostudio.cloud/terms" };

/** The document's introduction, rendered at the top of /docs (CommonMark). */
export const API_DESCRIPTION = `REST API of FotoStudio Cloud, the backend photo and picture-framing studios run their business on. It is generated from the same procedures as the tRPC API, so both always agree. The same document comes as a Postman collection at [/postman.json](/postman.json).

## The studio

One deployment serves many studios (tenants). Every studio operation names its studio with the \`X-Tenant-ID\` header (its slug, e.g. \`demo\`) or by being called on the studio's subdomain (\`https://demo.<domain>/api/...\`). Without either: 400 \`TENANT_REQUIRED\`; an unknown studio: 404 \`TENANT_NOT_FOUND\`; a suspended one: 403 \`TENANT_SUSPENDED\`. Platform operations (\`/api/platform/...\`, the operators' \`/api/tenants/...\`) name no studio.

## Getting a token

\`POST /api/auth/login/\` with the studio header and \`{ "email", "password" }\` answers \`{ access, refresh, expiresAt, user }\`. Send the access token as \`Authorization: Bearer <access>\` on every other call (the **Authorize** button here does it for you). The access token lasts an hour and slides while in use; trade the refresh token at \`POST /api/auth/refresh/\` for a new pair (each refresh token works once).

\`\`\`sh
BASE=http://127.0.0.1:3000   # your server
TOKEN=$(curl -s -X POST "$BASE/api/auth/login/" \\
  -H 'X-Tenant-ID: demo' -H 'Content-Type: application/json' \\
  -d '{"email":"owner@demo.test","password":"fotostudio-demo"}' | jq -r .access)
curl -H 'X-Tenant-ID: demo' -H "Authorization: Bearer $TOKEN" "$BASE/api/clients/"
\`\`\`

(\`owner@demo.test\` / \`fotostudio-demo\` exist only on development servers with the demo studios.) What a user may do follows their role's permissions: a missing one is 403 \`FORBIDDEN\` naming it. Platform operators log in at \`POST /api/platform/auth/login/\` the same way, without the studio header.

## Paths

Legacy Django-style paths: \`/api/clients/\` and \`/api/clients\` are the same operation. Path and query parameters are plain strings; bodies are JSON. Money and quantities travel as decimal strings (\`"1250.00"\`), instants as ISO 8601, calendar dates as \`YYYY-MM-DD\`.

## Lists

Lists take \`page\` (from 1), \`pageSize\` (default 20, at most ${MAX_PAGE_SIZE}), \`search\` (free text) and \`ordering\` (a field, or \`-field\` for descending; each list names its fields), and answer \`{ count, page, pageSize, results }\`, \`count\` being the rows over all pages.

## Errors

Every error has one shape, with a stable \`code\` to branch on (the status follows from it):

\`\`\`json
{ "code": "VALIDATION_ERROR", "message": "Input validation failed", "issues": [{ "path": "email", "message": "Invalid email address", "code": "invalid_format" }], "requestId": "5f0c…" }
\`\`\`

\`issues\` lists the fields at fault (\`VALIDATION_ERROR\`). \`requestId\` is also the \`X-Request-Id\` response header: quote it to support. Too many requests or failed logins answer 429 \`RATE_LIMITED\` with \`Retry-After\`.`;
