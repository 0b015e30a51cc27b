// Recall on real local D1 with the demo model and the demo embedder: written chapters are cut into
// passages and embedded by the job step (charged), and the writer's prompt for a late chapter carries
// the earlier passage that shares its plan's names, inside the context budget.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { bookWithOutline } from "@/test/books";
import { chaptersTable, creditTransactionsTable, llmCallsTable, passagesTable } from "@/db/schema";
import { completeChapter, selectChapters } from "@/db/queries/chapters";
import { selectBible } from "@/db/queries/bible";
import { selectOwnedBook } from "@/db/queries/books";
import { selectBalance } from "@/db/queries/credits";
import { creditsForAttempt } from "@/lib/credits/prices";
import { createLlmService, loadLlmConfig, type LlmRequest, type LlmService } from "@/lib/llm";
import { runJob, type RunnerDeps } from "@/lib/jobs/runner";
import { startChapterJob } from "@/lib/jobs/start";
import { createUsageSink } from "@/lib/usage/sink";
import { buildChapterContext } from "./context";
import { indexPassages, recallPassages } from "./recall";

let t: TestDatabase;
let llm: LlmService;
/** Usage rows being written by the D1 sink (the service does not wait for them). */
const recording: Array<Promise<void>> = [];
beforeAll(async () => {
  t = await openTestDatabase();
  const sink = createUsageSink(t.db);
  llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }), { sink: { record: (e) => void recording.push(Promise.resolve(sink.record(e))) } });
});
afterAll(() => t?.dispose());

const VOCAB = "market grain weather river bread lantern cart wheel barley orchard rope sail kettle wool hearth meadow ledger apron candle basket anvil ferry cellar loom thatch mill pasture stable oven plough".split(" ");

/** ~1,000 words of everyday prose in 14 paragraphs, a different mix of words per chapter. */
function prose(chapter: number): string {
  return Array.from({ length: 14 }, (_, p) =>
    Array.from({ length: 6 }, (_, s) => {
      const w = (k: number) => VOCAB[(chapter * 7 + p * 5 + s * 3 + k * 11) % VOCAB.length];
      return `The ${w(0)} by the ${w(1)} was ${w(2)} and the ${w(3)} near the ${w(4)} kept its ${w(5)} and ${w(6)}.`;
    }).join(" "),
  ).join("\n\n");
}

const SECRET = "Idris Vell wrapped the silver compass in oilcloth and buried it beneath the chapel floor at Harrowgate, and he made Maren swear never to tell the harbour court where it lay.";

