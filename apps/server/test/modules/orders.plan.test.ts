import { orders } from "@fotostudio/db";
import { desc, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { newClient, sale, statementsOf } from "../support/reports.js";
import { studioTest } from "../support/studio.js";

// How MariaDB reads a page of the orders list: unfiltered and newest first (the list's default,
// the busiest read of the product), it walks orders_created_idx for the page's rows instead of
// starting from the clients and sorting every order of the studio (temporary table + filesort) —
// a cost that grew with the studio's history on every page. Filters keep their own indexes.
const it = studioTest();

type Plan = { table: string; key: string | null; possible_keys: string | null; Extra: string | null }[];

describe("the orders list's query plan", () => {
  it("reads an unfiltered newest-first page down orders_created_idx, without sorting the studio's orders", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const clients = [];
    for (let i = 0; i < 12; i++) clients.push(await newClient(studio));
    for (let i = 0; i < 36; i++)
      await sale(studio, { clientId: clients[i % 12] as number, prices: ["10.00"], status: "draft" });
    const explain = async (statement: string) =>
      ((await studio.db.execute(sql.raw(`EXPLAIN ${statement}`))) as unknown as [Plan])[0];

    let page: { results: { id: number }[] } | undefined;
    const [statement] = await statementsOf(studio, "orders.list", async () => {
      page = (await studio.owner.http("GET", "/api/orders/?page=1&pageSize=5")).body;
    });
    const plan = await explain(statement as string);
    expect(plan[0]).toMatchObject({ table: "orders", key: "orders_created_idx" });
    expect(plan.filter((r) => /filesort|temporary/i.test(r.Extra ?? ""))).toEqual([]);
    // The same page as the plain ordering gives: newest first, id breaking ties.
    const newest = await studio.db
      .select({ id: orders.id })
      .from(orders)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(5);
    expect(page?.results.map((o) => o.id)).toEqual(newest.map((o) => o.id));

    // A filter is left to the optimizer: the status list uses its own (status, created_at) index.
    const [filtered] = await statementsOf(studio, "orders.list", () =>
      studio.owner.http("GET", "/api/orders/?status=draft&pageSize=5"),
    );
    expect(filtered).not.toMatch(/force index/i);
    const byStatus = (await explain(filtered as string)).find((r) => r.table === "orders");
    expect(byStatus?.possible_keys ?? "").toContain("orders_status_idx");
  });
});
