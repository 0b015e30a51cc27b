import type { LlmTask, UsageEvent } from "@/lib/llm";

/**
 * What Quire charges, in credits: ONE table, task × model. Both the ledger (through the charging seam,
 * lib/credits/charge.ts) and the usage sink (lib/usage/sink.ts) price every attempt with
 * `creditsForAttempt` below, from the same usage event, so the dashboard's credits and the ledger's
 * are the same figures by construction.
 *
 * A price is a flat amount per request, a rate per thousand input/output tokens, or both; `minimum`
 * keeps a tiny call from costing nothing. Model entries override the task's default (a dearer
 * fallback model can cost more). Images are flat (`cover-image`).
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
  // Embedding costs about a hundredth of generating (text-embedding-3-small $0.02/M, bge-base on Workers
  // AI $0.067/M, vs $0.15-0.60/M for a small chat model): a chapter's passages (~4k tokens) cost 1 credit.
  embedding: { default: { per1kInput: 0.1, minimum: 1 } },
};

/**
 * The policy for attempts that are not a fresh, successful answer (docs/credits-and-usage.md):
 * - a cache hit costs Quire nothing upstream, so it costs the author `cacheHit` credits (0 today);
 * - a failed attempt (an upstream error, a stream that broke, a request the author stopped) is
 *   recorded in llm_calls with its tokens, because Quire paid for them, but costs the author
 *   `failedAttempt` credits (0 today). A request that failed over to another target is charged for
 *   the attempt that answered only.
 */
export const ATTEMPT_POLICY = { cacheHit: 0, failedAttempt: 0 } as const;

export function creditPriceFor(task: LlmTask, model?: string): CreditPrice {
  const entry = CREDIT_PRICES[task];
  return (model && entry.models?.[model]) || entry.default;
}

/** Credits for a number of tokens at a price (whole credits, rounded up, so a charge is never a fraction). */
function priced(price: CreditPrice, inputTokens: number, outputTokens: number): number {
  const flat = price.perRequest ?? 0;
  const tokens = (inputTokens / 1000) * (price.per1kInput ?? 0) + (outputTokens / 1000) * (price.per1kOutput ?? 0);
  return Math.ceil(Math.max(price.minimum ?? 0, flat + tokens));
}

/** What one attempt is worth in credits: the ONE pricing function of the ledger and the usage sink. */
export function creditsForAttempt(attempt: Pick<UsageEvent, "task" | "model" | "inputTokens" | "outputTokens" | "outcome" | "cached">): number {
  if (attempt.cached || attempt.outcome === "cached") return ATTEMPT_POLICY.cacheHit;
  if (attempt.outcome === "error") return ATTEMPT_POLICY.failedAttempt;
  return priced(creditPriceFor(attempt.task, attempt.model), attempt.inputTokens, attempt.outputTokens);
}

/** The dearest price of a task over its default and its model overrides (a reservation's worst case). */
function dearest(task: LlmTask, inputTokens: number, outputTokens: number): number {
  const entry = CREDIT_PRICES[task];
  const prices = [entry.default, ...Object.values(entry.models ?? {})];
  return Math.max(...prices.map((p) => priced(p, inputTokens, outputTokens)));
}

/**
 * What to reserve before a call: the worst case, its prompt (with a margin for the provider's own
 * tokenizer and chat template) and the most it may answer, at the dearest model of its task. A
 * reservation this size means a settlement never has to take more than was held.
 */
export function worstCaseCredits(input: { task: LlmTask; promptTokens: number; maxOutputTokens: number }): number {
  const prompt = Math.ceil(input.promptTokens * 1.1) + 32;
  return dearest(input.task, prompt, input.maxOutputTokens);
}

/** The table's rate for long-form text, shown by the API's model list. */
export const CREDITS_PER_1K_TOKENS = CREDIT_PRICES.chapter.default.per1kOutput ?? 0;
