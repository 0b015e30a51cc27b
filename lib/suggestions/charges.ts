import { approximateTokens, type LlmResult } from "@/lib/llm";
import { creditsForTokens, creditsForUsage } from "@/lib/books/charges";

/**
 * What a suggestion costs in credits, on the same scale as book generation (one credit per started
 * thousand tokens). The reservation covers the prompt and the most the answer may use; an answer
 * from the cache cost nothing upstream and costs the writer nothing.
 */
export function suggestionReservation(promptText: string, maxTokens: number): number {
  return creditsForTokens(approximateTokens(promptText) + maxTokens);
}

export function suggestionCharge(result: Pick<LlmResult, "cached" | "usage">): number {
  return result.cached ? 0 : creditsForUsage(result.usage);
}

/** A stream the writer abandoned: charge for what was produced so far, never for the unused rest. */
export function abandonedCharge(promptText: string, streamedText: string): number {
  return creditsForTokens(approximateTokens(promptText) + approximateTokens(streamedText));
}
