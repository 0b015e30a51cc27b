import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { selectBalance } from "@/db/queries/credits";
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
});
