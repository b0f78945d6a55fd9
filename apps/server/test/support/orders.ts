import { expect } from "vitest";
import type { Studio } from "./studio.js";

// What the orders tests build their orders from: a shop (a moulding, a glass sheet, a client) and
// the two kinds of line.

let counter = 0;

/** A moulding (b = 20 mm, 8.00/m), a glass sheet (40.00/m²) and a client, made over REST; codes tagged. */
export async function shop(studio: Studio, tag: string) {
  const call = studio.owner.http;
  const code = (prefix: string) => `${prefix}-${tag}-${++counter}`;
  const moulding = await call("POST", "/api/inventory/materials/", {
    body: { category: "varillas", code: code("VAR"), name: "Pine 2 cm", unit: "m", faceWidthMm: 20, costPrice: "8.00" },
  });
  const glass = await call("POST", "/api/inventory/materials/", {
    body: { category: "impresion", code: code("VID"), name: "Glass 2 mm", unit: "m2", costPrice: "40.00" },
  });
  const client = await call("POST", "/api/clients/", {
    body: { name: `Luis Mamani ${counter}`, phone: "+51 984 000 111" },
  });
  expect([moulding.status, glass.status, client.status]).toEqual([201, 201, 201]);
  return {
    mouldingId: moulding.body.id as number,
    glassId: glass.body.id as number,
    clientId: client.body.id as number,
  };
}

/** A 300×400 framed piece on the moulding. */
export const frame = (mouldingId: number, extra: Record<string, unknown> = {}) => ({
  kind: "frame",
  quantity: 1,
  frame: { artWidthMm: 300, artHeightMm: 400, mouldingId, ...extra },
});

/** A free-text item line, 10.00. */
export const print = (extra: Record<string, unknown> = {}) => ({
  kind: "item",
  description: "Impresión 20x30",
  quantity: "1",
  unitPrice: "10.00",
  ...extra,
});
