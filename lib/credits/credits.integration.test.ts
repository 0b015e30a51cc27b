import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { insertLedgerEntry, selectBalance } from "@/db/queries/credits";
import { creditTransactionsTable } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { creditBalance, creditHistory, HISTORY_PAGE_SIZE } from "./account";
import { grantCreditsAsAdmin, revokeCreditsAsAdmin } from "./admin-grants";
import { closeExpiredGrants } from "./expiry";
import { reserveCredits, settleCredits } from "./ledger";
import { placeholderPaymentProvider } from "./payments";
import { confirmPurchase, startPurchase } from "./purchases";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

const DAY = 86_400_000;

async function grantExpiring(userId: string, amount: number, createdAt: number, expiresAt: number, key: string) {
  await insertLedgerEntry(t.db, {
    userId,
    amount,
    type: "ADMIN_GRANT",
    idempotencyKey: key,
    description: "promo",
    createdAt: new Date(createdAt),
    expiresAt: new Date(expiresAt),
  });
}

describe("credit expiry", () => {
  it("expired credits stop counting, but what was spent from them is not taken twice", async () => {
    const ada = await signUp(t.db, "Ada"); // 500, never expires
    const now = Date.now();
    await grantExpiring(ada.id, 100, now - 3 * DAY, now - DAY, `promo-${ada.id}`);
    // Spent 560 before the promo expired: 100 of it came from the promo (it expired first), 460 from the rest.
    await insertLedgerEntry(t.db, {
      userId: ada.id,
      amount: -560,
      type: "AI_USAGE",
      idempotencyKey: `use-${ada.id}`,
      description: "chapters",
      createdAt: new Date(now - 2 * DAY),
    });
    expect(await creditBalance(t.db, ada.id)).toBe(40);
  });

  it("only the unused part of an expired grant is written off, once", async () => {
    const bob = await signUp(t.db, "Bob"); // 500
    const now = Date.now();
    await grantExpiring(bob.id, 100, now - 3 * DAY, now - DAY, `promo-${bob.id}`);
    await insertLedgerEntry(t.db, {
      userId: bob.id,
      amount: -60,
      type: "AI_USAGE",
      idempotencyKey: `use-${bob.id}`,
      description: "outline",
      createdAt: new Date(now - 2 * DAY),
    });
    expect(await creditBalance(t.db, bob.id)).toBe(500);
    expect(await closeExpiredGrants(t.db, bob.id)).toBe(0);
    const expiry = await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.type, "EXPIRY"));
    expect(expiry.filter((r) => r.userId === bob.id).map((r) => r.amount)).toEqual([-40]);
  });

  it("an expired grant cannot be reserved against, even before its expiry row is written", async () => {
    const cy = await signUp(t.db, "Cy");
    const now = Date.now();
    await grantExpiring(cy.id, 1000, now - 2 * DAY, now - 1, `promo-${cy.id}`);
    expect(await selectBalance(t.db, cy.id)).toBe(500);
    const err = await reserveCredits(t.db, { userId: cy.id, amount: 600, key: `big-${cy.id}`, description: "x", surface: "chapter" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.details).toEqual({ needed: 600, balance: 500 });
  });
});

describe("a failed step", () => {
  it("gets back everything it reserved", async () => {
    const dee = await signUp(t.db, "Dee");
    const r = await reserveCredits(t.db, { userId: dee.id, amount: 120, key: `job-${dee.id}`, description: "chapter 1", surface: "chapter" });
    expect(await creditBalance(t.db, dee.id)).toBe(380);
    await settleCredits(t.db, { reservation: r, used: 0, description: "chapter 1 failed" });
    expect(await creditBalance(t.db, dee.id)).toBe(500);
  });
});

describe("admin grants and revocations", () => {
  it("are written with the admin's id and reason, and a double submit writes once", async () => {
    const eve = await signUp(t.db, "Eve");
    const admin = await signUp(t.db, "Root");
    const input = { actorId: admin.id, userId: eve.id, amount: 250, reason: "beta tester", requestKey: `form-${eve.id}` };
    await grantCreditsAsAdmin(t.db, input);
    const again = await grantCreditsAsAdmin(t.db, input);
    expect(again).toEqual({ created: false, balance: 750 });
    const [row] = await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.idempotencyKey, `admin:form-${eve.id}`));
    expect(row).toMatchObject({ actorId: admin.id, description: "beta tester", amount: 250, type: "ADMIN_GRANT" });
  });

  it("a revocation larger than the balance is refused with what is needed and what is there", async () => {
    const fay = await signUp(t.db, "Fay");
    const err = await revokeCreditsAsAdmin(t.db, { actorId: "admin", userId: fay.id, amount: 501, reason: "abuse" }).catch((e) => e);
    expect(err.code).toBe("insufficient_credits:admin");
    expect(err.details).toEqual({ needed: 501, balance: 500 });
    const ok = await revokeCreditsAsAdmin(t.db, { actorId: "admin", userId: fay.id, amount: 200, reason: "abuse" });
    expect(ok).toEqual({ created: true, balance: 300 });
  });
});

describe("purchases", () => {
  const provider = placeholderPaymentProvider("test-secret-for-checkouts-000000000");

  it("confirming the same purchase twice grants once", async () => {
    const gus = await signUp(t.db, "Gus");
    const { checkoutId } = await startPurchase(provider, gus.id, "starter");
    const first = await confirmPurchase(t.db, provider, { userId: gus.id, checkoutId });
    const second = await confirmPurchase(t.db, provider, { userId: gus.id, checkoutId });
    expect(first).toMatchObject({ created: true, credits: 1000, balance: 1500 });
    expect(second).toMatchObject({ created: false, balance: 1500 });
  });

  it("refuses a forged checkout and someone else's", async () => {
    const hal = await signUp(t.db, "Hal");
    const ivy = await signUp(t.db, "Ivy");
    const { checkoutId } = await startPurchase(provider, hal.id, "studio");
    const forged = checkoutId.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    await expect(confirmPurchase(t.db, provider, { userId: hal.id, checkoutId: forged })).rejects.toMatchObject({ code: "not_found:credits" });
    await expect(confirmPurchase(t.db, provider, { userId: ivy.id, checkoutId })).rejects.toMatchObject({ code: "not_found:credits" });
    expect(await selectBalance(t.db, ivy.id)).toBe(500);
  });
});

describe("history", () => {
  it("pages through every entry newest first without repeats", async () => {
    const jo = await signUp(t.db, "Jo");
    for (let i = 0; i < HISTORY_PAGE_SIZE + 5; i++) {
      await insertLedgerEntry(t.db, { userId: jo.id, amount: -1, type: "AI_USAGE", idempotencyKey: `h-${jo.id}-${i}`, description: `s${i}` });
    }
    const first = await creditHistory(t.db, jo.id);
    const second = await creditHistory(t.db, jo.id, first.nextCursor ?? undefined);
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(first.entries).toHaveLength(HISTORY_PAGE_SIZE);
    expect(new Set(ids).size).toBe(HISTORY_PAGE_SIZE + 6);
    expect(second.nextCursor).toBeNull();
  });
});
