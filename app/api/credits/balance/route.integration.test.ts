import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import type { SessionUser } from "@/lib/auth/session";
import { grantCreditsAsAdmin } from "@/lib/credits/admin-grants";
import { creditBalance } from "@/lib/credits/account";

// The header badge's source: only the session lookup and the worker context are replaced; the ledger is a real D1.
let caller: SessionUser | null = null;
let t: TestDatabase;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => caller }));
vi.mock("@/db/request-db", () => ({ getDb: () => t.db }));
vi.mock("@opennextjs/cloudflare", () => ({ getCloudflareContext: () => ({ env: { DB: t.d1 }, ctx: { waitUntil: () => {} } }) }));

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

const call = async () => {
  const { GET } = await import("./route");
  return GET(new Request("http://quire.test/api/credits/balance"));
};

describe("GET /api/credits/balance", () => {
  it("refuses a signed-out caller, and gives a signed-in one their own balance as it moves", async () => {
    caller = null;
    expect((await call()).status).toBe(401);

    const ada = await signUp(t.db, "Ada");
    const bob = await signUp(t.db, "Bob");
    caller = { ...ada, name: "Ada" };
    const first = await call();
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const before = ((await first.json()) as { balance: number }).balance;
    expect(before).toBe(await creditBalance(t.db, ada.id));

    // Spends and grants move it without anything else refreshing; another user's do not.
    await grantCreditsAsAdmin(t.db, { actorId: bob.id, userId: ada.id, amount: -7, reason: "test spend" });
    await grantCreditsAsAdmin(t.db, { actorId: ada.id, userId: bob.id, amount: 40, reason: "someone else" });
    expect(await (await call()).json()).toEqual({ balance: before - 7 });
  });
});
