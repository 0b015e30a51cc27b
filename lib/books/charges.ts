import type { TokenUsage } from "@/lib/llm";

/**
 * What book generation costs in credits: one credit per started thousand tokens (prompt and answer).
 * Estimates are made with the same context builder the writer uses, so the estimate before a run
 * and the reservation before each step agree.
 */
export const CREDITS_PER_1K_TOKENS = 1;
/** Words to tokens for English prose, on the safe side. */
export const TOKENS_PER_WORD = 1.4;

export function creditsForTokens(tokens: number): number {
  return Math.max(1, Math.ceil((tokens / 1000) * CREDITS_PER_1K_TOKENS));
}

export function creditsForUsage(usage: Pick<TokenUsage, "inputTokens" | "outputTokens">): number {
  return creditsForTokens(usage.inputTokens + usage.outputTokens);
}

/** A chapter: its prompt, its text, and the summary that follows it (about 300 tokens in and out). */
export function estimateChapterCredits(promptTokens: number, targetWords: number): number {
  const answer = Math.ceil(targetWords * TOKENS_PER_WORD);
  const summary = answer + 300;
  return creditsForTokens(promptTokens + answer + summary);
}

export function outputTokensFor(targetWords: number): number {
  return Math.ceil(targetWords * TOKENS_PER_WORD * 1.3) + 200;
}
