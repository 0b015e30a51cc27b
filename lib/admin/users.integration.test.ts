import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { userTable } from "@/db/schema";
import { usageEvent } from "@/test/usage-events";
import { createUsageSink } from "@/lib/usage/sink";
import { grantCreditsAsAdmin } from "@/lib/credits/admin-grants";
import { creditBalance } from "@/lib/credits/account";
import { formatSpend } from "@/lib/format";
import { listUsers, userListSchema, USERS_PAGE_SIZE } from "./users";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;

describe("the admin's users list", () => {
  it("lists every user with balance and 30-day spend, sorted by any of them, a page at a time", async () => {
    const ada = await signUp(t.db, "Ada");
    const bob = await signUp(t.db, "Bob");
    await grantCreditsAsAdmin(t.db, { actorId: ada.id, userId: bob.id, amount: 700, reason: "beta" });
    const sink = createUsageSink(t.db);
    // Ada spends today and 10 days ago; her call 40 days ago is outside the 30 days.
    await sink.record(usageEvent({ userId: ada.id, at: NOW - 3_600_000, costMicroUsd: 2_000 }));
    await sink.record(usageEvent({ userId: ada.id, at: NOW - 10 * DAY, costMicroUsd: 3_000 }));
    await sink.record(usageEvent({ userId: ada.id, at: NOW - 40 * DAY, costMicroUsd: 90_000 }));

    const byBalance = await listUsers(t.db, userListSchema.parse({ sort: "balance", dir: "desc" }), NOW);
    const adaRow = byBalance.rows.find((r) => r.id === ada.id)!;
    const bobRow = byBalance.rows.find((r) => r.id === bob.id)!;
    expect(bobRow.balance).toBe(await creditBalance(t.db, bob.id));
    expect(bobRow.balance - adaRow.balance).toBe(700);
    expect(byBalance.rows.indexOf(bobRow)).toBeLessThan(byBalance.rows.indexOf(adaRow));
    expect(adaRow.spentMicroUsd).toBe(5_000);
    expect(adaRow.spentCredits).toBeGreaterThan(0);
    expect(bobRow.spentMicroUsd).toBe(0);

    const bySpend = await listUsers(t.db, userListSchema.parse({ sort: "spend", dir: "desc" }), NOW);
    expect(bySpend.rows[0]!.id).toBe(ada.id);
    const byEmail = await listUsers(t.db, userListSchema.parse({ sort: "email", dir: "asc" }), NOW);
    expect(byEmail.rows.map((r) => r.email)).toEqual(byEmail.rows.map((r) => r.email).sort());
  });

  it("shows a user's unpriced calls apart from their dollars, never $0.00 for spend that is unknown", async () => {
    const cy = await signUp(t.db, "Cy");
    const di = await signUp(t.db, "Di");
    const sink = createUsageSink(t.db);
    await sink.record(usageEvent({ userId: cy.id, at: NOW - 3_600_000, costMicroUsd: 4_000 }));
    await sink.record(usageEvent({ userId: cy.id, at: NOW - 2 * DAY, model: "unpriced-model", costMicroUsd: null, costSource: "unknown" }));
    await sink.record(usageEvent({ userId: di.id, at: NOW - 3_600_000, model: "unpriced-model", costMicroUsd: null, costSource: "unknown" }));
    // Outside the 30 days: not counted.
    await sink.record(usageEvent({ userId: di.id, at: NOW - 40 * DAY, model: "unpriced-model", costMicroUsd: null, costSource: "unknown" }));

    const { rows } = await listUsers(t.db, userListSchema.parse({ sort: "spend", dir: "desc" }), NOW);
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row(cy.id)).toMatchObject({ spentMicroUsd: 4_000, spentRequests: 2, spentUnpricedRequests: 1 });
    expect(formatSpend(row(cy.id).spentMicroUsd, row(cy.id).spentUnpricedRequests, row(cy.id).spentRequests)).toBe("$0.0040 + 1 call without a price");
    expect(row(di.id)).toMatchObject({ spentMicroUsd: 0, spentRequests: 1, spentUnpricedRequests: 1 });
    expect(formatSpend(row(di.id).spentMicroUsd, row(di.id).spentUnpricedRequests, row(di.id).spentRequests)).toBe("unknown");
  });

  it("pages through more users than fit on a page, and a page past the end shows the last", async () => {
    // Plain user rows (signing up 25 people through auth would hash 25 passwords).
    for (let i = 0; i < USERS_PAGE_SIZE; i++) {
      await t.db.insert(userTable).values({ id: `u_reader${i}`, name: `Reader ${i}`, email: `reader${i}@quire.test`, createdAt: new Date(NOW), updatedAt: new Date(NOW) });
    }
    const first = await listUsers(t.db, userListSchema.parse({ sort: "email", dir: "asc", page: "1" }), NOW);
    const second = await listUsers(t.db, userListSchema.parse({ sort: "email", dir: "asc", page: "2" }), NOW);
    expect(first.rows).toHaveLength(USERS_PAGE_SIZE);
    expect(first.pages).toBe(2);
    expect(second.rows.length).toBe(first.total - USERS_PAGE_SIZE);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(first.total);
    const past = await listUsers(t.db, userListSchema.parse({ sort: "email", page: "99" }), NOW);
    expect(past.page).toBe(2);
    // Nonsense in the query string falls back to the defaults instead of failing.
    expect(userListSchema.parse({ sort: "drop table", dir: "up", page: "-3" })).toEqual({ sort: "joined", dir: "desc", page: 1 });
  });
});
