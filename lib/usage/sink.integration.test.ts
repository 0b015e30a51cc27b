import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { llmCallsTable, usageDailyFacetsTable, usageDailyTable } from "@/db/schema";
import { usageEvent } from "@/test/usage-events";
import { createUsageSink } from "./sink";
import { createD1BudgetStore } from "./budget-store";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

describe("the D1 usage sink", () => {
  it("writes one llm_calls row and both usage_daily rows (the user's and all users') per attempt", async () => {
    const sink = createUsageSink(t.db);
    await sink.record(usageEvent());
    await sink.record(usageEvent({ attempt: 2, outcome: "error", errorCode: "timeout", outputTokens: 0, costMicroUsd: 0 }));
    const calls = await t.db.select().from(llmCallsTable).where(eq(llmCallsTable.userId, "u_ada"));
    expect(calls).toHaveLength(2);
    const daily = await t.db.select().from(usageDailyTable).where(eq(usageDailyTable.day, "2026-11-20"));
    const byUser = new Map(daily.map((d) => [d.userId, d]));
    for (const row of [byUser.get(""), byUser.get("u_ada")]) {
      expect(row).toMatchObject({ requests: 2, errors: 1, inputTokens: 4000, outputTokens: 4000, costMicroUsd: 1500, credits: 6, task: "chapter", model: "quire-writer" });
    }
    const errors = await t.db.select().from(usageDailyFacetsTable).where(eq(usageDailyFacetsTable.kind, "error"));
    expect(errors).toEqual([expect.objectContaining({ facet: "timeout@custom", count: 1 })]);
  });

  it("counts a fallback against the target it left, and a cache hit's saving", async () => {
    const sink = createUsageSink(t.db);
    const at = Date.UTC(2026, 10, 21, 9);
    await sink.record(usageEvent({ at, provider: "openrouter", model: "meta-llama/llama-3.3-70b-instruct", targetId: "openrouter", fallbackFrom: "custom", userId: null }));
    await sink.record(usageEvent({ at, cached: true, attempt: 0, outcome: "cached", costMicroUsd: 0, savedMicroUsd: 900, ttftMs: null, userId: null }));
    const [totals] = await t.db.all<{ fallbacks: number; cached: number; saved: number; rows: number }>(
      sql`SELECT sum(fallbacks) AS fallbacks, sum(cached_requests) AS cached, sum(saved_micro_usd) AS saved, count(*) AS rows FROM usage_daily WHERE day = '2026-11-21'`,
    );
    expect(totals).toEqual({ fallbacks: 1, cached: 1, saved: 900, rows: 2 });
    const fallback = await t.db.select().from(usageDailyFacetsTable).where(eq(usageDailyFacetsTable.kind, "fallback"));
    expect(fallback).toEqual([expect.objectContaining({ facet: "custom", provider: "openrouter", count: 1 })]);
  });
});

describe("the D1 budget store", () => {
  it("lets concurrent reservations fill a daily cap but never overshoot it, on every cap at once", async () => {
    const store = createD1BudgetStore(t.db);
    const limits = [
      { period: "day" as const, periodKey: "2026-11-22", limitMicroUsd: 10_000 },
      { period: "month" as const, periodKey: "2026-11", limitMicroUsd: 1_000_000 },
    ];
    const outcomes = await Promise.all(Array.from({ length: 25 }, async () => store.reserve(limits, 1_000)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused).toMatchObject({ ok: false, refusedBy: { period: "day", usedMicroUsd: 10_000 } });
    // Settling to a smaller real cost frees room for more calls.
    const first = outcomes.find((o) => o.ok);
    if (!first?.ok) throw new Error("no reservation");
    await store.settle(first.reservation, 200);
    expect((await store.reserve(limits, 800)).ok).toBe(true);
    expect((await store.reserve(limits, 1)).ok).toBe(false);
  });
});
