// One author's walk through every paid surface, on a real D1 and the fault-injecting upstream, and the
// money figures read back independently from each place that reports them. Shared by
// `npm run audit:credits` (scripts/audit-credits.ts) and lib/credits/ledger-equals-usage.integration.test.ts,
// so the audit and the test can never drift apart.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { selectChapters } from "@/db/queries/chapters";
import { selectBalance } from "@/db/queries/credits";
import { creditTransactionsTable } from "@/db/schema";
import { signUp } from "@/test/accounts";
import { bookWithOutline } from "@/test/books";
import { createLlmService, loadLlmConfig, type LlmService, type UsageSink } from "@/lib/llm";
import { FAST_ENV, upstreamEnv } from "@/lib/llm/testing/harness";
import { createUsageSink } from "@/lib/usage/sink";
import { recentUsageByTask } from "@/lib/usage/user-usage";
import { DASHBOARD_PANELS } from "@/lib/admin/dashboard";
import { dayOf } from "@/lib/admin/filters";
import { startSuggestion } from "@/lib/suggestions/suggest";
import { suggestionRequestSchema } from "@/lib/suggestions/kinds";
import { completeChat } from "@/lib/gateway/chat";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";
import { startChapterJob } from "@/lib/jobs/start";
import { runJob } from "@/lib/jobs/runner";

export type MoneyFigures = {
  ledgerCredits: number;
  usageCredits: number;
  dashboardCredits: number;
  dashboardUsd: number;
  llmCallsUsd: number;
  unpricedCalls: number;
  minBalance: number;
  /** Calls without a known price as the dashboard's totals count them (kept apart from its dollars). */
  dashboardUnpricedCalls: number;
};

export type ScenarioRun = { userId: string; minBalance: number; statuses: Record<string, number>; fallbacks: number; failedCalls: number };

const CONTEXT_WINDOW = 32_000;

/**
 * Signs an author up and spends on every paid surface: an outline, a chapter (a job), a suggestion and
 * its cached repeat, a suggestion whose model is down (refunded), an API call to a model with no known
 * price, and an API call whose first target fails so it falls back. The balance is read after each.
 */
export async function runMoneyScenario(db: Db, upstreamUrl: string): Promise<ScenarioRun> {
  const pending: Promise<unknown>[] = [];
  const real = createUsageSink(db);
  // The app's own sink, with its writes awaited before any figure is read.
  const sink: UsageSink = { record: (e) => void pending.push(Promise.resolve(real.record(e))), budgetWarning: () => undefined };
  const llmWith = (env: Record<string, string>): LlmService => createLlmService(loadLlmConfig({ ...FAST_ENV, RATE_LIMIT_API_PER_MINUTE: "1000", ...env }), { sink });

  const demo = llmWith({});
  const up = upstreamEnv(upstreamUrl);
  // The custom model refuses every call, and suggestions may not fall back: the attempt fails and is refunded.
  const down = llmWith({ ...up, OPENROUTER_API_KEY: "", CUSTOM_LLM_MODEL: "custom-m~http-500", LLM_MAX_RETRIES: "0", LLM_ROUTES: '{"suggestion":{"noFallback":true}}' });
  // A model the price table does not know and whose server reports no cost: its cost is unknown (NULL).
  const unpricedEnv = Object.fromEntries(Object.entries(up).filter(([name]) => !name.startsWith("CUSTOM_LLM_PRICE_")));
  const unpriced = llmWith({ ...unpricedEnv, OPENROUTER_API_KEY: "", LLM_CACHE: "false" });
  // The custom model is overloaded (503): the call is handed over to OpenRouter.
  const fallback = llmWith({ ...up, CUSTOM_LLM_MODEL: "custom-m~http-503", LLM_MAX_RETRIES: "0", LLM_CACHE: "false" });

  const author = await signUp(db, "Ada");
  let minBalance = await selectBalance(db, author.id);
  const observe = async () => {
    await Promise.all(pending);
    minBalance = Math.min(minBalance, await selectBalance(db, author.id));
  };

  const book = await bookWithOutline(db, demo, author, 2);
  await observe();

  const [chapter] = await selectChapters(db, book.id);
  const job = await startChapterJob(db, author, { bookId: book.id, chapterId: chapter!.id, mode: "write" }, CONTEXT_WINDOW);
  const runner = { db, llm: demo, now: Date.now, checkpointMs: 50, contextWindow: CONTEXT_WINDOW, staleMs: 30_000, nextStep: async () => undefined };
  while ((await runJob(runner, job.id)) === "continues");
  await observe();

  const request = suggestionRequestSchema.parse({ bookId: book.id, chapterId: chapter!.id, kind: "grammar", selection: "i saw teh cat. it was was big." });
  for (const service of [demo, demo, down]) {
    const events = await startSuggestion({ db, llm: service, limitPerMinute: 100 }, author, request);
    const read: unknown[] = [];
    for await (const event of events) read.push(event);
    await observe();
  }

  const statuses: Record<string, number> = {};
  const api = async (name: string, llm: LlmService, model: string) => {
    const body = chatCompletionSchema.parse({ model, max_tokens: 200, messages: [{ role: "user", content: "Summarise: the keeper lit the lamp." }], quire_cache: false });
    statuses[name] = (await completeChat({ db, base: llm, llmFor: () => llm }, author, body)).status;
    await observe();
  };
  await api("demo", demo, "quire/summary");
  await api("unpriced", unpriced, "quire/summary");
  await api("fallback", fallback, "quire/summary");

  const counts = await db.all<{ fallbacks: number; failed: number }>(
    sql`SELECT sum(fallback_from IS NOT NULL AND outcome = 'ok') AS fallbacks, sum(outcome = 'error') AS failed FROM llm_calls WHERE user_id = ${author.id}`,
  );
  return { userId: author.id, minBalance, statuses, fallbacks: Number(counts[0]!.fallbacks ?? 0), failedCalls: Number(counts[0]!.failed ?? 0) };
}

