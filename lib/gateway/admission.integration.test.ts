// The gateway's admission (key, rate limit and reservation in one D1 batch) on a real local D1: each
// refusal answers with its own status and OpenAI error, and leaves no reservation row behind.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { insertLedgerEntry, selectBalance } from "@/db/queries/credits";
import { apiKeysTable, creditTransactionsTable } from "@/db/schema";
import { createLlmService, loadLlmConfig } from "@/lib/llm";
import { createApiKey, hashSecret, revokeApiKey } from "./api-keys";
import { completeChat, type GatewayDeps } from "./chat";
import { chatCompletionSchema } from "./request-schema";
import { startEarlyInAMinute } from "@/test/rate-window";

// Read once per isolate (lib/rate-limit/config.ts): set before the first call.
vi.stubEnv("RATE_LIMIT_API_PER_MINUTE", "3");

let t: TestDatabase;
let deps: GatewayDeps;
/** Work the gateway does after answering (the worker's waitUntil), awaited before the ledger is read. */
const deferred: Promise<unknown>[] = [];
const settled = () => Promise.all(deferred.splice(0));

beforeAll(async () => {
  t = await openTestDatabase();
  const llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
  deps = { db: t.db, base: llm, llmFor: () => llm, defer: (work) => void deferred.push(work) };
});
afterAll(async () => {
  await settled();
  await t?.dispose();
});

const call = (model = "quire/suggestion") =>
  chatCompletionSchema.parse({ model, messages: [{ role: "user", content: "Instruction: Improve\n<selection>The lamp was lit.</selection>" }], quire_cache: false });

async function withKey(name: string, balance?: number) {
  const user = await signUp(t.db, name);
  if (balance !== undefined) await insertLedgerEntry(t.db, { userId: user.id, amount: balance - 500, type: "ADMIN_GRANT", idempotencyKey: `trim-${user.id}`, description: "test" });
  const { key, secret } = await createApiKey(t.db, user, "test");
  return { user, key, keyHash: await hashSecret(secret) };
}

/** Every API reservation row in the ledger (of one user, or of anyone). */
async function reservations(userId?: string): Promise<number> {
  const t2 = creditTransactionsTable;
  const rows = await t.db
    .select({ n: sql<number>`count(*)` })
    .from(t2)
    .where(and(like(t2.idempotencyKey, "reserve:api:%"), userId ? eq(t2.userId, userId) : undefined));
  return Number(rows[0]!.n);
}

async function refusal(res: Response) {
  const body = (await res.json()) as { error: { code: string; type: string } };
  return { status: res.status, code: body.error.code, type: body.error.type };
}

describe("gateway admission in one batch (real D1)", { timeout: 120_000 }, () => {
  it("an answered call through a key reserves once, settles once and records the key's use", async () => {
    const { user, key, keyHash } = await withKey("Ada");
    const res = await completeChat(deps, { keyHash }, call());
    expect(res.status).toBe(200);
    await settled();
    const rows = await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.userId, user.id));
    const reserve = rows.filter((r) => r.idempotencyKey.startsWith(`reserve:api:${key.id}:`));
    expect(reserve).toHaveLength(1);
    expect(rows.filter((r) => r.idempotencyKey === `settle:${reserve[0]!.idempotencyKey.slice("reserve:".length)}`)).toHaveLength(1);
    const [stored] = await t.db.select().from(apiKeysTable).where(eq(apiKeysTable.id, key.id));
    expect(stored!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("an unknown or revoked key is refused 401 and writes no reservation and no rate-limit count", async () => {
    const before = await reservations();
    const unknown = await completeChat(deps, { keyHash: await hashSecret("qk_nobodysKeyAtAll0000000000") }, call());
    expect(await refusal(unknown)).toEqual({ status: 401, code: "unauthorized:api", type: "authentication_error" });
    // An unknown key hears 401 before it hears that the model does not exist.
    const unknownModel = await completeChat(deps, { keyHash: await hashSecret("qk_nobodysKeyAtAll0000000000") }, call("quire/no-such-model"));
    expect((await refusal(unknownModel)).status).toBe(401);

    const { user, key, keyHash } = await withKey("Bea");
    await revokeApiKey(t.db, user, key.id);
    const revoked = await completeChat(deps, { keyHash }, call());
    expect(await refusal(revoked)).toEqual({ status: 401, code: "unauthorized:api", type: "authentication_error" });
    expect(await reservations()).toBe(before);
    const buckets = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM rate_limit_buckets WHERE key = ${`user:${user.id}:api`}`);
    expect(Number(buckets[0]!.n)).toBe(0);
  });

  it("past the per-minute limit the call is refused 429 with a retry time and reserves nothing", async () => {
    const { user, keyHash } = await withKey("Cy");
    await startEarlyInAMinute();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await completeChat(deps, { keyHash }, call())).status);
    expect(statuses).toEqual([200, 200, 200]);
    await settled();
    const balance = await selectBalance(t.db, user.id);
    const limited = await completeChat(deps, { keyHash }, call());
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refusal(limited)).toEqual({ status: 429, code: "rate_limit:api", type: "rate_limit_error" });
    expect(await reservations(user.id)).toBe(3);
    expect(await selectBalance(t.db, user.id)).toBe(balance);
  });

  it("a balance short of the worst case is refused 402 with the figures and reserves nothing", async () => {
    const { user, keyHash } = await withKey("Di", 0);
    const res = await completeChat(deps, { keyHash }, call());
    const body = (await res.clone().json()) as { error: { message: string } };
    expect(await refusal(res)).toEqual({ status: 402, code: "insufficient_credits:api", type: "insufficient_quota" });
    expect(body.error.message).toMatch(/Needed: \d+, balance: 0\./);
    expect(await reservations(user.id)).toBe(0);
    expect(await selectBalance(t.db, user.id)).toBe(0);
  });

  it("a grant that expired unclosed does not refuse credits the author still holds: it is closed and the call admitted", async () => {
    // 500 at sign-up, trimmed to 0; 8 lasting credits, then a 10-credit grant that expired yesterday
    // after 8 were spent (from it first, the kindest order): the author holds 8, though the ledger's
    // pessimistic sum says 0 until the grant is closed.
    const { user, keyHash } = await withKey("Ed", 0);
    const day = 86_400_000;
    const now = Date.now();
    await insertLedgerEntry(t.db, { userId: user.id, amount: 8, type: "ADMIN_GRANT", idempotencyKey: `lasting-${user.id}`, description: "test", createdAt: new Date(now - 4 * day) });
    await insertLedgerEntry(t.db, { userId: user.id, amount: 10, type: "ADMIN_GRANT", idempotencyKey: `grant-${user.id}`, description: "test", expiresAt: new Date(now - day), createdAt: new Date(now - 3 * day) });
    await insertLedgerEntry(t.db, { userId: user.id, amount: -8, type: "AI_USAGE", idempotencyKey: `spent-${user.id}`, description: "test", createdAt: new Date(now - 2 * day) });
    const res = await completeChat(deps, { keyHash }, call());
    expect(res.status).toBe(200);
    await settled();
    expect(await reservations(user.id)).toBe(1);
    expect(await selectBalance(t.db, user.id)).toBeGreaterThan(0);
    expect(await selectBalance(t.db, user.id)).toBeLessThan(8);
  });
});
