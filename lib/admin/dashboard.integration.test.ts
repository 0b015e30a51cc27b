import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { usageEvent } from "@/test/usage-events";
import { createUsageSink } from "@/lib/usage/sink";
import { loadDashboard } from "./dashboard";
import { parseDashboardFilters } from "./filters";
import { modelHealth } from "./model-health";
import { dashboardCsv } from "./csv";
import { sql } from "drizzle-orm";
import { formatSpend } from "@/lib/format";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

const NOW = Date.UTC(2026, 10, 22, 12);
const HOUR = 3_600_000;

describe("the cost dashboard's figures, from calls recorded by the usage sink", () => {
  it("shows spend against the right model, task and user, with cache, fallback, errors and latency", async () => {
    const ada = await signUp(t.db, "Ada");
    const sink = createUsageSink(t.db);
    // Ada's chapter: the custom model times out once, then OpenRouter writes it.
    await sink.record(usageEvent({ userId: ada.id, at: NOW - HOUR, outcome: "error", errorCode: "timeout", outputTokens: 0, costMicroUsd: 0, latencyMs: 30_000, ttftMs: null }));
    await sink.record(usageEvent({ userId: ada.id, at: NOW - HOUR, provider: "openrouter", model: "meta-llama/llama-3.3-70b-instruct", targetId: "openrouter", attempt: 1, fallbackFrom: "custom", costMicroUsd: 4_000, latencyMs: 2_000, ttftMs: 300 }));
    // Her outline on the custom model, and a cache hit for it.
    await sink.record(usageEvent({ userId: ada.id, at: NOW - 2 * HOUR, task: "outline", inputTokens: 1000, outputTokens: 2000, costMicroUsd: 1_000, latencyMs: 1_000, ttftMs: 200 }));
    await sink.record(usageEvent({ userId: ada.id, at: NOW - 2 * HOUR, task: "outline", cached: true, attempt: 0, outcome: "cached", costMicroUsd: 0, savedMicroUsd: 1_000, ttftMs: null }));
    // Yesterday, outside "today".
    await sink.record(usageEvent({ userId: ada.id, at: NOW - 30 * HOUR, costMicroUsd: 9_000 }));

    const today = await loadDashboard(t.db, parseDashboardFilters({ range: "today" }, NOW));
    expect(today.totals).toMatchObject({ requests: 4, errors: 1, cachedRequests: 1, fallbacks: 1, costMicroUsd: 5_000, savedMicroUsd: 1_000 });
    expect(today.byModel.map((m) => [m.key, m.costMicroUsd])).toEqual([
      ["meta-llama/llama-3.3-70b-instruct", 4_000],
      ["quire-writer", 1_000],
    ]);
    expect(today.byTask.find((x) => x.key === "chapter")).toMatchObject({ requests: 2, costMicroUsd: 4_000 });
    expect(today.topUsers).toEqual([expect.objectContaining({ userId: ada.id, email: ada.email, requests: 4, costMicroUsd: 5_000 })]);
    expect(today.errorsByCode).toEqual([{ code: "timeout", count: 1 }]);
    expect(today.fallbacks).toEqual({
      routes: [{ from: "custom", to: "openrouter:meta-llama/llama-3.3-70b-instruct", count: 1 }],
      reasons: [{ reason: "timeout on custom", count: 1 }],
    });
    const openrouter = today.latency.find((l) => l.target.startsWith("openrouter"));
    expect(openrouter?.p50Ms).toBeGreaterThanOrEqual(2_000);
    expect(openrouter?.p50Ms).toBeLessThanOrEqual(2_200);
    expect(openrouter?.ttftP50Ms).toBeGreaterThanOrEqual(300);

    const outlines = await loadDashboard(t.db, parseDashboardFilters({ range: "today", task: "outline" }, NOW));
    expect(outlines.topUsers).toEqual([expect.objectContaining({ userId: ada.id, requests: 2, costMicroUsd: 1_000 })]);
    const onOpenRouter = await loadDashboard(t.db, parseDashboardFilters({ range: "today", model: "meta-llama/llama-3.3-70b-instruct" }, NOW));
    expect(onOpenRouter.topUsers).toEqual([expect.objectContaining({ userId: ada.id, requests: 1, costMicroUsd: 4_000 })]);

    const week = await loadDashboard(t.db, parseDashboardFilters({ range: "7d", model: "quire-writer", task: "chapter" }, NOW));
    expect(week.totals).toMatchObject({ requests: 2, costMicroUsd: 9_000 });
    expect(week.overTime.map((d) => d.day)).toEqual(["2026-11-21", "2026-11-22"]);

    const csv = dashboardCsv(today, parseDashboardFilters({ range: "today" }, NOW));
    expect(csv.split("\n")[0]).toBe("section,key,requests,errors,cached_requests,fallbacks,input_tokens,output_tokens,cached_tokens,cost_usd,saved_usd,credits,unpriced_requests");
    expect(csv).toContain("model,meta-llama/llama-3.3-70b-instruct,1,0,0,1,2000,4000,0,0.004000,0.000000,6,0");
  });

  it("counts an unpriced model's calls apart: its spend is unknown, never $0, and the dollars are the sum of the known llm_calls costs", async () => {
    const grace = await signUp(t.db, "Grace");
    const sink = createUsageSink(t.db);
    const day = Date.UTC(2026, 5, 10, 12);
    await sink.record(usageEvent({ userId: grace.id, at: day, model: "priced-model", costMicroUsd: 1_230_000 }));
    await sink.record(usageEvent({ userId: grace.id, at: day, model: "priced-model", task: "outline", costMicroUsd: 270_000 }));
    // A model without a price: the LLM service reports its cost as null (unknown), with real tokens.
    for (const task of ["chapter", "chapter", "outline"] as const) {
      await sink.record(usageEvent({ userId: grace.id, at: day, model: "unpriced-model", task, inputTokens: 700, outputTokens: 300, costMicroUsd: null, costSource: "unknown" }));
    }
    const filters = parseDashboardFilters({ range: "custom", from: "2026-06-10", to: "2026-06-10" }, day);
    const d = await loadDashboard(t.db, filters);

    const [calls] = await t.db.all<{ known: number; unknown: number }>(
      sql`SELECT coalesce(sum(cost_micro_usd), 0) AS known, sum(cost_micro_usd IS NULL) AS unknown FROM llm_calls WHERE created_at BETWEEN ${day - 43_200_000} AND ${day + 43_199_999}`,
    );
    expect(d.totals).toMatchObject({ requests: 5, costMicroUsd: Number(calls!.known), unpricedRequests: Number(calls!.unknown) });
    expect(d.totals).toMatchObject({ costMicroUsd: 1_500_000, unpricedRequests: 3 });
    expect(formatSpend(d.totals.costMicroUsd, d.totals.unpricedRequests, d.totals.requests)).toBe("$1.50 + 3 calls without a price");

    const unpriced = d.byModel.find((m) => m.key === "unpriced-model")!;
    expect(unpriced).toMatchObject({ requests: 3, unpricedRequests: 3, costMicroUsd: 0, inputTokens: 2_100, outputTokens: 900 });
    expect(formatSpend(unpriced.costMicroUsd, unpriced.unpricedRequests, unpriced.requests)).toBe("unknown");
    const outline = d.byTask.find((x) => x.key === "outline")!;
    expect(formatSpend(outline.costMicroUsd, outline.unpricedRequests, outline.requests)).toBe("$0.27 + 1 call without a price");
    expect(d.overTime).toEqual([expect.objectContaining({ day: "2026-06-10", costMicroUsd: 1_500_000, unpricedRequests: 3 })]);

    // Top users: Grace's dollars are the known ones, with her unpriced calls counted beside them; a
    // user whose every call was unpriced shows "unknown", never $0.00.
    const hal = await signUp(t.db, "Hal");
    await sink.record(usageEvent({ userId: hal.id, at: day, model: "unpriced-model", inputTokens: 50, outputTokens: 20, costMicroUsd: null, costSource: "unknown" }));
    const withHal = await loadDashboard(t.db, filters);
    const top = (id: string) => withHal.topUsers.find((u) => u.userId === id)!;
    expect(top(grace.id)).toMatchObject({ requests: 5, costMicroUsd: 1_500_000, unpricedRequests: 3 });
    expect(formatSpend(top(grace.id).costMicroUsd, top(grace.id).unpricedRequests, top(grace.id).requests)).toBe("$1.50 + 3 calls without a price");
    expect(top(hal.id)).toMatchObject({ requests: 1, costMicroUsd: 0, unpricedRequests: 1 });
    expect(formatSpend(top(hal.id).costMicroUsd, top(hal.id).unpricedRequests, top(hal.id).requests)).toBe("unknown");
    // Under a model filter only that model's unpriced calls count.
    const priced = await loadDashboard(t.db, parseDashboardFilters({ range: "custom", from: "2026-06-10", to: "2026-06-10", model: "priced-model" }, day));
    expect(priced.topUsers).toEqual([expect.objectContaining({ userId: grace.id, requests: 2, unpricedRequests: 0 })]);
    const halCsv = dashboardCsv(withHal, filters);
    expect(halCsv).toMatch(new RegExp(`^user,${hal.email.replace(/[.+]/g, "\\$&")},1,,,,,,,unknown,,\\d+,1$`, "m"));

    const csv = dashboardCsv(d, filters);
    expect(csv).toContain("model,unpriced-model,3,0,0,0,2100,900,0,unknown,0.000000,");
    expect(csv).toMatch(/^total,all,5,0,0,0,\d+,\d+,0,1\.500000,0\.000000,\d+,3$/m);
    expect(csv).not.toMatch(/^model,unpriced-model,.*,0\.000000,0\.000000,/m);
  });

  it("infers a target's circuit and error rate from its recent calls when no live health is given", async () => {
    const sink = createUsageSink(t.db);
    const now = Date.now();
    for (let i = 0; i < 5; i++) {
      await sink.record(usageEvent({ targetId: "flaky", model: "flaky-model", at: now - 1_000 - i, outcome: "error", errorCode: "unavailable", userId: null }));
    }
    const rows = await modelHealth(t.db, undefined, now, {});
    expect(rows.find((r) => r.targetId === "flaky")).toMatchObject({ circuit: "open", errorRate: 1, recentCalls: 5, lastErrorCode: "unavailable", source: "recent-calls" });
  });

  it("takes the circuit state from the live breaker when it has called the target, and the error rate from every isolate's calls", async () => {
    const now = Date.now();
    const live = [
      { targetId: "flaky", provider: "openai-compatible" as const, model: "flaky-model", circuit: "half-open" as const, openUntil: null, p50LatencyMs: null, p95LatencyMs: null, errorRate: 0.5, recentCalls: 2, consecutiveFailures: 1, lastErrorCode: "timeout" },
      { targetId: "demo", provider: "demo" as const, model: "quire-demo", circuit: "closed" as const, openUntil: null, p50LatencyMs: null, p95LatencyMs: null, errorRate: 0, recentCalls: 0, consecutiveFailures: 0, lastErrorCode: null },
    ];
    const rows = await modelHealth(t.db, live, now, {});
    expect(rows.find((r) => r.targetId === "flaky")).toMatchObject({ circuit: "half-open", source: "live", errorRate: 1, recentCalls: 5 });
    expect(rows.find((r) => r.targetId === "demo")).toMatchObject({ circuit: "unknown", source: "recent-calls" });
  });

  it("marks a target whose key was refused as misconfigured, from the live breaker or else its latest recorded call", async () => {
    const sink = createUsageSink(t.db);
    const now = Date.now();
    await sink.record(usageEvent({ targetId: "badkey", model: "badkey-model", at: now - 1_000, outcome: "error", errorCode: "unauthorized", userId: null }));
    const inferred = await modelHealth(t.db, undefined, now, {});
    expect(inferred.find((r) => r.targetId === "badkey")).toMatchObject({ misconfigured: true, source: "recent-calls" });
    expect(inferred.find((r) => r.targetId === "flaky")).toMatchObject({ misconfigured: false });
    const live = [
      { targetId: "badkey", provider: "openai-compatible" as const, model: "badkey-model", circuit: "open" as const, openUntil: now + 60_000, p50LatencyMs: null, p95LatencyMs: null, errorRate: 1, recentCalls: 1, consecutiveFailures: 1, lastErrorCode: "unavailable", misconfigured: true },
      { targetId: "flaky", provider: "openai-compatible" as const, model: "flaky-model", circuit: "open" as const, openUntil: now + 60_000, p50LatencyMs: null, p95LatencyMs: null, errorRate: 1, recentCalls: 3, consecutiveFailures: 3, lastErrorCode: "unavailable", misconfigured: false },
    ];
    const fromBreaker = await modelHealth(t.db, live, now, {});
    expect(fromBreaker.find((r) => r.targetId === "badkey")).toMatchObject({ misconfigured: true, circuit: "open", source: "live" });
    expect(fromBreaker.find((r) => r.targetId === "flaky")).toMatchObject({ misconfigured: false, source: "live" });
  });
});
