import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../test/helpers/upstream/server";
import { MemoryBudgetStore, periodKeys, type BudgetLimit } from "./budget";
import { LlmError } from "./errors";
import { createLlmService } from "./service";
import { recordingSink, upstreamConfig, userMessage } from "./testing/harness";

describe("MemoryBudgetStore", () => {
  const limits: BudgetLimit[] = [
    { period: "day", periodKey: "day:2026-03-01", limitMicroUsd: 1000 },
    { period: "month", periodKey: "month:2026-03", limitMicroUsd: 1500 },
  ];

  it("reserves on every cap or on none, so many concurrent calls cannot overshoot", async () => {
    const store = new MemoryBudgetStore();
    const outcomes = await Promise.all(Array.from({ length: 25 }, async () => store.reserve(limits, 90)));
    const granted = outcomes.filter((o) => o.ok);
    expect(granted).toHaveLength(11); // 11 * 90 = 990 <= 1000 < 1080
    expect(store.usedMicroUsd("day:2026-03-01")).toBe(990);
    expect(store.usedMicroUsd("month:2026-03")).toBe(990);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused).toMatchObject({ ok: false, refusedBy: { period: "day", usedMicroUsd: 990, limitMicroUsd: 1000 } });
  });

  it("settles a reservation to the actual cost, releasing the rest", () => {
    const store = new MemoryBudgetStore();
    const outcome = store.reserve(limits, 500);
    if (!outcome.ok) throw new Error("expected a reservation");
    store.settle(outcome.reservation, 120);
    expect(store.usedMicroUsd("day:2026-03-01")).toBe(120);
  });

  it("names UTC day and month keys", () => {
    expect(periodKeys(Date.parse("2026-03-01T23:59:59Z"))).toEqual({ day: "2026-03-01", month: "2026-03" });
  });
});

describe("budgets in the service", () => {
  let up: Upstream;
  beforeAll(async () => {
    up = await startUpstream();
  });
  afterAll(() => up.close());

  it("refuses calls beyond the daily cap under concurrency, warns once at 80 %, and settles to real cost", async () => {
    up.setScenario({ name: "slow-first-byte", delayMs: 40 });
    const sink = recordingSink();
    const budget = new MemoryBudgetStore();
    // $0.001 a day = 1000 µ$. Each call reserves about 200 µ$ (1000 output tokens at $0.2/M), costs ~3 µ$.
    const llm = createLlmService(upstreamConfig(up.url, { LLM_DAILY_BUDGET_USD: "0.001" }), { sink, budget });
    const calls = Array.from({ length: 8 }, (_, i) => llm.generateText({ task: "summary", messages: userMessage(`Chapter ${i}`), maxTokens: 1000, cache: false }).then((r) => r, (e: unknown) => e));
    const outcomes = await Promise.all(calls);
    const refused = outcomes.filter((o) => o instanceof LlmError);
    const served = outcomes.filter((o) => !(o instanceof LlmError));
    expect(served).toHaveLength(4);
    expect(refused.map((e) => (e as LlmError).code)).toEqual(["budget_exceeded", "budget_exceeded", "budget_exceeded", "budget_exceeded"]);
    expect(sink.warnings).toHaveLength(1);
    expect(sink.warnings[0]).toMatchObject({ period: "day", limitMicroUsd: 1000 });
    const key = `day:${periodKeys(Date.now()).day}`;
    const spent = served.reduce((sum: number, r) => sum + ((r as { costMicroUsd: number }).costMicroUsd ?? 0), 0);
    expect(budget.usedMicroUsd(key)).toBe(spent);
    expect(spent).toBeLessThan(1000);
  });
});
