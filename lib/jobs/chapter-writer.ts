import type { Db } from "@/db/client";
import { bookStatusStatement, selectOwnedBook } from "@/db/queries/books";
import { selectBible } from "@/db/queries/bible";
import { checkpointChapter, completeChapter, selectChapters, setChapterStatus, type Chapter } from "@/db/queries/chapters";
import { beatJob, type Job } from "@/db/queries/jobs";
import { buildChapterContext } from "@/lib/books/context";
import { creditsForUsage, estimateChapterCredits, outputTokensFor } from "@/lib/books/charges";
import { summaryMessages } from "@/lib/books/prompts";
import { checkChapter } from "@/lib/books/quality";
import { refundCredits, reserveCredits, settleCredits } from "@/lib/credits/ledger";
import type { LlmService } from "@/lib/llm";
import { publish } from "./live";

export type WriterDeps = {
  db: Db;
  llm: LlmService;
  now: () => number;
  /** How often the text so far is saved while streaming (the most a crash can lose). */
  checkpointMs: number;
  /** The context window of the model the chapter route will use first. */
  contextWindow: number;
};

/** Raised when the job was cancelled or taken over by another runner: stop quietly, keep the text. */
export class JobStopped extends Error {
  constructor() {
    super("job stopped");
  }
}

/**
 * Writes one chapter for a job: reserve credits, stream the text with checkpoints and heartbeats,
 * then summary, quality checks, and settle. A chapter left half-written by a dead runner (status
 * `writing` with text) is continued from its saved text, and its reservation is reused, never
 * charged again.
 */
export async function writeChapter(deps: WriterDeps, job: Job, chapterId: string, mode: "write" | "continue"): Promise<void> {
  const { db, llm } = deps;
  const book = await selectOwnedBook(db, job.userId, job.bookId!);
  if (!book) throw new Error(`book ${job.bookId} of job ${job.id} is gone`);
  const [chapters, bible] = await Promise.all([selectChapters(db, book.id), selectBible(db, book.id)]);
  const index = chapters.findIndex((c) => c.id === chapterId);
  const chapter = chapters[index];
  if (!chapter) throw new Error(`chapter ${chapterId} is not in book ${book.id}`);

  const resumeFrom = mode === "continue" || chapter.status === "writing" || chapter.status === "failed" ? chapter.content : "";
  // The window the model reports when its server says (never more than the caller's figure); the
  // answer gets at most half of it, so prompt and answer fit together.
  const contextWindow = Math.min(deps.contextWindow, await llm.contextWindow("chapter"));
  const outputTokens = Math.min(outputTokensFor(book.wordsPerChapter), Math.floor(contextWindow / 2));
  const context = buildChapterContext({
    book,
    chapters,
    chapterIndex: index,
    bible,
    budget: { contextWindow, outputTokens },
  });
  const reservation = await reserveCredits(db, {
    userId: job.userId,
    amount: estimateChapterCredits(context.promptTokens, book.wordsPerChapter),
    key: `job:${job.id}:chapter:${chapter.id}:${mode}`,
    jobId: job.id,
    description: `Chapter ${index + 1}: ${chapter.title}`,
    surface: "chapter",
  });

  let text = resumeFrom;
  try {
    text = await streamChapter(deps, job, chapter, context.messages, resumeFrom, outputTokens);
    const summary = await llm.generateText({
      task: "summary",
      messages: summaryMessages(chapter.title, text),
      maxTokens: 300,
      user: { id: job.userId },
      bookId: book.id,
      jobId: job.id,
    });
    const knownNames = bible.flatMap((e) => [e.name, ...e.aliases]);
    await completeChapter(db, chapter.id, {
      content: text,
      summary: summary.text.trim(),
      qualityChecks: checkChapter(text, book.wordsPerChapter, knownNames),
    });
    await bookStatusStatement(db, book.id);
    const used = creditsForUsage({
      inputTokens: context.promptTokens + summary.usage.inputTokens,
      outputTokens: Math.ceil((text.length - resumeFrom.length) / 4) + summary.usage.outputTokens,
    });
    await settleCredits(db, { userId: job.userId, reservation, actual: Math.min(used, reservation.amount), jobId: job.id, description: `Chapter ${index + 1}: ${chapter.title}` });
    publish(job.id, { type: "chapter", chapterId: chapter.id, status: "written", wordCount: text.split(/\s+/).filter(Boolean).length });
  } catch (err) {
    if (!(err instanceof JobStopped)) {
      await setChapterStatus(db, chapter.id, text.trim() ? "failed" : "planned");
      publish(job.id, { type: "chapter", chapterId: chapter.id, status: "failed", wordCount: 0 });
    } else {
      // Cancelled: the text so far stays, and the chapter can be continued later.
      await setChapterStatus(db, chapter.id, text.trim() ? "failed" : "planned");
    }
    await bookStatusStatement(db, book.id);
    const usedSoFar = Math.ceil((text.length - resumeFrom.length) / 4000);
    await refundCredits(db, { userId: job.userId, reservation, used: usedSoFar, jobId: job.id, description: `Unused credits: ${chapter.title}` });
    throw err;
  }
}

async function streamChapter(
  deps: WriterDeps,
  job: Job,
  chapter: Chapter,
  messages: Parameters<LlmService["streamText"]>[0]["messages"],
  resumeFrom: string,
  maxTokens: number,
): Promise<string> {
  const { db, llm, now } = deps;
  const abort = new AbortController();
  await checkpointChapter(db, chapter.id, resumeFrom);
  publish(job.id, { type: "chapter", chapterId: chapter.id, status: "writing", wordCount: 0, text: resumeFrom });
  // The book becomes "writing" beside the stream, not before it: the first words wait for nothing more.
  const bookMarked = bookStatusStatement(db, job.bookId!).catch((err: unknown) => console.error(`[quire] book status of ${job.bookId} not updated`, err));

  const stream = llm.streamText({
    task: "chapter",
    messages,
    maxTokens,
    continueFrom: resumeFrom || undefined,
    cache: false,
    user: { id: job.userId },
    bookId: job.bookId ?? undefined,
    jobId: job.id,
    signal: abort.signal,
  });

  let text = resumeFrom;
  // A resumed text gets a paragraph break before the continuation.
  let pendingSeparator = resumeFrom.trim() ? "\n\n" : "";
  let lastCheckpoint = now();
  let stopped = false;
  try {
    for await (const piece of stream.textStream) {
      const addition = pendingSeparator && piece.trim() ? pendingSeparator + piece.trimStart() : piece;
      if (piece.trim()) pendingSeparator = "";
      text += addition;
      publish(job.id, { type: "token", chapterId: chapter.id, text: addition });
      if (now() - lastCheckpoint >= deps.checkpointMs) {
        lastCheckpoint = now();
        await checkpointChapter(db, chapter.id, text);
        if (!(await beatJob(db, job, now()))) {
          stopped = true;
          abort.abort();
          break;
        }
      }
    }
    await stream.result;
    await bookMarked;
  } catch (err) {
    await bookMarked;
    await checkpointChapter(db, chapter.id, text);
    if (stopped) throw new JobStopped();
    throw err;
  }
  if (stopped) {
    await bookMarked;
    await checkpointChapter(db, chapter.id, text);
    // The result promise rejects once aborted; nothing waits for it.
    stream.result.catch(() => undefined);
    throw new JobStopped();
  }
  return text;
}
