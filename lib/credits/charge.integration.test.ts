import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { selectBalance } from "@/db/queries/credits";
import { creditTransactionsTable, llmCallsTable } from "@/db/schema";
import { createLlmService, loadLlmConfig, type UsageEvent } from "@/lib/llm";
import { completeChat } from "@/lib/gateway/chat";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";
import { OpenCharge } from "./charge";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

const callsOf = (userId: string) => t.db.select().from(llmCallsTable).where(eq(llmCallsTable.userId, userId));
const rollupCredits = async (userId: string) =>
  Number((await t.db.all<{ c: number }>(sql`SELECT coalesce(sum(credits), 0) AS c FROM usage_user_daily WHERE user_id = ${userId}`))[0]!.c);
const settleRows = (userId: string) =>
  t.db.select().from(creditTransactionsTable).where(sql`${creditTransactionsTable.userId} = ${userId} AND ${creditTransactionsTable.idempotencyKey} LIKE 'settle:%'`);

describe("a charge that writes its own usage rows (the API gateway's one write after the answer)", { timeout: 120_000 }, () => {
  it("an API call's llm_calls row, rollups and settlement all land, and agree, though the service has no usage sink", async () => {
    const ann = await signUp(t.db, "Ann");
    // No sink: every usage row below was written by the charge itself.
    const llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0", RATE_LIMIT_API_PER_MINUTE: "1000" }));
    const body = chatCompletionSchema.parse({ model: "quire/suggestion", messages: [{ role: "user", content: "Improve: <selection>The lamp was lit.</selection>" }], quire_cache: false });
    const res = await completeChat({ db: t.db, base: llm, llmFor: () => llm }, ann, body);
    expect(res.status).toBe(200);
    const charged = ((await res.json()) as { quire: { credits: number } }).quire.credits;
    expect(charged).toBeGreaterThan(0);

    const calls = await callsOf(ann.id);
    expect(calls.map((c) => [c.task, c.outcome])).toEqual([["suggestion", "ok"]]);
    expect(await rollupCredits(ann.id)).toBe(charged);
    expect(await settleRows(ann.id)).toHaveLength(1);
    expect(await selectBalance(t.db, ann.id)).toBe(500 - charged);
  });

  it("when D1 refuses a usage row, the settlement is still written on its own: the author is charged what was used, not the reservation", async () => {
    const bo = await signUp(t.db, "Bo");
    const charge = await OpenCharge.open(t.db, { userId: bo.id, key: `test:${bo.id}:refused-row`, surface: "api", description: "API call", estimate: 40, recordsUsage: true });
    expect(await selectBalance(t.db, bo.id)).toBe(460);
    const event: UsageEvent = {
      task: "suggestion", provider: "demo", model: "quire-demo", targetId: "demo", attempt: 1, fallbackFrom: null, cached: false,
      inputTokens: 30, outputTokens: 20, cachedInputTokens: 0, estimated: false, costMicroUsd: 0, costSource: "price-table", savedMicroUsd: 0,
      latencyMs: 3, ttftMs: null, outcome: "ok", errorCode: null, arm: null, userId: bo.id, bookId: null, jobId: null, apiKeyId: null, at: Date.now(),
    };
    charge.meter.onUsage(event);
    // llm_calls.model is NOT NULL: this event's row cannot be written, so the one batch fails.
    charge.meter.onUsage({ ...event, model: null as unknown as string });
    const charged = await charge.close("done");

    expect(charged).toBe(charge.meter.credits);
    expect(charged).toBeLessThan(40);
    expect(await settleRows(bo.id)).toHaveLength(1);
    expect(await selectBalance(t.db, bo.id)).toBe(500 - charged);
    // The usage rows are written as one batch apart from the settlement: all or none.
    expect(await callsOf(bo.id)).toHaveLength(0);
  });
});
