import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { creditTransactionsTable } from "@/db/schema";
import { selectBalance } from "@/db/queries/credits";
import { grantSignupCredits } from "./signup-grant";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

describe("sign-up credit grant", () => {
  it("writes one SIGNUP_GRANT ledger row when an account is created", async () => {
    const ada = await signUp(t.db, "Ada");
    const rows = await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.userId, ada.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: "SIGNUP_GRANT", amount: 500 });
    expect(await selectBalance(t.db, ada.id)).toBe(500);
  });

  it("never grants twice for the same account", async () => {
    const bob = await signUp(t.db, "Bob");
    await grantSignupCredits(t.db, bob.id, 500);
    await grantSignupCredits(t.db, bob.id, 500);
    expect(await selectBalance(t.db, bob.id)).toBe(500);
  });
});
