// Spending caps. Before a call is dispatched its estimated cost is reserved against every cap in one
// atomic step, so concurrent calls cannot together overshoot; after it, the reservation is settled to
// the real cost. The app can back BudgetStore with D1 using one conditional UPDATE per cap.

export type BudgetPeriod = "day" | "month";

export interface BudgetLimit {
  period: BudgetPeriod;
  /** e.g. "2026-11-22" or "2026-11" (UTC). */
  periodKey: string;
  limitMicroUsd: number;
}

export interface BudgetUse {
  period: BudgetPeriod;
  periodKey: string;
  usedMicroUsd: number;
  limitMicroUsd: number;
}

export interface Reservation {
  id: string;
  amountMicroUsd: number;
  limits: BudgetLimit[];
}

export type ReserveOutcome = { ok: true; reservation: Reservation; usage: BudgetUse[] } | { ok: false; refusedBy: BudgetUse };

export interface BudgetStore {
  /** All-or-nothing: reserves on every limit or on none. */
  reserve(limits: BudgetLimit[], amountMicroUsd: number): Promise<ReserveOutcome> | ReserveOutcome;
  /** Replaces the reserved amount by the actual cost (0 for a failed call). */
  settle(reservation: Reservation, actualMicroUsd: number): Promise<void> | void;
}

export class MemoryBudgetStore implements BudgetStore {
  private readonly used = new Map<string, number>();
  private nextId = 1;

  reserve(limits: BudgetLimit[], amountMicroUsd: number): ReserveOutcome {
    // Runs without an await in between check and write: atomic within one JS isolate.
    for (const limit of limits) {
      const used = this.used.get(limit.periodKey) ?? 0;
      if (used + amountMicroUsd > limit.limitMicroUsd) {
        return { ok: false, refusedBy: { period: limit.period, periodKey: limit.periodKey, usedMicroUsd: used, limitMicroUsd: limit.limitMicroUsd } };
      }
    }
    const usage: BudgetUse[] = [];
    for (const limit of limits) {
      const used = (this.used.get(limit.periodKey) ?? 0) + amountMicroUsd;
      this.used.set(limit.periodKey, used);
      usage.push({ period: limit.period, periodKey: limit.periodKey, usedMicroUsd: used, limitMicroUsd: limit.limitMicroUsd });
    }
    return { ok: true, reservation: { id: `r${this.nextId++}`, amountMicroUsd, limits }, usage };
  }

  settle(reservation: Reservation, actualMicroUsd: number): void {
    for (const limit of reservation.limits) {
      const used = this.used.get(limit.periodKey) ?? 0;
      this.used.set(limit.periodKey, Math.max(0, used - reservation.amountMicroUsd + actualMicroUsd));
    }
  }

  usedMicroUsd(periodKey: string): number {
    return this.used.get(periodKey) ?? 0;
  }
}

export function periodKeys(at: number): { day: string; month: string } {
  const iso = new Date(at).toISOString();
  return { day: iso.slice(0, 10), month: iso.slice(0, 7) };
}
