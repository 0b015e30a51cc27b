import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { newId } from "@/db/schema";
import { runRawBatch } from "@/db/batch";
import type { BudgetLimit, BudgetStore, BudgetUse, Reservation, ReserveOutcome } from "@/lib/llm";

/**
 * lib/llm's BudgetStore on D1 (llm_budget), so daily and monthly caps hold across isolates. A window's
 * use is reserved + spent. Reserving is all-or-nothing over every cap in ONE conditional UPDATE: the
 * uncorrelated sub-select that checks every window is evaluated once, before any row changes, and the
 * statement runs atomically, so two calls cannot together overshoot a cap.
 */
export function createD1BudgetStore(db: Db): BudgetStore {
  return {
    async reserve(limits: BudgetLimit[], amountMicroUsd: number): Promise<ReserveOutcome> {
      const reservation: Reservation = { id: newId("bud"), amountMicroUsd, limits };
      if (limits.length === 0) return { ok: true, reservation, usage: [] };
      const windows = limits.map((l) => l.periodKey);
      const fits = sql.join(
        limits.map((l) => sql`("window" = ${l.periodKey} AND reserved_micro_usd + spent_micro_usd + ${amountMicroUsd} <= ${l.limitMicroUsd})`),
        sql` OR `,
      );
      const inList = sql.join(windows.map((w) => sql`${w}`), sql`, `);
      const ensure = windows.map((w) => sql`INSERT INTO llm_budget ("window") VALUES (${w}) ON CONFLICT ("window") DO NOTHING`);
      const update = sql`
        UPDATE llm_budget SET reserved_micro_usd = reserved_micro_usd + ${amountMicroUsd}
        WHERE "window" IN (${inList}) AND (SELECT count(*) FROM llm_budget WHERE ${fits}) = ${limits.length}
        RETURNING "window" AS "window", reserved_micro_usd + spent_micro_usd AS used`;
      const results = await runRawBatch<{ window: string; used: number }>(db, [...ensure, update]);
      const updated = results.at(-1) ?? [];
      if (updated.length === limits.length) {
        const used = new Map(updated.map((r) => [r.window, Number(r.used)]));
        return { ok: true, reservation, usage: limits.map((l) => use(l, used.get(l.periodKey) ?? 0)) };
      }
      const current = await db.all<{ window: string; used: number }>(
        sql`SELECT "window" AS "window", reserved_micro_usd + spent_micro_usd AS used FROM llm_budget WHERE "window" IN (${inList})`,
      );
      const byWindow = new Map(current.map((r) => [r.window, Number(r.used)]));
      const refused = limits.find((l) => (byWindow.get(l.periodKey) ?? 0) + amountMicroUsd > l.limitMicroUsd) ?? limits[0]!;
      return { ok: false, refusedBy: use(refused, byWindow.get(refused.periodKey) ?? 0) };
    },

    async settle(reservation: Reservation, actualMicroUsd: number): Promise<void> {
      if (reservation.limits.length === 0) return;
      const statements = reservation.limits.map(
        (l) => sql`UPDATE llm_budget SET reserved_micro_usd = max(0, reserved_micro_usd - ${reservation.amountMicroUsd}),
          spent_micro_usd = spent_micro_usd + ${Math.max(0, actualMicroUsd)} WHERE "window" = ${l.periodKey}`,
      );
      await runRawBatch(db, statements);
    },
  };
}

function use(limit: BudgetLimit, usedMicroUsd: number): BudgetUse {
  return { period: limit.period, periodKey: limit.periodKey, usedMicroUsd, limitMicroUsd: limit.limitMicroUsd };
}
