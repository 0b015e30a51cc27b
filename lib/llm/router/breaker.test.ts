import { describe, expect, it } from "vitest";
import type { Target } from "../contract";
import { LlmError } from "../errors";
import { HealthBoard } from "./breaker";

function board() {
  let now = 1_000_000;
  const health = new HealthBoard({ failureThreshold: 3, cooldownMs: 1000, quotaCooldownMs: 60_000, misconfiguredCooldownMs: 600_000, window: 10, longRetryAfterMs: 2000 }, () => now);
  return { health, advance: (ms: number) => (now += ms), now: () => now };
}
const target: Target = { id: "custom", provider: "openai-compatible", model: "m", capabilities: { contextWindow: 1, jsonMode: false, speed: 1, quality: 1 } };
const fail = (code: ConstructorParameters<typeof LlmError>[0], init = {}) => new LlmError(code, code, init);

describe("circuit breaker", () => {
  it("tells callers of a misconfigured target why it is benched, and a transiently benched one that it is unavailable", () => {
    const { health } = board();
    health.recordFailure("custom", fail("unauthorized", { status: 401 }));
    expect(health.tryAcquire("custom")).toBe(false);
    expect(health.benchedError("custom")).toMatchObject({ code: "unauthorized", retryable: false, misconfigured: true, targetId: "custom" });
    for (let i = 0; i < 3; i++) health.recordFailure("other", fail("unavailable"));
    expect(health.benchedError("other")).toMatchObject({ code: "unavailable", misconfigured: false });
  });

  it("benches a target after repeated failures and lets one trial through after the cooldown", () => {
    const { health, advance } = board();
    for (let i = 0; i < 2; i++) health.recordFailure("custom", fail("unavailable"));
    expect(health.circuit("custom")).toBe("closed");
    health.recordFailure("custom", fail("timeout"));
    expect(health.circuit("custom")).toBe("open");
    expect(health.tryAcquire("custom")).toBe(false);
    advance(1000);
    expect(health.circuit("custom")).toBe("half-open");
    expect(health.tryAcquire("custom")).toBe(true);
    expect(health.tryAcquire("custom")).toBe(false); // only one trial at a time
    health.recordSuccess("custom", 12);
    expect(health.circuit("custom")).toBe("closed");
    expect(health.tryAcquire("custom")).toBe(true);
  });

  it("reopens when the half-open trial fails", () => {
    const { health, advance } = board();
    for (let i = 0; i < 3; i++) health.recordFailure("custom", fail("unavailable"));
    advance(1000);
    expect(health.tryAcquire("custom")).toBe(true);
    health.recordFailure("custom", fail("unavailable"));
    expect(health.circuit("custom")).toBe("open");
  });

  it("benches a quota-exhausted target at once and for longer", () => {
    const { health, advance } = board();
    health.recordFailure("custom", fail("quota_exhausted"));
    advance(30_000);
    expect(health.circuit("custom")).toBe("open");
    advance(30_000);
    expect(health.circuit("custom")).toBe("half-open");
  });

  it("benches a rate-limited target for as long as a long retry-after asks", () => {
    const { health, advance } = board();
    health.recordFailure("custom", fail("rate_limited", { retryAfterMs: 5000 }));
    advance(4000);
    expect(health.circuit("custom")).toBe("open");
    advance(1000);
    expect(health.circuit("custom")).toBe("half-open");
  });

  it("does not bench for a short retry-after, which the retry itself waits out", () => {
    const { health } = board();
    health.recordFailure("custom", fail("rate_limited", { retryAfterMs: 10 }));
    expect(health.circuit("custom")).toBe("closed");
  });

  it("does not count the caller's own mistakes against the target", () => {
    const { health } = board();
    for (let i = 0; i < 5; i++) health.recordFailure("custom", fail("bad_request"));
    for (let i = 0; i < 5; i++) health.recordFailure("custom", fail("context_length_exceeded"));
    expect(health.circuit("custom")).toBe("closed");
    expect(health.snapshot([target])[0]!.errorRate).toBe(0);
  });

  it("reports p50/p95 latency and error rate over the recent window", () => {
    const { health } = board();
    for (let ms = 10; ms <= 100; ms += 10) health.recordSuccess("custom", ms);
    health.recordFailure("custom", fail("unavailable"));
    health.recordFailure("custom", fail("unavailable"));
    const [h] = health.snapshot([target]);
    expect(h).toMatchObject({ targetId: "custom", circuit: "closed", p50LatencyMs: 50, p95LatencyMs: 100, recentCalls: 10, consecutiveFailures: 2 });
    expect(h!.errorRate).toBeCloseTo(0.2);
  });
});
