import { describe, expect, it } from "vitest";
import { outputTokensFor } from "@/lib/books/length";
import { chapterReservation, expectedChapterCredits } from "./estimates";
import { ATTEMPT_POLICY, creditsForAttempt, worstCaseCredits } from "./prices";

const ok = { outcome: "ok", cached: false, model: "m" } as const;

describe("the one price table", () => {
  it("charges a suggestion one flat credit whatever its length", () => {
    expect(creditsForAttempt({ ...ok, task: "suggestion", inputTokens: 900, outputTokens: 300 })).toBe(1);
  });

  it("charges long-form text one credit per started thousand tokens, prompt and answer", () => {
    expect(creditsForAttempt({ ...ok, task: "chapter", inputTokens: 2000, outputTokens: 4000 })).toBe(6);
    expect(creditsForAttempt({ ...ok, task: "chapter", inputTokens: 2000, outputTokens: 4001 })).toBe(7);
    expect(creditsForAttempt({ ...ok, task: "outline", inputTokens: 1500, outputTokens: 2200 })).toBe(4);
  });

  it("never charges less than a task's minimum", () => {
    expect(creditsForAttempt({ ...ok, task: "chapter", inputTokens: 10, outputTokens: 10 })).toBe(1);
  });

  it("prices an image flat", () => {
    expect(creditsForAttempt({ ...ok, task: "cover-image", inputTokens: 0, outputTokens: 0 })).toBe(20);
  });

  it("a cache hit and a failed attempt cost what the policy says (nothing today), whatever the task", () => {
    expect(ATTEMPT_POLICY).toEqual({ cacheHit: 0, failedAttempt: 0 });
    expect(creditsForAttempt({ task: "outline", model: "m", inputTokens: 2000, outputTokens: 2000, outcome: "cached", cached: true })).toBe(0);
    expect(creditsForAttempt({ task: "suggestion", model: "m", inputTokens: 20, outputTokens: 20, outcome: "cached", cached: true })).toBe(0);
    expect(creditsForAttempt({ task: "chapter", model: "m", inputTokens: 3000, outputTokens: 900, outcome: "error", cached: false })).toBe(0);
  });

  it("reserves the worst case: any answer within maxTokens costs no more than was held", () => {
    const reserved = worstCaseCredits({ task: "chapter", promptTokens: 3000, maxOutputTokens: 5000 });
    // The provider's count of the prompt may run a little over Quire's tokenizer.
    expect(reserved).toBeGreaterThanOrEqual(creditsForAttempt({ ...ok, task: "chapter", inputTokens: 3250, outputTokens: 5000 }));
  });

  it("a chapter's reservation covers its expected cost", () => {
    expect(chapterReservation(2000, outputTokensFor(1000))).toBeGreaterThanOrEqual(expectedChapterCredits(2000, 1000));
  });
});