describe("recall of earlier passages on real D1", { timeout: 120_000 }, () => {
  it("a passage of chapter 3 that shares names with chapter 30's beats is recalled into chapter 30's prompt; the previous chapter's passages are not", async () => {
    const ada = await signUp(t.db, "Ada");
    const book = await bookWithOutline(t.db, llm, ada, 30);
    const chapters = await selectChapters(t.db, book.id);
    for (let i = 0; i < 29; i++) {
      const paragraphs = prose(i).split("\n\n");
      if (i === 2) paragraphs.splice(6, 0, SECRET);
      await completeChapter(t.db, chapters[i]!.id, { content: paragraphs.join("\n\n"), summary: `Chapter ${i + 1} happened.`, qualityChecks: {} });
    }
    await t.db.update(chaptersTable).set({ beats: ["Idris Vell comes back to Harrowgate", "The silver compass is dug up beneath the chapel", "Maren learns what Idris promised"] }).where(eq(chaptersTable.id, chapters[29]!.id));

    const job = await startChapterJob(t.db, ada, { bookId: book.id, chapterId: chapters[29]!.id, mode: "write" }, 32_000);
    // The job step embeds each written chapter (and backfills up to three earlier ones per step).
    const balanceBefore = await selectBalance(t.db, ada.id);
    for (let i = 0; i < 29; i++) await indexPassages({ db: t.db, llm }, job, chapters[i]!.id);
    const rows = await t.db.select().from(passagesTable).where(eq(passagesTable.bookId, book.id));
    expect(new Set(rows.map((r) => r.chapterId)).size).toBe(29);
    expect(rows.every((r) => r.model === "quire-demo-embedding" && r.dimensions === 256)).toBe(true);
    // ~1,000-word chapters cut into passages of 150-250 words.
    expect(rows.filter((r) => r.chapterId === chapters[0]!.id).length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r.wordCount >= 75 && r.wordCount <= 300)).toBe(true);

    // Charged through the money seam, from the same usage events the dashboard reads.
    await Promise.all(recording);
    const calls = await t.db.select().from(llmCallsTable).where(and(eq(llmCallsTable.bookId, book.id), eq(llmCallsTable.task, "embedding")));
    expect(calls.length).toBeGreaterThanOrEqual(29);
    const spent = balanceBefore - (await selectBalance(t.db, ada.id));
    expect(spent).toBe(calls.reduce((n, c) => n + creditsForAttempt({ task: "embedding", model: c.model, inputTokens: c.inputTokens, outputTokens: 0, outcome: c.outcome as "ok" | "error" | "cached", cached: c.cached }), 0));
    const ledger = await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.userId, ada.id));
    expect(ledger.some((r) => r.description.includes("recall index"))).toBe(true);

    // The writer's own prompt for chapter 30 (the real service, its requests looked at on the way).
    const prompts: string[] = [];
    const seen: LlmService = { ...llm, streamText: (req: LlmRequest) => (prompts.push(req.messages.map((m) => m.content).join("\n")), llm.streamText(req)) };
    const deps: RunnerDeps = { db: t.db, llm: seen, now: Date.now, checkpointMs: 25, contextWindow: 32_000, staleMs: 30_000, nextStep: async () => undefined };
    expect(await runJob(deps, job.id)).toBe("finished");
    const prompt = prompts[0]!;
    expect(prompt).toContain("Earlier passages to stay consistent with:");
    expect(prompt).toContain(`[Chapter 3] ${SECRET}`);
    expect(prompt).not.toContain("[Chapter 29]");
    expect(prompt).not.toContain("[Chapter 30]");
    expect((await selectChapters(t.db, book.id))[29]!.status).toBe("written");
    // Chapter 30's own passages were stored by the step after it.
    expect((await t.db.select().from(passagesTable).where(eq(passagesTable.chapterId, chapters[29]!.id))).length).toBeGreaterThan(0);
  });

  it("the context budget holds with recall: chapter 30's prompt within 1.2x of chapter 5's, and under a small model's window", async () => {
    const bo = await signUp(t.db, "Bo");
    const made = await bookWithOutline(t.db, llm, bo, 30);
    const chapters = await selectChapters(t.db, made.id);
    const job = await startChapterJob(t.db, bo, { bookId: made.id, chapterId: chapters[29]!.id, mode: "write" }, 32_000);
    for (let i = 0; i < 29; i++) await completeChapter(t.db, chapters[i]!.id, { content: prose(i), summary: `In chapter ${i + 1} Maren learned more about the letters. `.repeat(3), qualityChecks: {} });
    for (let i = 0; i < 29; i++) await indexPassages({ db: t.db, llm }, job, chapters[i]!.id);
    const book = (await selectOwnedBook(t.db, bo.id, made.id))!;
    const written = await selectChapters(t.db, made.id);
    const bible = await selectBible(t.db, made.id);
    const promptAt = async (index: number, contextWindow: number, outputTokens: number) => {
      const recall = await recallPassages({ db: t.db, llm, bookId: made.id, chapters: written, chapterIndex: index, bible, userId: bo.id });
      const ctx = buildChapterContext({ book, chapters: written, chapterIndex: index, bible, budget: { contextWindow, outputTokens }, recalled: recall.passages });
      return { ctx, recall };
    };
    const fifth = await promptAt(4, 32_000, 4_000);
    const thirtieth = await promptAt(29, 32_000, 4_000);
    expect(fifth.recall.passages.length).toBeGreaterThan(0);
    expect(thirtieth.ctx.parts.recalled).toMatch(/\[Chapter \d+\]/);
    expect(thirtieth.ctx.promptTokens).toBeLessThanOrEqual(fifth.ctx.promptTokens * 1.2);
    expect(thirtieth.ctx.promptTokens).toBeLessThanOrEqual(32_000 - 4_000);
    const small = await promptAt(29, 4_096, 2_000);
    expect(small.ctx.promptTokens).toBeLessThan(4_096 - 2_000);
  });
});
