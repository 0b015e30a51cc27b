import { approximateTokens, type LlmResult, type LlmTask } from "@/lib/llm";
import { creditsForUsage, estimateCredits } from "@/lib/credits/prices";

/**
 * What a suggestion costs in credits, from the shared price table (lib/credits/prices.ts). The
 * reservation covers the prompt and the most the answer may use. An answer from the cache cost
 * nothing upstream and costs the writer nothing either (the issue asks that a repeated request be
 * free), which is stricter than the table's "flat part only" rule for cache hits.
 */
export function suggestionReservation(task: LlmTask, promptText: string, maxTokens: number): number {
  return estimateCredits({ task, promptTokens: approximateTokens(promptText), maxOutputTokens: maxTokens });
}

export function suggestionCharge(task: LlmTask, result: Pick<LlmResult, "cached" | "usage" | "model">): number {
  if (result.cached) return 0;
  return creditsForUsage({ task, model: result.model, inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens });
}

/** A stream the writer abandoned: charge for what was produced so far, never for the unused rest. */
export function abandonedCharge(task: LlmTask, promptText: string, streamedText: string): number {
  return creditsForUsage({ task, inputTokens: approximateTokens(promptText), outputTokens: approximateTokens(streamedText) });
}
