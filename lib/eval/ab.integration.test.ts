import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { chaptersTable, llmCallsTable, newId, suggestionEventsTable } from "@/db/schema";
import { insertBook } from "@/db/queries/books";
import { createLlmService, type UsageEvent } from "@/lib/llm";
import { upstreamConfig } from "@/lib/llm/testing/harness";
import { startUpstream } from "@/test/helpers/upstream/server";
import { createUsageSink } from "@/lib/usage/sink";
import { abComparison } from "./ab";

let t: TestDatabase;
let custom: { bookId: string };
let router: { bookId: string };
let userId: string;

const at = (iso: string) => new Date(iso);
const WINDOW = { from: Date.parse("2026-03-01T00:00:00Z"), to: Date.parse("2026-04-01T00:00:00Z") };

type Call = Partial<typeof llmCallsTable.$inferInsert> & { arm: string | null; when: string };
function call(c: Call) {
  const { when, ...rest } = c;
  return t.db.insert(llmCallsTable).values({
    id: newId("llm"),
    task: "suggestion",
    provider: "openai-compatible",
    model: "m",
    targetId: c.arm ?? "custom",
    attempt: 1,
    outcome: "ok",
    createdAt: at(when),
    ...rest,
  });
}

function suggestion(arm: string, action: string, when = "2026-03-10T10:00:00Z") {
  return t.db.insert(suggestionEventsTable).values({ id: newId("se"), userId, bookId: null, chapterId: null, model: "m", arm, action, instruction: "i", original: "a", suggestion: "b", createdAt: at(when) });
}

function chapter(bookId: string, position: number, checks: unknown, when: string) {
  return t.db.insert(chaptersTable).values({ id: newId("ch"), bookId, position, title: `Chapter ${position + 1}`, content: "text", status: "written", qualityChecks: checks, createdAt: at(when), updatedAt: at(when) });
}

beforeAll(async () => {
  t = await openTestDatabase();
  const ada = await signUp(t.db, "Ada");
  userId = ada.id;
  const book = { premise: "p", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 2, wordsPerChapter: 1000 };
  custom = { bookId: (await insertBook(t.db, ada.id, { ...book, title: "Arm A" })).id };
  router = { bookId: (await insertBook(t.db, ada.id, { ...book, title: "Arm B" })).id };

  // Arm "custom": a clean chapter call; a suggestion retried once; one that fell back; one cache hit.
  await call({ arm: "custom", task: "chapter", bookId: custom.bookId, latencyMs: 100, ttftMs: 10, costMicroUsd: 50, when: "2026-03-05T10:00:00Z" });
  await call({ arm: "custom", outcome: "error", errorCode: "unavailable", latencyMs: 30, when: "2026-03-05T11:00:00Z" });
  await call({ arm: "custom", attempt: 2, latencyMs: 200, ttftMs: 20, costMicroUsd: 70, when: "2026-03-05T11:00:01Z" });
  await call({ arm: "custom", outcome: "error", errorCode: "timeout", latencyMs: 40, when: "2026-03-05T12:00:00Z" });
  await call({ arm: "custom", attempt: 2, targetId: "openrouter", fallbackFrom: "custom", latencyMs: 300, ttftMs: 30, costMicroUsd: 90, when: "2026-03-05T12:00:01Z" });
  await call({ arm: "custom", attempt: 0, cached: true, outcome: "cached", latencyMs: 1, when: "2026-03-05T13:00:00Z" });
  // Arm "openrouter": a chapter call, and a suggestion that failed twice and gave up.
  await call({ arm: "openrouter", task: "chapter", bookId: router.bookId, latencyMs: 500, ttftMs: 50, costMicroUsd: 400, when: "2026-03-06T10:00:00Z" });
  await call({ arm: "openrouter", outcome: "error", errorCode: "unavailable", latencyMs: 60, when: "2026-03-06T11:00:00Z" });
  await call({ arm: "openrouter", attempt: 2, outcome: "error", errorCode: "unavailable", latencyMs: 60, when: "2026-03-06T11:00:01Z" });
  // Outside the window, or not part of a split: never counted.
  await call({ arm: "custom", latencyMs: 9_999, costMicroUsd: 9_999, when: "2026-02-15T10:00:00Z" });
  await call({ arm: null, latencyMs: 9_999, costMicroUsd: 9_999, when: "2026-03-05T10:00:00Z" });

  for (const action of ["accept", "accept", "accept", "reject", "edit"]) await suggestion("custom", action);
  for (const action of ["accept", "reject", "offered"]) await suggestion("openrouter", action);
  await suggestion("openrouter", "accept", "2026-04-02T10:00:00Z");

  await chapter(custom.bookId, 0, { lengthOk: true, lengthRatio: 1.0, repeatedPhrases: [], unknownNames: ["Zed"] }, "2026-03-05T10:05:00Z");
  await chapter(custom.bookId, 1, { lengthOk: false, lengthRatio: 0.5, repeatedPhrases: [], unknownNames: [] }, "2026-03-05T10:10:00Z");
  await chapter(router.bookId, 0, { lengthOk: true, lengthRatio: 1.1, repeatedPhrases: [{ phrase: "the sea again", count: 3 }], unknownNames: [] }, "2026-03-06T10:05:00Z");
});
afterAll(() => t?.dispose());

