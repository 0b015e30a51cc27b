import type { TokenUsage } from "@/lib/llm";
import { CREDIT_PRICES, creditsForUsage as priceOf } from "@/lib/credits/prices";

/**
 * What book generation costs in credits, at the chapter task's rate in the one price table
 * (lib/credits/prices.ts: one credit per started thousand tokens, prompt and answer, at least one).
 * Estimates are made with the same context builder the writer uses, so the estimate before a run
 * and the reservation before each step agree.
 */
export const CREDITS_PER_1K_TOKENS = CREDIT_PRICES.chapter.default.per1kOutput ?? 0;
/** Words to tokens for English prose, on the safe side. */
export const TOKENS_PER_WORD = 1.4;

/** Credits for a number of tokens, prompt and answer together. */
export function creditsForTokens(tokens: number): number {
  return priceOf({ task: "chapter", inputTokens: tokens, outputTokens: 0 });
}

export function creditsForUsage(usage: Pick<TokenUsage, "inputTokens" | "outputTokens">): number {
  return priceOf({ task: "chapter", inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
}

/** A chapter: its prompt, its text, and the summary that follows it (about 300 tokens in and out). */
export function estimateChapterCredits(promptTokens: number, targetWords: number): number {
  const answer = Math.ceil(targetWords * TOKENS_PER_WORD);
  // In: the chapter's prompt, then its text again for the summary. Out: the text, then the summary.
  return creditsForUsage({ inputTokens: promptTokens + answer, outputTokens: answer + 300 });
}

export function outputTokensFor(targetWords: number): number {
  return Math.ceil(targetWords * TOKENS_PER_WORD * 1.3) + 200;
}
