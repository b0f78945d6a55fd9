/**
 * Procedure metadata: the server also publishes each procedure over REST. Clients can ignore it.
 * (Structurally the server's type, with its header schemas left opaque; see tsup.config.ts.)
 */
export type OpenApiMeta<TMeta = Record<string, unknown>> = TMeta & {
  openapi?: {
    enabled?: boolean;
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
    path: `/${string}`;
    operationId?: string;
    summary?: string;
    description?: string;
    protect?: boolean;
    tags?: string[];
    contentTypes?: string[];
    deprecated?: boolean;
    requestHeaders?: unknown;
    responseHeaders?: unknown;
    successDescription?: string;
    errorResponses?: number[] | Record<number, string>;
  };
};

/** Named by the server's `buildOpenApiDocument`, which the SDK never exports; opaque here. */
export type OpenAPIObject = Record<string, unknown>;
