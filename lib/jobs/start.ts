import type { Db } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { chaptersTable } from "@/db/schema";
import { selectChapters, versionStatement } from "@/db/queries/chapters";
import { selectBible } from "@/db/queries/bible";
import { cancelOwnedJob, insertJobIfIdle, type Job } from "@/db/queries/jobs";
import { selectBalance } from "@/db/queries/credits";
import { buildChapterContext } from "@/lib/books/context";
import { outputTokensFor } from "@/lib/books/length";
import { estimateChapters, type BookEstimate } from "@/lib/books/estimate";
import { chapterReservation } from "@/lib/credits/estimates";
import { openBook, type Caller } from "@/lib/books/library";
import { AppError } from "@/lib/errors";
import { approximateTokens } from "@/lib/llm";
import { publish } from "./live";

/** How many generation jobs one person may run at once (several books side by side). */
export const MAX_ACTIVE_JOBS_PER_USER = 3;

export type { BookEstimate };

/** Tokens and credits for writing the book's unwritten chapters (see lib/books/estimate.ts). */
export async function estimateBook(db: Db, caller: Caller, bookId: string, contextWindow: number, onlyUnwritten = true): Promise<BookEstimate> {
  const book = await openBook(db, caller, bookId);
  const [chapters, bible] = await Promise.all([selectChapters(db, bookId), selectBible(db, bookId)]);
  return estimateChapters(book, chapters, bible, contextWindow, onlyUnwritten);
}

function assertCredits(balance: number, needed: number, surface: "chapter"): void {
  if (balance < needed) throw new AppError(`insufficient_credits:${surface}`, { details: { needed, balance } });
}

function jobOrBusy(result: Awaited<ReturnType<typeof insertJobIfIdle>>): { job: Job; created: boolean } {
  if (result === "book_busy") throw new AppError("conflict:job", { details: { reason: "book_busy" } });
  if (result === "id_taken") throw new AppError("conflict:job", { details: { reason: "job_id_taken" } });
  if (result === "user_busy") throw new AppError("rate_limit:job", { details: { reason: "too_many_jobs", limit: MAX_ACTIVE_JOBS_PER_USER } });
  // A page may already follow the job's stream, waiting for it to exist (see the events route).
  if (result.created) publish(result.job.id, { type: "job", status: "queued", progressDone: 0, progressTotal: result.job.progressTotal });
  return result;
}

export async function startChapterJob(
  db: Db,
  caller: Caller,
  input: { bookId: string; chapterId: string; mode: "write" | "regenerate" | "continue"; jobId?: string },
  contextWindow: number,
): Promise<Job> {
  // Read together (one round trip's wait, not four): clicking Write shows the first words sooner.
  // Nothing read is used or returned unless the caller owns the book.
  const [book, chapters, bible, balance] = await Promise.all([
    openBook(db, caller, input.bookId),
    selectChapters(db, input.bookId),
    selectBible(db, input.bookId),
    selectBalance(db, caller.id),
  ]);
  const chapter = chapters.find((c) => c.id === input.chapterId);
  if (!chapter) throw new AppError("not_found:chapter");
  // Only this chapter's prompt is built for the check: starting one chapter stays fast in long books.
  const index = chapters.indexOf(chapter);
  const ctx = buildChapterContext({ book, chapters, chapterIndex: index, bible, budget: { contextWindow, outputTokens: outputTokensFor(book.wordsPerChapter) } });
  // The same worst case the writer will reserve, so a job that starts can pay for its chapter.
  assertCredits(balance, chapterReservation(ctx.promptTokens, outputTokensFor(book.wordsPerChapter), approximateTokens(input.mode === "regenerate" ? "" : chapter.content)), "chapter");
  const { job, created } = jobOrBusy(
    await insertJobIfIdle(db, {
      id: input.jobId,
      userId: caller.id,
      kind: "chapter",
      bookId: book.id,
      chapterId: chapter.id,
      progressTotal: 1,
      input: { mode: input.mode === "continue" ? "continue" : "write" },
      maxActive: MAX_ACTIVE_JOBS_PER_USER,
    }),
  );
  if (created && input.mode === "regenerate" && chapter.content.trim()) {
    // The current text is kept as a version that can be restored, then the chapter starts afresh.
    await db.batch([
      versionStatement(db, chapter, "regenerate"),
      db
        .update(chaptersTable)
        .set({ content: "", wordCount: 0, summary: "", status: "planned", version: chapter.version + 1, updatedAt: new Date() })
        .where(eq(chaptersTable.id, chapter.id)),
    ]);
  }
  return job;
}

export async function startWriteAll(db: Db, caller: Caller, bookId: string, contextWindow: number, jobId?: string): Promise<Job> {
  const book = await openBook(db, caller, bookId);
  const chapters = await selectChapters(db, book.id);
  if (chapters.length === 0) throw new AppError("bad_request:outline", { details: { reason: "no_outline" } });
  const unwritten = chapters.filter((c) => c.status !== "written");
  if (unwritten.length === 0) throw new AppError("bad_request:job", { details: { reason: "nothing_to_write" } });
  const [estimate, balance] = await Promise.all([estimateBook(db, caller, book.id, contextWindow), selectBalance(db, caller.id)]);
  assertCredits(balance, estimate.credits, "chapter");
  const { job } = jobOrBusy(
    await insertJobIfIdle(db, {
      id: jobId,
      userId: caller.id,
      kind: "write-all",
      bookId: book.id,
      progressTotal: chapters.length,
      maxActive: MAX_ACTIVE_JOBS_PER_USER,
    }),
  );
  return job;
}

/** A runner beats at every checkpoint (each second); one silent longer than this is not waited for. */
const LIVE_RUNNER_MS = 10_000;
/** How long Cancel waits for a live runner to save the chapter it was writing and let go of it. */
const RUNNER_STOP_WAIT_MS = 5_000;

/**
 * Cancels the caller's job. A runner in the middle of a chapter notices at its next checkpoint and
 * saves the text so far; Cancel answers once it has, so a page that reloads on "cancelled" shows
 * what was written instead of the last checkpoint before it.
 */
export async function cancelJob(db: Db, caller: Caller, jobId: string): Promise<Job> {
  const job = await cancelOwnedJob(db, caller.id, jobId);
  if (!job) throw new AppError("not_found:job");
  if (job.bookId && job.heartbeatAt && Date.now() - job.heartbeatAt.getTime() < LIVE_RUNNER_MS) {
    await untilNoChapterWriting(db, job.bookId, RUNNER_STOP_WAIT_MS);
  }
  publish(job.id, { type: "job", status: "cancelled", progressDone: job.progressDone, progressTotal: job.progressTotal });
  return job;
}

async function untilNoChapterWriting(db: Db, bookId: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const writing = await db
      .select({ id: chaptersTable.id })
      .from(chaptersTable)
      .where(and(eq(chaptersTable.bookId, bookId), eq(chaptersTable.status, "writing")))
      .limit(1);
    if (writing.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
