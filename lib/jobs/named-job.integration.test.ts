import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { bookWithOutline as makeBook } from "@/test/books";
import { chaptersTable, jobsTable } from "@/db/schema";
import { selectChapters } from "@/db/queries/chapters";
import type { Caller } from "@/lib/books/library";
import { createLlmService, loadLlmConfig } from "@/lib/llm";
import { awaitOwnedJob } from "./await-job";
import { newJobId, newJobIdSchema } from "./job-id";
import { startChapterJob, startWriteAll } from "./start";

// The page names a job before starting it (so it can open the job's stream at the same moment).
// These tests hold the promises that makes: a repeated start is the same job, nobody can take
// someone else's id, and a stream opened first sees the job as soon as it exists.
let t: TestDatabase;
const llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

const bookWithOutline = (caller: Caller, chapters = 2) => makeBook(t.db, llm, caller, chapters);

describe("jobs named by the page", { timeout: 60_000 }, () => {
  it("accepts only ids shaped like the ones the page makes", () => {
    expect(newJobIdSchema.safeParse(newJobId()).success).toBe(true);
    expect(newJobIdSchema.safeParse("job_abc").success).toBe(false);
    expect(newJobIdSchema.safeParse("job_" + "A".repeat(24)).success).toBe(false);
    expect(newJobIdSchema.safeParse("bk_" + "a".repeat(24)).success).toBe(false);
  });

  it("starting twice with the same id makes one job", async () => {
    const ada = await signUp(t.db, "Ada");
    const book = await bookWithOutline(ada);
    const jobId = newJobId();
    const first = await startWriteAll(t.db, ada, book.id, 32_000, jobId);
    const again = await startWriteAll(t.db, ada, book.id, 32_000, jobId);
    expect(first.id).toBe(jobId);
    expect(again.id).toBe(jobId);
    expect(await t.db.select().from(jobsTable).where(eq(jobsTable.bookId, book.id))).toHaveLength(1);
    // A different id on the same busy book is still refused.
    await expect(startWriteAll(t.db, ada, book.id, 32_000, newJobId())).rejects.toMatchObject({ code: "conflict:job" });
  });

  it("a repeated regenerate keeps one version and does not wipe the text again", async () => {
    const bea = await signUp(t.db, "Bea");
    const book = await bookWithOutline(bea, 1);
    const [chapter] = await selectChapters(t.db, book.id);
    await t.db.update(chaptersTable).set({ content: "The first draft.", status: "written" }).where(eq(chaptersTable.id, chapter!.id));
    const jobId = newJobId();
    await startChapterJob(t.db, bea, { bookId: book.id, chapterId: chapter!.id, mode: "regenerate", jobId }, 32_000);
    // The writer has begun the new text when the repeated request arrives.
    await t.db.update(chaptersTable).set({ content: "The new text so far", status: "writing" }).where(eq(chaptersTable.id, chapter!.id));
    const again = await startChapterJob(t.db, bea, { bookId: book.id, chapterId: chapter!.id, mode: "regenerate", jobId }, 32_000);
    expect(again.id).toBe(jobId);
    const [after] = await selectChapters(t.db, book.id);
    expect(after!.content).toBe("The new text so far");
    expect(await t.db.select().from(jobsTable).where(eq(jobsTable.bookId, book.id))).toHaveLength(1);
  });

  it("refuses an id that already names another person's job, and does not reveal it", async () => {
    const cal = await signUp(t.db, "Cal");
    const mal = await signUp(t.db, "Mal");
    const calBook = await bookWithOutline(cal, 1);
    const malBook = await bookWithOutline(mal, 1);
    const jobId = newJobId();
    await startWriteAll(t.db, cal, calBook.id, 32_000, jobId);
    const err = await startWriteAll(t.db, mal, malBook.id, 32_000, jobId).catch((e) => e);
    expect(err.code).toBe("conflict:job");
    expect(await t.db.select().from(jobsTable).where(eq(jobsTable.bookId, malBook.id))).toHaveLength(0);
    // Mal's stream on Cal's job id finds nothing, after the same wait as a job that never comes.
    expect(await awaitOwnedJob(t.db, mal.id, jobId, { waitMs: 300 })).toBeUndefined();
    expect((await awaitOwnedJob(t.db, cal.id, jobId, { waitMs: 0 }))?.id).toBe(jobId);
  });

  it("a stream opened before the start sees the job as soon as it is created", async () => {
    const dot = await signUp(t.db, "Dot");
    const book = await bookWithOutline(dot, 1);
    const jobId = newJobId();
    const opened = Date.now();
    const waiting = awaitOwnedJob(t.db, dot.id, jobId, { waitMs: 10_000 });
    await new Promise((r) => setTimeout(r, 200));
    await startWriteAll(t.db, dot, book.id, 32_000, jobId);
    const job = await waiting;
    expect(job?.id).toBe(jobId);
    expect(job?.status).toBe("queued");
    // Woken by the start, not by the ten-second limit.
    expect(Date.now() - opened).toBeLessThan(5_000);
  });

  it("gives up on a job that never comes, and stops waiting when the page leaves", async () => {
    const eve = await signUp(t.db, "Eve");
    expect(await awaitOwnedJob(t.db, eve.id, newJobId(), { waitMs: 400 })).toBeUndefined();
    const leave = new AbortController();
    const started = Date.now();
    const waiting = awaitOwnedJob(t.db, eve.id, newJobId(), { waitMs: 10_000, signal: leave.signal });
    setTimeout(() => leave.abort(), 100);
    expect(await waiting).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
