import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileBytes } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { newClient, pay } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The papers that leave the studio, read back with poppler's pdftotext: the quote (a draft) and
// the sale note of an order — client, every line with a frame's sizes and moulding, tax, totals,
// payments, balance — and the school contract, all under the studio's own name and RUC.
const it = studioTest();
const scratch = mkdtempSync(join(tmpdir(), "printables-"));
let counter = 0;

async function pdfText(base: string, studio: StudioTenant, path: string) {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${studio.owner.token}`, "x-tenant-id": studio.slug },
  });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { res, text: body.toString() };
  const file = join(scratch, `${studio.slug}-${++counter}.pdf`);
  writeFileSync(file, body);
  return { res, text: execFileSync("pdftotext", ["-layout", file, "-"]).toString() };
}

/** 1330.5 → "1,330.50", as es-PE prints the amount after "S/". */
const shown = (money: string) => Number(money).toLocaleString("en-US", { minimumFractionDigits: 2 });

async function brand(studio: StudioTenant) {
  const put = await studio.owner.http("PUT", "/api/config/business/", {
    body: { tradeName: "Enmarcados Peña", taxId: "20987654321", address: "Av. Arequipa 1234, Lima" },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

async function frameOrder(studio: StudioTenant) {
  const moulding = await studio.owner.http("POST", "/api/inventory/materials/", {
    body: {
      category: "varillas",
      code: `VAR-PR-${++counter}`,
      name: "Cedro dorado",
      unit: "m",
      faceWidthMm: 25,
      costPrice: "9",
    },
  });
  expect(moulding.status, JSON.stringify(moulding.body)).toBe(201);
  const client = await newClient(studio, "Begoña Núñez");
  const created = await studio.owner.http("POST", "/api/orders/", {
    body: {
      clientId: client,
      lines: [
        { kind: "item", description: "Impresión fine art", quantity: "2", unitPrice: "45.00" },
        { kind: "frame", quantity: 1, frame: { artWidthMm: 400, artHeightMm: 500, mouldingId: moulding.body.id } },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: number; number: string; total: string; tax: string; lines: { total: string }[] };
}

describe("GET /api/orders/{id}/pdf/", () => {
  it("a draft prints as a quote: studio, client, every line with the frame's sizes and moulding, tax and total", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await brand(studio);
    const order = await frameOrder(studio);
    const { res, text } = await pdfText(server.url, studio, `/api/orders/${order.id}/pdf/`);
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="proforma_${order.number}_${studio.slug}.pdf"`,
    );
    expect(text).toContain("Enmarcados Peña");
    expect(text).toContain("RUC 20987654321");
    expect(text).toContain("Proforma");
    expect(text).not.toContain("Nota de venta");
    expect(text).toContain(order.number);
    expect(text).toContain("Begoña Núñez");
    expect(text).toContain("Impresión fine art");
    expect(text).toContain("Obra 40 × 50 cm");
    expect(text).toMatch(/varilla:\s+Cedro dorado/);
    expect(text).toMatch(/IGV 18 %/);
    expect(text).toContain(shown(order.tax));
    expect(text).toContain(shown(order.total));
    // A quote owes nothing yet: no payments, no balance.
    expect(text).not.toContain("Saldo");
    // The studio's cost of the frame never reaches the paper.
    expect(text).not.toMatch(/Costo/i);
  });

  it("a confirmed order prints as a sale note with its payments and balance", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const order = await frameOrder(studio);
    const confirmed = await studio.owner.http("POST", `/api/orders/${order.id}/transition/`, {
      body: { to: "confirmed" },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await pay(studio, order.id, "deposit", "50.00", "cash");
    await pay(studio, order.id, "payment", "20.00", "wallet");
    const after = (await studio.owner.http("GET", `/api/orders/${order.id}/`)).body;
    const { res, text } = await pdfText(server.url, studio, `/api/orders/${order.id}/pdf`);
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`nota-de-venta_${order.number}_${studio.slug}.pdf`);
    expect(text).toContain("Nota de venta");
    expect(text).toContain("Adelanto");
    expect(text).toContain("Billetera digital");
    expect(text).toMatch(/Pagado\s+S\/\s*70\.00/);
    expect(text).toContain(shown(after.balance));
    expect(after.balance).toBe((Number(order.total) - 70).toFixed(2));
  });

  it("another studio's order is 404, a bad id 400, no token 401, and tRPC gets the file in base64", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await using other = await server.openTenant();
    const order = await frameOrder(studio);
    expect((await pdfText(server.url, other, `/api/orders/${order.id}/pdf/`)).res.status).toBe(404);
    const bad = await pdfText(server.url, studio, "/api/orders/abc/pdf/");
    expect(bad.res.status).toBe(400);
    expect(JSON.parse(bad.text).code).toBe("VALIDATION_ERROR");
    const anonymous = await fetch(`${server.url}/api/orders/${order.id}/pdf/`, {
      headers: { "x-tenant-id": studio.slug },
    });
    expect(anonymous.status).toBe(401);
    const file = await studio.owner.sdk.orders.pdf.query({ id: order.id });
    expect(file.contentType).toBe("application/pdf");
    const bytes = fileBytes(file);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(bytes.length).toBe(file.size);
    expect(file.fileName).toBe(`proforma_${order.number}_${studio.slug}.pdf`);
  });
});

describe("GET /api/contracts/{id}/pdf/", () => {
  it("prints the school, the terms, the packages, value, paid and balance", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    await brand(studio);
    const school = await studio.owner.http("POST", "/api/clients/", {
      body: {
        name: "Colegio San Martín de Porres",
        kind: "school",
        contactName: "Rosa Quispe",
        taxId: "20111222333",
        phone: "+51 984 222 333",
      },
    });
    expect(school.status, JSON.stringify(school.body)).toBe(201);
    const created = await studio.owner.http("POST", "/api/contracts/", {
      body: {
        schoolId: school.body.id,
        title: "Promoción 2026",
        type: "annual",
        validFrom: "2026-03-01",
        validTo: "2026-12-20",
        value: "12000.00",
        status: "active",
        photoDay: "2026-05-14",
        clauses: "El colegio entrega la lista de alumnos.",
        packages: [{ name: "Paquete Promoción", price: "85.00", items: ["Foto 20x30 enmarcada", "2 fotos carné"] }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    const paid = await studio.owner.http("POST", `/api/contracts/${id}/payments/`, {
      body: { kind: "deposit", amount: "4000.00", method: "transfer", reference: "OP-778" },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const { res, text } = await pdfText(server.url, studio, `/api/contracts/${id}/pdf/`);
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="contrato_${id}_${studio.slug}.pdf"`);
    expect(text).toContain("Enmarcados Peña");
    expect(text).toContain("Contrato");
    expect(text).toContain("Promoción 2026");
    expect(text).toContain("Colegio San Martín de Porres");
    expect(text).toContain("20111222333");
    expect(text).toContain("14/05/2026");
    expect(text).toContain("Paquete Promoción");
    expect(text).toContain("Foto 20x30 enmarcada, 2 fotos carné");
    expect(text).toMatch(/Valor del contrato\s+S\/\s*12,000\.00/);
    expect(text).toMatch(/Saldo\s+S\/\s*8,000\.00/);
    expect(text).toContain("OP-778");
    expect(text).toContain("El colegio entrega la lista de alumnos.");
    await using other = await server.openTenant();
    expect((await pdfText(server.url, other, `/api/contracts/${id}/pdf/`)).res.status).toBe(404);
  });
});
