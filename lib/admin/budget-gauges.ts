import "server-only";
import type { Db } from "@/db/client";
import { selectBudgetWindows, selectSpend } from "@/db/queries/admin";
import { loadLlmConfig, periodKeys } from "@/lib/llm";

export type BudgetGauge = { period: "day" | "month"; window: string; spentMicroUsd: number; reservedMicroUsd: number; capMicroUsd: number | null };

/**
 * Today's and this month's spend against the LLM caps (LLM_DAILY_BUDGET_USD / LLM_MONTHLY_BUDGET_USD).
 * Spend comes from the rollups; in-flight reservations from llm_budget when the D1 budget store is used.
 */
export async function budgetGauges(db: Db, now = Date.now(), env: Record<string, string | undefined> = process.env): Promise<BudgetGauge[]> {
  const { budget } = loadLlmConfig(env);
  const { day, month } = periodKeys(now);
  const [today, thisMonth, windows] = await Promise.all([
    selectSpend(db, day, day),
    selectSpend(db, `${month}-01`, `${month}-31`),
    selectBudgetWindows(db, [day, month]),
  ]);
  return [
    { period: "day", window: day, spentMicroUsd: today, reservedMicroUsd: windows.get(day)?.reserved ?? 0, capMicroUsd: budget.dailyMicroUsd },
    { period: "month", window: month, spentMicroUsd: thisMonth, reservedMicroUsd: windows.get(month)?.reserved ?? 0, capMicroUsd: budget.monthlyMicroUsd },
  ];
}
