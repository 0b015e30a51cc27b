import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { balanceSql, selectBalance } from "@/db/queries/credits";
import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { reserveCredits, settleCredits } from "./ledger";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

describe("credit reservations on real D1", () => {
  it("50 concurrent reservations against a balance that covers 10: exactly 10 succeed", async () => {
    const ada = await signUp(t.db, "Ada"); // 500 credits
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        reserveCredits(t.db, { userId: ada.id, amount: 50, key: `race-${i}`, description: "chapter", surface: "chapter" }),
      ),
    );
    const ok = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.filter((a) => a.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(10);
    expect(refused.every((r) => r.reason instanceof AppError && r.reason.code === "insufficient_credits:chapter")).toBe(true);
    expect(await selectBalance(t.db, ada.id)).toBe(0);
  }, 60_000);

  it("the same key twice charges once", async () => {
    const bob = await signUp(t.db, "Bob");
    const first = await reserveCredits(t.db, { userId: bob.id, amount: 40, key: "step-1", description: "x", surface: "chapter" });
    const again = await reserveCredits(t.db, { userId: bob.id, amount: 40, key: "step-1", description: "x", surface: "chapter" });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, amount: 40 });
    expect(await selectBalance(t.db, bob.id)).toBe(460);
  });

  it("settles to the real cost once, however often it is settled", async () => {
    const cy = await signUp(t.db, "Cy");
    const r1 = await reserveCredits(t.db, { userId: cy.id, amount: 100, key: "s1", description: "x", surface: "chapter" });
    expect(await settleCredits(t.db, { reservation: r1, used: 30, description: "x" })).toBe(30);
    await settleCredits(t.db, { reservation: r1, used: 30, description: "x" });
    expect(await selectBalance(t.db, cy.id)).toBe(470);
  });

  it("takes an overrun only as far as the balance allows: never below zero", async () => {
    const fay = await signUp(t.db, "Fay"); // 500 credits
    const r = await reserveCredits(t.db, { userId: fay.id, amount: 480, key: "over", description: "x", surface: "api" });
    expect(await selectBalance(t.db, fay.id)).toBe(20);
    // Used 600: the reservation had 480, the balance holds 20 more; the rest is written off.
    expect(await settleCredits(t.db, { reservation: r, used: 600, description: "x" })).toBe(500);
    expect(await selectBalance(t.db, fay.id)).toBe(0);
    expect(await settleCredits(t.db, { reservation: r, used: 600, description: "x" })).toBe(500);
    expect(await selectBalance(t.db, fay.id)).toBe(0);
  });

  it("tells how many credits are needed and how many the user has", async () => {
    const dee = await signUp(t.db, "Dee");
    const err = await reserveCredits(t.db, { userId: dee.id, amount: 9999, key: "big", description: "x", surface: "outline" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("insufficient_credits:outline");
    expect(err.details).toEqual({ needed: 9999, balance: 500 });
  });

  it("the running total a balance reads is the ledger's sum, whatever changes a row, and a long ledger is not scanned", async () => {
    const gus = await signUp(t.db, "Gus"); // 500 credits
    const sums = async () => {
      const [row] = await t.db.all<{ total: number; sum: number }>(
        sql`SELECT (SELECT total FROM credit_totals WHERE user_id = ${gus.id}) AS total, (SELECT sum(amount) FROM credit_transactions WHERE user_id = ${gus.id}) AS sum`,
      );
      return row!;
    };
    // 300 charges of 1 as one statement: a long ledger for one user.
    await t.db.run(sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
      INSERT INTO credit_transactions (id, user_id, amount, type, idempotency_key, description, created_at)
      SELECT 'long-' || i, ${gus.id}, -1, 'AI_USAGE', 'long-' || i, 'x', ${Date.now()} FROM n`);
    const r = await reserveCredits(t.db, { userId: gus.id, amount: 50, key: "g1", description: "x", surface: "chapter" });
    await settleCredits(t.db, { reservation: r, used: 20, description: "x" });
    expect(await sums()).toEqual({ total: 180, sum: 180 });
    expect(await selectBalance(t.db, gus.id)).toBe(180);
    // No code changes or removes a ledger row, but the total follows if anything does.
    await t.db.run(sql`UPDATE credit_transactions SET amount = -5 WHERE id = 'long-1'`);
    await t.db.run(sql`DELETE FROM credit_transactions WHERE id = 'long-2'`);
    expect(await sums()).toEqual({ total: 177, sum: 177 });
    expect(await selectBalance(t.db, gus.id)).toBe(177);
    // The balance reads the total and the user's expiring grants only, never the whole ledger.
    const plan = await t.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN SELECT ${balanceSql(gus.id, Date.now())} AS balance`);
    const details = plan.map((p) => p.detail).join("\n");
    expect(details).toContain("credit_tx_user_expiring_idx");
    expect(details).not.toContain("credit_tx_user_created_idx");
    expect(details).not.toMatch(/SCAN c\b/);
  });
});
