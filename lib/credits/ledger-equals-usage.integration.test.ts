import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { bookWithOutline } from "@/test/books";
import { selectChapters } from "@/db/queries/chapters";
import { creditTransactionsTable } from "@/db/schema";
import { createLlmService, loadLlmConfig, type LlmService, type UsageSink } from "@/lib/llm";
import { createUsageSink } from "@/lib/usage/sink";
import { recentUsageByTask } from "@/lib/usage/user-usage";
import { startSuggestion } from "@/lib/suggestions/suggest";
import { suggestionRequestSchema } from "@/lib/suggestions/kinds";
import { completeChat } from "@/lib/gateway/chat";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";

let t: TestDatabase;
const pending: Promise<unknown>[] = [];

/** The app's usage sink, with its writes awaited before the figures are compared. */
function sink(): UsageSink {
  const real = createUsageSink(t.db);
  return { record: (e) => void pending.push(Promise.resolve(real.record(e))) };
}
const llmWith = (env: Record<string, string>): LlmService => createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0", ...env }), { sink: sink() });

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

async function ledgerUsage(userId: string): Promise<number> {
  const rows = await t.db
    .select({ s: sql<number>`coalesce(sum(amount), 0)` })
    .from(creditTransactionsTable)
    .where(and(eq(creditTransactionsTable.userId, userId), inArray(creditTransactionsTable.type, ["AI_USAGE", "REFUND"])));
  return -Number(rows[0]!.s);
}

describe("the ledger and the usage rollups count the same credits", { timeout: 120_000 }, () => {
  it("outline, a suggestion, its cached repeat, a failed suggestion and an API call: ledger usage = the user's usage view", async () => {
    const llm = llmWith({});
    const down = llmWith({ CUSTOM_LLM_BASE_URL: "http://127.0.0.1:9/v1", CUSTOM_LLM_MODEL: "down", LLM_MAX_RETRIES: "0", LLM_CONNECT_TIMEOUT_MS: "500", LLM_ROUTES: '{"suggestion":{"noFallback":true}}' });
    const ada = await signUp(t.db, "Ada");
    const book = await bookWithOutline(t.db, llm, ada, 2);
    const [chapter] = await selectChapters(t.db, book.id);
    const request = suggestionRequestSchema.parse({ bookId: book.id, chapterId: chapter!.id, kind: "grammar", selection: "i saw teh cat. it was was big." });
    for (const service of [llm, llm, down]) {
      for await (const _ of await startSuggestion({ db: t.db, llm: service, limitPerMinute: 100 }, ada, request)) continue;
    }
    const api = await completeChat({ db: t.db, base: llm, llmFor: () => llm }, ada, chatCompletionSchema.parse({ model: "quire/summary", max_tokens: 200, messages: [{ role: "user", content: "Summarise: the keeper lit the lamp." }] }));
    expect(api.status).toBe(200);
    await Promise.all(pending);

    const charged = await ledgerUsage(ada.id);
    expect(charged).toBeGreaterThan(0);
    const view = await recentUsageByTask(t.db, ada.id);
    expect(view.total.credits).toBe(charged);
    const failed = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM llm_calls WHERE user_id = ${ada.id} AND outcome = 'error'`);
    expect(Number(failed[0]!.n)).toBeGreaterThan(0);
  });
});
