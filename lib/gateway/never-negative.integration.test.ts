import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { insertLedgerEntry, selectBalance } from "@/db/queries/credits";
import { creditTransactionsTable } from "@/db/schema";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { completeChat, type GatewayDeps } from "./chat";
import { chatCompletionSchema } from "./request-schema";

let t: TestDatabase;
let llm: LlmService;
let deps: GatewayDeps;

beforeAll(async () => {
  t = await openTestDatabase();
  llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0", RATE_LIMIT_API_PER_MINUTE: "1000" }));
  deps = { db: t.db, base: llm, llmFor: () => llm };
});
afterAll(() => t?.dispose());

/** A user left with `balance` credits of the 500 they signed up with. */
async function userWith(name: string, balance: number) {
  const user = await signUp(t.db, name);
  await insertLedgerEntry(t.db, { userId: user.id, amount: balance - 500, type: "ADMIN_GRANT", idempotencyKey: `trim-${user.id}`, description: "test" });
  return user;
}

const ledgerSum = async (userId: string) =>
  Number((await t.db.select({ s: sql<number>`coalesce(sum(amount), 0)` }).from(creditTransactionsTable).where(eq(creditTransactionsTable.userId, userId)))[0]!.s);

describe("the API never takes a balance below zero (real D1)", { timeout: 120_000 }, () => {
  it("with a balance of 1, a long chapter answer either fits the balance or is refused; the balance stays >= 0", async () => {
    const ann = await userWith("Ann", 1);
    const body = chatCompletionSchema.parse({ model: "quire/chapter", max_tokens: 985, messages: [{ role: "user", content: "Write the opening of a chapter about a lighthouse keeper, about 800 words." }], quire_cache: false });
    const res = await completeChat(deps, ann, body);
    expect([200, 402]).toContain(res.status);
    const balance = await selectBalance(t.db, ann.id);
    expect(balance).toBeGreaterThanOrEqual(0);
    expect(await ledgerSum(ann.id)).toBe(balance);
    // A default max_tokens (1,024) plus the prompt needs 2 credits at worst: refused up front.
    const refused = await completeChat(deps, ann, chatCompletionSchema.parse({ model: "quire/chapter", messages: [{ role: "user", content: "More." }], quire_cache: false }));
    expect(refused.status).toBe(402);
    expect(await selectBalance(t.db, ann.id)).toBeGreaterThanOrEqual(0);
  });

  it("50 concurrent calls on a balance of 3: exactly 3 answered, the balance ends at 0 and the ledger sums to it", async () => {
    const bo = await userWith("Bo", 3);
    const calls = Array.from({ length: 50 }, (_, i) =>
      completeChat(deps, bo, chatCompletionSchema.parse({ model: "quire/suggestion", messages: [{ role: "user", content: `Instruction: Improve\n<selection>Lamp ${i} was lit.</selection>` }], quire_cache: false })),
    );
    const statuses = (await Promise.all(calls)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 402)).toBe(true);
    expect(await selectBalance(t.db, bo.id)).toBe(0);
    expect(await ledgerSum(bo.id)).toBe(0);
  });
});
