import { describe, expect, it } from "vitest";
import { creditsForUsage, estimateCredits } from "./prices";
import { creditsForUsage as pipelineCredits } from "@/lib/books/charges";

describe("credit prices", () => {
  it("charges a suggestion one flat credit whatever its length", () => {
    expect(creditsForUsage({ task: "suggestion", inputTokens: 900, outputTokens: 300 })).toBe(1);
  });

  it("charges a chapter one credit per started thousand tokens, as the book pipeline settles", () => {
    expect(creditsForUsage({ task: "chapter", inputTokens: 2000, outputTokens: 4000 })).toBe(6);
    expect(creditsForUsage({ task: "chapter", inputTokens: 2000, outputTokens: 4001 })).toBe(7);
    for (const [inputTokens, outputTokens] of [[1500, 2200], [10, 10], [3000, 0]] as const) {
      expect(creditsForUsage({ task: "outline", inputTokens, outputTokens })).toBe(pipelineCredits({ inputTokens, outputTokens }));
    }
  });

  it("never charges less than a task's minimum", () => {
    expect(creditsForUsage({ task: "chapter", inputTokens: 10, outputTokens: 10 })).toBe(1);
  });

  it("a cache hit pays only the flat part (at least the minimum)", () => {
    expect(creditsForUsage({ task: "outline", inputTokens: 2000, outputTokens: 2000, cached: true })).toBe(1);
    expect(creditsForUsage({ task: "cover-image", inputTokens: 0, outputTokens: 0, cached: true })).toBe(20);
  });

  it("estimates a reservation that covers the real charge when the output stays under maxTokens", () => {
    const reserved = estimateCredits({ task: "chapter", promptTokens: 3000, maxOutputTokens: 5000 });
    expect(reserved).toBeGreaterThanOrEqual(creditsForUsage({ task: "chapter", inputTokens: 3000, outputTokens: 4200 }));
  });
});
