// Turning an attempt into usage and cost: provider figures when reported, the tokenizer otherwise
// (marked estimated); OpenRouter's charged cost over the price table; unknown prices flagged.
import type { CostSource, LlmTask, Target, TargetPrice, TokenUsage, UsageEvent } from "../contract";
import { costMicroUsd, usdToMicroUsd } from "../cost/prices";
import type { ProviderCall, ReportedUsage } from "../providers/types";
import { countMessageTokens, countTokens } from "../tokens";

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false };

/**
 * Usage of one attempt. `billable` is false when the upstream refused before generating (an HTTP
 * error), in which case nothing was consumed.
 */
export async function attemptUsage(call: ProviderCall, text: string, reported: ReportedUsage | undefined, billable: boolean): Promise<TokenUsage> {
  if (reported && !reported.estimated) {
    return { inputTokens: reported.inputTokens, outputTokens: reported.outputTokens, cachedInputTokens: reported.cachedInputTokens, estimated: false };
  }
  if (reported?.estimated) return { inputTokens: reported.inputTokens, outputTokens: reported.outputTokens, cachedInputTokens: 0, estimated: true };
  if (!billable) return ZERO_USAGE;
  const [inputTokens, outputTokens] = await Promise.all([countMessageTokens(call.messages), countTokens(text)]);
  return { inputTokens, outputTokens, cachedInputTokens: 0, estimated: true };
}

export function attemptCost(usage: TokenUsage, reported: ReportedUsage | undefined, price: TargetPrice | undefined): { costMicroUsd: number | null; costSource: CostSource } {
  if (reported?.costUsd !== undefined) return { costMicroUsd: usdToMicroUsd(reported.costUsd), costSource: "reported" };
  if (usage.inputTokens === 0 && usage.outputTokens === 0) return { costMicroUsd: 0, costSource: "price-table" };
  if (!price) return { costMicroUsd: null, costSource: "unknown" };
  return { costMicroUsd: costMicroUsd(usage, price), costSource: "price-table" };
}

/** Running totals over all attempts of one request (failed partial streams are billed too). */
export class Tally {
  usage: TokenUsage = { ...ZERO_USAGE };
  knownCostMicroUsd = 0;
  unknownCost = false;
  reported = false;

  add(usage: TokenUsage, cost: number | null, source: CostSource): void {
    this.usage = {
      inputTokens: this.usage.inputTokens + usage.inputTokens,
      outputTokens: this.usage.outputTokens + usage.outputTokens,
      cachedInputTokens: this.usage.cachedInputTokens + usage.cachedInputTokens,
      estimated: this.usage.estimated || usage.estimated,
    };
    if (cost === null) this.unknownCost = true;
    else this.knownCostMicroUsd += cost;
    if (source === "reported") this.reported = true;
  }

  get cost(): { costMicroUsd: number | null; costSource: CostSource } {
    if (this.unknownCost) return { costMicroUsd: null, costSource: "unknown" };
    return { costMicroUsd: this.knownCostMicroUsd, costSource: this.reported ? "reported" : "price-table" };
  }
}

/** One attempt's usage event, text or image: who asked, which target, what it used and cost, how it ended. */
export function attemptEvent(a: {
  task: LlmTask;
  target: Target;
  attempt: number;
  fallbackFrom: string | null;
  usage: TokenUsage;
  cost: { costMicroUsd: number | null; costSource: CostSource };
  latencyMs: number;
  ttftMs: number | null;
  errorCode: string | null;
  arm: string | null;
  req: { user?: { id: string }; bookId?: string; jobId?: string; apiKeyId?: string };
  at: number;
}): UsageEvent {
  return {
    task: a.task,
    provider: a.target.provider,
    model: a.target.model,
    targetId: a.target.id,
    attempt: a.attempt,
    fallbackFrom: a.fallbackFrom,
    cached: false,
    inputTokens: a.usage.inputTokens,
    outputTokens: a.usage.outputTokens,
    cachedInputTokens: a.usage.cachedInputTokens,
    estimated: a.usage.estimated,
    costMicroUsd: a.cost.costMicroUsd,
    costSource: a.cost.costSource,
    savedMicroUsd: 0,
    latencyMs: a.latencyMs,
    ttftMs: a.ttftMs,
    outcome: a.errorCode === null ? "ok" : "error",
    errorCode: a.errorCode,
    arm: a.arm,
    userId: a.req.user?.id ?? null,
    bookId: a.req.bookId ?? null,
    jobId: a.req.jobId ?? null,
    apiKeyId: a.req.apiKeyId ?? null,
    at: a.at,
  };
}

export function targetLabel(target: Target): string {
  return `${target.provider}:${target.model}`;
}
