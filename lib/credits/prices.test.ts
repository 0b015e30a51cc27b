import { describe, expect, it } from "vitest";
import { creditsForUsage, estimateCredits } from "./prices";

describe("credit prices", () => {
  it("charges a suggestion one flat credit whatever its length", () => {
    expect(creditsForUsage({ task: "suggestion", inputTokens: 900, outputTokens: 300 })).toBe(1);
  });

  it("charges a chapter by its tokens, rounded up to whole credits", () => {
    // 2k in × 0.5 + 4k out × 3 = 13
    expect(creditsForUsage({ task: "chapter", inputTokens: 2000, outputTokens: 4000 })).toBe(13);
    expect(creditsForUsage({ task: "chapter", inputTokens: 2000, outputTokens: 4001 })).toBe(14);
  });

  it("never charges less than a task's minimum", () => {
    expect(creditsForUsage({ task: "chapter", inputTokens: 10, outputTokens: 10 })).toBe(2);
  });

  it("a cache hit pays only the flat part", () => {
    expect(creditsForUsage({ task: "outline", inputTokens: 2000, outputTokens: 2000, cached: true })).toBe(5);
  });

  it("estimates a reservation that covers the real charge when the output stays under maxTokens", () => {
    const reserved = estimateCredits({ task: "chapter", promptTokens: 3000, maxOutputTokens: 5000 });
    expect(reserved).toBeGreaterThanOrEqual(creditsForUsage({ task: "chapter", inputTokens: 3000, outputTokens: 4200 }));
  });
});