describe("A/B comparison per arm on real D1", () => {
  it("reports cost, latency, error and fallback rates of each arm's calls, with sample sizes", async () => {
    const report = await abComparison(t.db, WINDOW);
    expect(report.arms.map((a) => a.arm)).toEqual(["custom", "openrouter"]);
    const [a, b] = report.arms;
    expect(a!.calls).toEqual({
      requests: 4,
      attempts: 6,
      answered: 4,
      errorRate: 2 / 6,
      failedRequestRate: 0,
      fallbackRate: 1 / 4,
      cachedRate: 1 / 4,
      costMicroUsd: 210,
      costPerRequestMicroUsd: 52.5,
      latencyP50Ms: 200,
      latencyP95Ms: 300,
      ttftP50Ms: 20,
    });
    expect(b!.calls).toMatchObject({ requests: 2, attempts: 3, answered: 1, errorRate: 2 / 3, failedRequestRate: 0.5, fallbackRate: 0, costMicroUsd: 400, latencyP50Ms: 500 });
  });

  it("reports suggestion acceptance per arm over accepts and rejects", async () => {
    const [a, b] = (await abComparison(t.db, WINDOW)).arms;
    expect(a!.suggestions).toEqual({ sample: 4, accepted: 3, rejected: 1, edited: 1, acceptanceRate: 0.75 });
    expect(b!.suggestions).toEqual({ sample: 2, accepted: 1, rejected: 1, edited: 0, acceptanceRate: 0.5 });
  });

  it("scores the chapters each arm wrote with their quality checks", async () => {
    const [a, b] = (await abComparison(t.db, WINDOW)).arms;
    expect(a!.chapters).toEqual({ sample: 2, lengthOkRate: 0.5, repetitionFreeRate: 1, qualityPassRate: 0.5, meanLengthRatio: 0.75, meanUnknownNames: 0.5 });
    expect(b!.chapters).toEqual({ sample: 1, lengthOkRate: 1, repetitionFreeRate: 0, qualityPassRate: 0, meanLengthRatio: 1.1, meanUnknownNames: 0 });
  });

  it("narrows the call figures to one task", async () => {
    const report = await abComparison(t.db, { ...WINDOW, task: "chapter" });
    expect(report.arms.map((a) => [a.arm, a.calls.requests, a.calls.costMicroUsd])).toEqual([
      ["custom", 1, 50],
      ["openrouter", 1, 400],
    ]);
  });

  it("refuses an empty window", async () => {
    await expect(abComparison(t.db, { from: WINDOW.to, to: WINDOW.from })).rejects.toThrow(RangeError);
  });
});

describe("A/B arms recorded by the LLM service itself", () => {
  it("counts every request of an ab route under the arm it was assigned, sticky per book", async () => {
    const up = await startUpstream();
    try {
      // The app's own usage sink writes the llm_calls rows; the test waits for every write.
      const appSink = createUsageSink(t.db);
      const rows: Array<Promise<unknown>> = [];
      const sink = { record: (e: UsageEvent) => void rows.push(Promise.resolve(appSink.record(e))) };
      const config = upstreamConfig(up.url, { LLM_ROUTES: JSON.stringify({ summary: { strategy: "ab", stickyBy: "book", targets: [{ id: "custom", weight: 1 }, { id: "openrouter", weight: 1 }] } }) });
      const llm = createLlmService(config, { sink, priceRefresher: null });
      const from = Date.now();
      const arms = new Map<string, string | undefined>();
      for (let book = 0; book < 8; book++) {
        for (let i = 0; i < 2; i++) {
          const r = await llm.generateText({ task: "summary", messages: [{ role: "user", content: `book ${book} call ${i}` }], bookId: `bk_ab_${book}`, cache: false });
          if (i === 1) expect(r.arm).toBe(arms.get(String(book)));
          arms.set(String(book), r.arm);
        }
      }
      await Promise.all(rows);
      const report = await abComparison(t.db, { from, to: Date.now() + 1, task: "summary" });
      const expected = new Map<string, number>();
      for (const arm of arms.values()) expected.set(arm!, (expected.get(arm!) ?? 0) + 2);
      expect(new Map(report.arms.map((a) => [a.arm, a.calls.requests]))).toEqual(expected);
      expect(report.arms.every((a) => a.calls.errorRate === 0 && a.calls.answered === a.calls.requests)).toBe(true);
    } finally {
      await up.close();
    }
  });
});
