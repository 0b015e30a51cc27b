import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { moneyDisagreements, moneyFigures, runMoneyScenario } from "@/test/money-scenario";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";

let t: TestDatabase;
let up: Upstream;

beforeAll(async () => {
  [t, up] = await Promise.all([openTestDatabase(), startUpstream()]);
});
afterAll(async () => {
  await up?.close();
  await t?.dispose();
});

describe("the ledger, the usage view, the admin dashboard and llm_calls count the same money", { timeout: 120_000 }, () => {
  it("outline, a chapter, a suggestion and its cached repeat, a refunded failure, an unpriced API call and a fallback", async () => {
    const run = await runMoneyScenario(t.db, up.url);
    expect(run.statuses).toEqual({ demo: 200, unpriced: 200, fallback: 200 });
    expect(run.fallbacks).toBeGreaterThan(0);
    expect(run.failedCalls).toBeGreaterThan(0);

    const figures = await moneyFigures(t.db, run);
    expect(figures.ledgerCredits).toBeGreaterThan(0);
    expect(figures.unpricedCalls).toBeGreaterThan(0);
    expect(figures.llmCallsUsd).toBeGreaterThan(0);
    expect(moneyDisagreements(figures)).toEqual([]);
    expect(figures.usageCredits).toBe(figures.ledgerCredits);
    expect(figures.dashboardCredits).toBe(figures.ledgerCredits);
    expect(figures.minBalance).toBeGreaterThanOrEqual(0);
  });
});
