import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { bookWithOutline as makeBook } from "@/test/books";
import { booksTable, chaptersTable, creditTransactionsTable, jobsTable } from "@/db/schema";
import { selectChapters } from "@/db/queries/chapters";
import { selectBalance } from "@/db/queries/credits";
import { claimJob, selectJob } from "@/db/queries/jobs";
import type { Caller } from "@/lib/books/library";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { runJob, type RunnerDeps } from "./runner";
import { cancelJob, startChapterJob, startWriteAll } from "./start";
import { subscribe } from "./live";

let t: TestDatabase;
let llm: LlmService;
let slowLlm: LlmService;

beforeAll(async () => {
  t = await openTestDatabase();
  llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
  slowLlm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "3" }));
});
afterAll(() => t?.dispose());

/** Steps handed on to "the queue", in order. */
const handedOn: string[] = [];
const deps = (over: Partial<RunnerDeps> = {}): RunnerDeps => ({
  db: t.db,
  llm,
  now: Date.now,
  checkpointMs: 25,
  contextWindow: 32_000,
  staleMs: 30_000,
  nextStep: async (jobId) => void handedOn.push(jobId),
  ...over,
});

/** Delivers a job's steps one after another, as the queue would, until one does not continue. */
async function runToEnd(d: RunnerDeps, jobId: string): Promise<string[]> {
  const outcomes: string[] = [];
  for (;;) {
    const outcome = await runJob(d, jobId);
    outcomes.push(outcome);
    if (outcome !== "continues") return outcomes;
  }
}

const bookWithOutline = (caller: Caller, chapters = 3) => makeBook(t.db, llm, caller, chapters);

const chargesOf = async (userId: string) =>
  (await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.userId, userId))).filter((r) => r.type !== "SIGNUP_GRANT");

