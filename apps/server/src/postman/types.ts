// The slice of OpenAPI 3.1 the collection is made from, and of the Postman Collection v2.1 format
// it is written in (https://schema.getpostman.com/json/collection/v2.1.0/collection.json).

export type Schema = { [key: string]: unknown };

export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema; example?: unknown }> }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, OpenApiOperation | undefined> | undefined>;
  components?: { schemas?: Record<string, Schema> };
}

/** One operation of the document, with what the collection needs to know of it. */
export interface Endpoint {
  path: string;
  method: string;
  op: OpenApiOperation;
  id: string;
  /** Names a studio (the X-Tenant-ID header). */
  tenant: boolean;
  /** Needs a Bearer token. */
  protected: boolean;
  /** The documented success status (200, 201) and its JSON schema. */
  status: number;
  schema: Schema | undefined;
}

export interface PostmanScript {
  listen: "prerequest" | "test";
  script: { type: "text/javascript"; exec: string[] };
}

export interface PostmanRequestItem {
  name: string;
  event?: PostmanScript[];
  request: {
    method: string;
    description?: string;
    header: { key: string; value: string }[];
    body?: { mode: "raw"; raw: string; options: { raw: { language: "json" } } };
    url: {
      raw: string;
      host: string[];
      path: string[];
      query?: { key: string; value: string; disabled?: boolean; description?: string }[];
    };
  };
}

export interface PostmanFolder {
  name: string;
  description?: string;
  item: PostmanRequestItem[];
}

export interface PostmanCollection {
  info: { name: string; description: string; version: string; schema: string };
  variable: { key: string; value: string; description?: string }[];
  item: (PostmanFolder | PostmanRequestItem)[];
}
