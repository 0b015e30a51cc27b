import { describe, expect, it } from "vitest";
import { everyDay, labelledDays, niceTicks } from "./chart-scale";

describe("admin chart scale", () => {
  it("fills every day of the range, so one day of data still has a day to stand on and gaps show as zero", () => {
    const days = everyDay([{ day: "2026-03-02", requests: 5, costMicroUsd: 1200, unpricedRequests: 2 }], "2026-03-01", "2026-03-03");
    expect(days).toEqual([
      { day: "2026-03-01", requests: 0, costMicroUsd: 0, unpricedRequests: 0 },
      { day: "2026-03-02", requests: 5, costMicroUsd: 1200, unpricedRequests: 2 },
      { day: "2026-03-03", requests: 0, costMicroUsd: 0, unpricedRequests: 0 },
    ]);
    expect(everyDay([{ day: "2026-03-02", requests: 1, costMicroUsd: 0 }], "2026-03-02", "2026-03-02")).toHaveLength(1);
  });

  it("gives round ticks that reach the largest value", () => {
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(0.003).at(-1)).toBeGreaterThanOrEqual(0.003);
  });

  it("labels the first and last day and spaces the rest", () => {
    expect([...labelledDays(3, 6)].sort((a, b) => a - b)).toEqual([0, 1, 2]);
    const labels = [...labelledDays(90, 6)].sort((a, b) => a - b);
    expect(labels[0]).toBe(0);
    expect(labels.at(-1)).toBe(89);
    expect(labels.length).toBeLessThanOrEqual(7);
  });
});