/** Each money figure from its own source: the ledger, the user's usage view, the admin dashboard, llm_calls. */
export async function moneyFigures(db: Db, run: Pick<ScenarioRun, "userId" | "minBalance">, now = Date.now()): Promise<MoneyFigures> {
  const ledger = await db
    .select({ s: sql<number>`coalesce(sum(amount), 0)` })
    .from(creditTransactionsTable)
    .where(and(eq(creditTransactionsTable.userId, run.userId), inArray(creditTransactionsTable.type, ["AI_USAGE", "REFUND"])));
  const usage = await recentUsageByTask(db, run.userId, 30, now);
  const today = dayOf(now);
  const top = await DASHBOARD_PANELS.topUsers(db, { from: usage.from, to: today });
  const row = top.find((r) => r.userId === run.userId);
  const totals = await DASHBOARD_PANELS.totals(db, { from: usage.from, to: today });
  const calls = await db.all<{ usd: number; unpriced: number }>(
    sql`SELECT coalesce(sum(cost_micro_usd), 0) AS usd, sum(cost_micro_usd IS NULL) AS unpriced FROM llm_calls WHERE user_id = ${run.userId}`,
  );
  return {
    ledgerCredits: -Number(ledger[0]!.s),
    usageCredits: usage.total.credits,
    dashboardCredits: Number(row?.credits ?? 0),
    dashboardUsd: Number(row?.costMicroUsd ?? 0) / 1e6,
    llmCallsUsd: Number(calls[0]!.usd) / 1e6,
    unpricedCalls: Number(calls[0]!.unpriced ?? 0),
    minBalance: run.minBalance,
    dashboardUnpricedCalls: Number(totals.unpricedRequests),
  };
}

/** A sentence for each way the figures disagree (empty when they all agree). */
export function moneyDisagreements(f: MoneyFigures): string[] {
  const problems: string[] = [];
  if (f.usageCredits !== f.ledgerCredits) problems.push(`the usage view shows ${f.usageCredits} credits but the ledger charged ${f.ledgerCredits}`);
  if (f.dashboardCredits !== f.ledgerCredits) problems.push(`the admin dashboard shows ${f.dashboardCredits} credits but the ledger charged ${f.ledgerCredits}`);
  if (Math.round(f.dashboardUsd * 1e6) !== Math.round(f.llmCallsUsd * 1e6)) problems.push(`the admin dashboard shows $${f.dashboardUsd} but llm_calls add up to $${f.llmCallsUsd}`);
  if (f.dashboardUnpricedCalls !== f.unpricedCalls) problems.push(`the admin dashboard counts ${f.dashboardUnpricedCalls} unpriced calls but llm_calls holds ${f.unpricedCalls}`);
  if (f.minBalance < 0) problems.push(`the balance went below zero (${f.minBalance})`);
  return problems;
}
