import type { LlmTask } from "@/lib/llm";

/**
 * What Quire charges, in credits, per task and (optionally) per model: one typed table. A price is a
 * flat amount per request, a rate per thousand tokens, or both; `minimum` keeps a tiny call from
 * costing nothing. Model entries override the task's default (a dearer fallback model can cost more).
 * Long-form tasks cost one credit per thousand tokens (prompt and answer); the book pipeline reserves
 * and settles at the chapter task's rate from here (lib/books/charges.ts), so the dashboard's
 * credits match the ledger's.
 */
export type CreditPrice = {
  perRequest?: number;
  /** Credits per 1,000 input tokens (cached ones included) and per 1,000 output tokens. */
  per1kInput?: number;
  per1kOutput?: number;
  minimum?: number;
};

type PriceBook = Record<LlmTask, { default: CreditPrice; models?: Record<string, CreditPrice> }>;

const PER_1K_TOKENS: CreditPrice = { per1kInput: 1, per1kOutput: 1, minimum: 1 };

export const CREDIT_PRICES: PriceBook = {
  outline: { default: PER_1K_TOKENS },
  chapter: { default: PER_1K_TOKENS },
  summary: { default: PER_1K_TOKENS },
  suggestion: { default: { perRequest: 1 } },
  grammar: { default: { perRequest: 1 } },
  "cover-prompt": { default: { perRequest: 1 } },
  "cover-image": { default: { perRequest: 20 } },
};

export function creditPriceFor(task: LlmTask, model?: string): CreditPrice {
  const entry = CREDIT_PRICES[task];
  return (model && entry.models?.[model]) || entry.default;
}

/** Credits for a finished call (whole credits, rounded up, so a charge is never a fraction). */
export function creditsForUsage(usage: { task: LlmTask; model?: string; inputTokens: number; outputTokens: number; cached?: boolean }): number {
  const price = creditPriceFor(usage.task, usage.model);
  const flat = price.perRequest ?? 0;
  // A cache hit cost Quire nothing upstream: only a flat per-request price applies (as the gateway settles).
  if (usage.cached) return Math.ceil(flat);
  const tokens = (usage.inputTokens / 1000) * (price.per1kInput ?? 0) + (usage.outputTokens / 1000) * (price.per1kOutput ?? 0);
  return Math.ceil(Math.max(price.minimum ?? 0, flat + tokens));
}

/** What to reserve before a step: the price of the expected tokens (the caller passes its maxTokens). */
export function estimateCredits(input: { task: LlmTask; model?: string; promptTokens: number; maxOutputTokens: number }): number {
  return creditsForUsage({ task: input.task, model: input.model, inputTokens: input.promptTokens, outputTokens: input.maxOutputTokens });
}
