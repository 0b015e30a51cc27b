import { describe, expect, it } from "vitest";
import { bucketUpperMs, latencyBucket, percentileFromBuckets } from "./latency-buckets";

describe("latency histograms", () => {
  it("reads p50 and p95 within 10% of the exact figures", () => {
    const samples = Array.from({ length: 1000 }, (_, i) => 50 + i * 3); // 50 .. 3047 ms
    const counts = new Map<number, number>();
    for (const ms of samples) counts.set(latencyBucket(ms), (counts.get(latencyBucket(ms)) ?? 0) + 1);
    const p50 = percentileFromBuckets(counts, 50)!;
    const p95 = percentileFromBuckets(counts, 95)!;
    expect(Math.abs(p50 - samples[499]!) / samples[499]!).toBeLessThanOrEqual(0.1);
    expect(Math.abs(p95 - samples[949]!) / samples[949]!).toBeLessThanOrEqual(0.1);
  });

  it("a bucket's upper bound is never below a duration it holds", () => {
    for (const ms of [2, 17, 250, 999, 45_000]) expect(bucketUpperMs(latencyBucket(ms))).toBeGreaterThanOrEqual(ms - 0.5);
  });

  it("has no percentile without calls", () => {
    expect(percentileFromBuckets(new Map(), 50)).toBeNull();
  });
});