describe("durable generation jobs on real D1", { timeout: 60_000 }, () => {
  it("writes every chapter of a book, with summaries and checks, and charges each chapter once", async () => {
    const ada = await signUp(t.db, "Ada");
    const book = await bookWithOutline(ada);
    const job = await startWriteAll(t.db, ada, book.id, 32_000);
    const tokens: string[] = [];
    const stop = subscribe(job.id, (e) => e.type === "token" && tokens.push(e.text));
    // One chapter per step: each step hands the next one on, the last finishes the job.
    expect(await runToEnd(deps(), job.id)).toEqual(["continues", "continues", "finished"]);
    expect(handedOn.filter((id) => id === job.id)).toHaveLength(2);
    stop();

    const chapters = await selectChapters(t.db, book.id);
    expect(chapters.map((c) => c.status)).toEqual(["written", "written", "written"]);
    for (const c of chapters) {
      expect(c.wordCount).toBeGreaterThan(200);
      expect(c.summary.length).toBeGreaterThan(10);
      expect(c.qualityChecks).toMatchObject({ targetWords: 300 });
    }
    expect(tokens.join("").length).toBeGreaterThan(1000);
    expect((await selectJob(t.db, job.id))?.status).toBe("succeeded");

    const reservations = (await chargesOf(ada.id)).filter((r) => r.idempotencyKey.startsWith(`reserve:job:${job.id}:chapter:`));
    expect(reservations).toHaveLength(3);
    // Each written chapter's passages were embedded for recall, under their own charge.
    expect((await chargesOf(ada.id)).filter((r) => r.idempotencyKey.startsWith(`reserve:job:${job.id}:passages:`))).toHaveLength(3);
    // Running the same job again (a redelivered message) neither writes nor charges anything.
    const before = await selectBalance(t.db, ada.id);
    expect(await runJob(deps(), job.id)).toBe("not-claimed");
    expect(await selectBalance(t.db, ada.id)).toBe(before);
  });

  it("a job is claimed by one runner only, and a stale one is picked up again", async () => {
    const bob = await signUp(t.db, "Bob");
    const book = await bookWithOutline(bob, 1);
    const job = await startWriteAll(t.db, bob, book.id, 32_000);
    const now = Date.now();
    const first = await claimJob(t.db, job.id, now, 30_000);
    expect(first?.attempt).toBe(1);
    expect(await claimJob(t.db, job.id, now + 1_000, 30_000)).toBeUndefined();
    const second = await claimJob(t.db, job.id, now + 31_000, 30_000);
    expect(second?.attempt).toBe(2);
  });

  it("after a crash, continues a half-written chapter from its saved text and charges it once", async () => {
    const cy = await signUp(t.db, "Cy");
    const book = await bookWithOutline(cy, 2);
    const job = await startWriteAll(t.db, cy, book.id, 32_000);
    const [ch1] = await selectChapters(t.db, book.id);

    // The first runner claims the job, reserves chapter 1 and saves part of it, then dies.
    const crashed = deps({ llm: slowLlm });
    const run = runJob(crashed, job.id);
    await waitFor(async () => ((await selectChapters(t.db, book.id))[0]!.content.length ?? 0) > 200);
    // Simulate the crash: the runner is gone and its heartbeat goes stale.
    await t.db.update(jobsTable).set({ attempt: 99, heartbeatAt: new Date(Date.now() - 60_000) }).where(eq(jobsTable.id, job.id));
    await run; // the old runner notices it lost the claim and stops
    const saved = (await selectChapters(t.db, book.id))[0]!.content;
    expect(saved.length).toBeGreaterThan(200);

    expect(await runToEnd(deps(), job.id)).toEqual(["continues", "finished"]);
    const chapters = await selectChapters(t.db, book.id);
    expect(chapters.map((c) => c.status)).toEqual(["written", "written"]);
    expect(chapters[0]!.content.startsWith(saved)).toBe(true);
    // Each run of chapter 1 was charged once and settled: no reservation is left holding credits.
    const ch1Rows = (await chargesOf(cy.id)).filter((r) => r.idempotencyKey.includes(`:chapter:${ch1!.id}:`));
    const reserves = ch1Rows.filter((r) => r.idempotencyKey.startsWith("reserve:"));
    expect(reserves.length).toBeGreaterThanOrEqual(1);
    for (const r of reserves) expect(ch1Rows.filter((s) => s.idempotencyKey === `settle:${r.idempotencyKey.slice(8)}`)).toHaveLength(1);
    expect(new Set(reserves.map((r) => r.idempotencyKey)).size).toBe(reserves.length);
  });

  it("the book's status follows its chapters: outlined, writing once a chapter is written and others remain, drafted when all are", async () => {
    const ivy = await signUp(t.db, "Ivy");
    const book = await bookWithOutline(ivy, 2);
    const statusOf = async () => (await t.db.select().from(booksTable).where(eq(booksTable.id, book.id)))[0]!.status;
    expect(await statusOf()).toBe("outlined");
    const job = await startWriteAll(t.db, ivy, book.id, 32_000);
    expect(await runJob(deps(), job.id)).toBe("continues");
    expect(await statusOf()).toBe("writing");
    expect(await runJob(deps(), job.id)).toBe("finished");
    expect(await statusOf()).toBe("drafted");
  });

  it("cancel stops the writer between tokens, keeps the text and refunds the unused credits", async () => {
    const dee = await signUp(t.db, "Dee");
    const book = await bookWithOutline(dee, 2);
    const balanceBefore = await selectBalance(t.db, dee.id);
    const job = await startWriteAll(t.db, dee, book.id, 32_000);
    const run = runJob(deps({ llm: slowLlm }), job.id);
    await waitFor(async () => ((await selectChapters(t.db, book.id))[0]!.content.length ?? 0) > 100);
    await cancelJob(t.db, dee, job.id);
    // Cancel answers once the runner has saved its chapter and let go: what a reload shows is final.
    const atCancel = (await selectChapters(t.db, book.id))[0]!;
    expect(atCancel.status).toBe("failed");
    expect(await run).toBe("stopped");

    const chapters = await selectChapters(t.db, book.id);
    expect(chapters[0]!.content).toBe(atCancel.content);
    expect(chapters[0]!.content.length).toBeGreaterThan(100);
    expect(chapters[1]!.status).toBe("planned");
    expect((await selectJob(t.db, job.id))?.status).toBe("cancelled");
    const spent = balanceBefore - (await selectBalance(t.db, dee.id));
    expect(spent).toBeGreaterThanOrEqual(0);
    expect(spent).toBeLessThanOrEqual(2);
  });

  it("a job cancelled between two steps is not picked up by the next delivery", async () => {
    const gil = await signUp(t.db, "Gil");
    const book = await bookWithOutline(gil, 2);
    const job = await startWriteAll(t.db, gil, book.id, 32_000);
    expect(await runJob(deps(), job.id)).toBe("continues");
    await cancelJob(t.db, gil, job.id);
    expect(await runJob(deps(), job.id)).toBe("not-claimed");
    expect((await selectChapters(t.db, book.id)).map((c) => c.status)).toEqual(["written", "planned"]);
    expect((await selectJob(t.db, job.id))?.status).toBe("cancelled");
  });

  it("refuses another user's book and a second run on a busy book", async () => {
    const eve = await signUp(t.db, "Eve");
    const mal = await signUp(t.db, "Mal");
    const book = await bookWithOutline(eve, 1);
    await expect(startWriteAll(t.db, mal, book.id, 32_000)).rejects.toMatchObject({ code: "not_found:book" });
    await startWriteAll(t.db, eve, book.id, 32_000);
    await expect(startWriteAll(t.db, eve, book.id, 32_000)).rejects.toMatchObject({ code: "conflict:job" });
    const [chapter] = await selectChapters(t.db, book.id);
    await expect(startChapterJob(t.db, eve, { bookId: book.id, chapterId: chapter!.id, mode: "write" }, 32_000)).rejects.toMatchObject({ code: "conflict:job" });
  });

  it("starts nothing when credits are short, and says how many are needed", async () => {
    const fay = await signUp(t.db, "Fay");
    const book = await bookWithOutline(fay, 3);
    await t.db.insert(creditTransactionsTable).values({ id: "ctx_drain" + fay.id.slice(0, 8).toLowerCase(), userId: fay.id, amount: -495, type: "AI_USAGE", idempotencyKey: `drain:${fay.id}`, description: "test" });
    const err = await startWriteAll(t.db, fay, book.id, 32_000).catch((e) => e);
    expect(err.code).toBe("insufficient_credits:chapter");
    expect(err.details.needed).toBeGreaterThan(err.details.balance);
    expect(await t.db.select().from(jobsTable).where(eq(jobsTable.bookId, book.id))).toHaveLength(0);
    expect((await t.db.select().from(chaptersTable).where(eq(chaptersTable.bookId, book.id))).every((c) => c.status === "planned")).toBe(true);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("condition not met in time");
}

describe("outlines of long books", { timeout: 60_000 }, () => {
  it("saves a 60-chapter outline (more rows than D1 binds in one statement)", async () => {
    const gus = await signUp(t.db, "Gus");
    const book = await bookWithOutline(gus, 60);
    const chapters = await selectChapters(t.db, book.id);
    expect(chapters).toHaveLength(60);
    expect(chapters.map((c) => c.position)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });
});
