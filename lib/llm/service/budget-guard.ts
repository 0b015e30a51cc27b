// Budget reservation around one request: reserve the worst-case estimated cost against the daily and
// monthly caps before dispatch, warn once per period at the warning ratio, settle to the real cost.
import type { BudgetWarning, LlmTask, Target, TargetPrice } from "../contract";
import { LlmError } from "../errors";
import { periodKeys, type BudgetLimit, type BudgetStore, type Reservation } from "../budget";

/** Output tokens assumed when a request sets no maxTokens (reservations and routing fit checks). */
export const EXPECTED_OUTPUT_TOKENS: Record<LlmTask, number> = {
  outline: 2000,
  chapter: 4000,
  summary: 400,
  suggestion: 200,
  grammar: 200,
  "cover-prompt": 150,
  // Pictures are reserved at their per-image price (reserveImage), never by tokens.
  "cover-image": 0,
  // Embeddings produce no tokens: reserved by their input alone.
  embedding: 0,
};

export interface BudgetGuardOptions {
  dailyMicroUsd: number | null;
  monthlyMicroUsd: number | null;
  warnRatio: number;
  store: BudgetStore;
  now: () => number;
  priceOf: (target: Target) => TargetPrice | undefined;
  warn: (warning: BudgetWarning) => void;
}

export class BudgetGuard {
  private readonly warned = new Set<string>();

  constructor(private readonly options: BudgetGuardOptions) {}

  private limits(at: number): BudgetLimit[] {
    // No caps (the usual case): nothing to reserve, and no date to format on every request.
    if (this.options.dailyMicroUsd === null && this.options.monthlyMicroUsd === null) return [];
    const keys = periodKeys(at);
    const limits: BudgetLimit[] = [];
    if (this.options.dailyMicroUsd !== null) limits.push({ period: "day", periodKey: `day:${keys.day}`, limitMicroUsd: this.options.dailyMicroUsd });
    if (this.options.monthlyMicroUsd !== null) limits.push({ period: "month", periodKey: `month:${keys.month}`, limitMicroUsd: this.options.monthlyMicroUsd });
    return limits;
  }

  /** The most this request can cost on any target it may try (unknown prices count 0; they are flagged at settle). */
  private estimate(order: Target[], promptTokens: number, outputTokens: number): number {
    let max = 0;
    for (const target of order) {
      const price = this.options.priceOf(target);
      if (!price) continue;
      max = Math.max(max, Math.ceil(promptTokens * price.inputPerMTok + outputTokens * price.outputPerMTok));
    }
    return max;
  }

  /** Reserves or throws budget_exceeded; undefined when no cap is configured. */
  async reserve(order: Target[], promptTokens: number, outputTokens: number): Promise<Reservation | undefined> {
    return this.reserveMicroUsd(this.estimate(order, promptTokens, outputTokens));
  }

  /** An image request: the dearest per-image price on its route (unknown prices count 0, as above). */
  async reserveImage(order: Target[]): Promise<Reservation | undefined> {
    let max = 0;
    for (const target of order) max = Math.max(max, Math.ceil((this.options.priceOf(target)?.perImage ?? 0) * 1e6));
    return this.reserveMicroUsd(max);
  }

  private async reserveMicroUsd(estimateMicroUsd: number): Promise<Reservation | undefined> {
    const { now, store, warnRatio } = this.options;
    const limits = this.limits(now());
    if (limits.length === 0) return undefined;
    const outcome = await store.reserve(limits, estimateMicroUsd);
    if (!outcome.ok) {
      const { refusedBy } = outcome;
      throw new LlmError("budget_exceeded", `${refusedBy.period} LLM budget reached (${refusedBy.usedMicroUsd} of ${refusedBy.limitMicroUsd} micro-USD used)`, { retryable: false });
    }
    for (const use of outcome.usage) {
      if (use.usedMicroUsd >= use.limitMicroUsd * warnRatio && !this.warned.has(use.periodKey)) {
        this.warned.add(use.periodKey);
        this.options.warn({ period: use.period, periodKey: use.periodKey, usedMicroUsd: use.usedMicroUsd, limitMicroUsd: use.limitMicroUsd, at: now() });
      }
    }
    return outcome.reservation;
  }

  async settle(reservation: Reservation | undefined, actualMicroUsd: number): Promise<void> {
    if (reservation) await this.options.store.settle(reservation, actualMicroUsd);
  }
}
