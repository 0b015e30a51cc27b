import type { Db } from "@/db/client";
import { bookStatusStatement, selectOwnedBook } from "@/db/queries/books";
import { selectBible } from "@/db/queries/bible";
import { checkpointChapter, completeChapter, selectChapters, setChapterStatus, type Chapter } from "@/db/queries/chapters";
import { beatJob, type Job } from "@/db/queries/jobs";
import { buildChapterContext } from "@/lib/books/context";
import { outputTokensFor } from "@/lib/books/length";
import { summaryMessages } from "@/lib/books/prompts";
import { checkChapter } from "@/lib/books/quality";
import { indexPassagesQuietly, recallCredits, recallPassages } from "@/lib/books/recall";
import { proposeForChapter } from "@/lib/books/bible-proposals";
import { bibleConflictsOf } from "@/lib/books/bible-updates";
import { charged, type Meter } from "@/lib/credits/charge";
import { chapterReservation, SUMMARY_MAX_TOKENS } from "@/lib/credits/estimates";
import { approximateTokens, type LlmService } from "@/lib/llm";
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
 * Writes one chapter for a job under one charge: stream the text with checkpoints and heartbeats,
 * then summary, story-bible proposals and quality checks; the charge settles to what the calls used. A chapter left
 * half-written by a dead runner (status `writing` with text) is continued from its saved text; each
 * run pays for what it used, and a dead runner's open reservation is given back.
 */
export async function writeChapter(deps: WriterDeps, job: Job, chapterId: string, mode: "write" | "continue"): Promise<void> {
  const { db, llm } = deps;
  // One round trip's wait for all three: the first words wait for nothing they don't need.
  const [book, chapters, bible] = await Promise.all([selectOwnedBook(db, job.userId, job.bookId!), selectChapters(db, job.bookId!), selectBible(db, job.bookId!)]);
  if (!book) throw new Error(`book ${job.bookId} of job ${job.id} is gone`);
  const index = chapters.findIndex((c) => c.id === chapterId);
  const chapter = chapters[index];
  if (!chapter) throw new Error(`chapter ${chapterId} is not in book ${book.id}`);

  const resumeFrom = mode === "continue" || chapter.status === "writing" || chapter.status === "failed" ? chapter.content : "";
  // The window the model reports when its server says (never more than the caller's figure); the
  // answer gets at most half of it, so prompt and answer fit together.
  const contextWindow = Math.min(deps.contextWindow, await llm.contextWindow("chapter"));
  const outputTokens = Math.min(outputTokensFor(book.wordsPerChapter), Math.floor(contextWindow / 2));
  // Passages of older chapters related to this one; the query's cost joins the chapter's charge.
  const recall = await recallPassages({ db, llm, bookId: book.id, chapters, chapterIndex: index, bible, userId: job.userId, jobId: job.id });
  const context = buildChapterContext({
    book,
    chapters,
    chapterIndex: index,
    bible,
    budget: { contextWindow, outputTokens },
    recalled: recall.passages,
  });
  const description = `Chapter ${index + 1}: ${chapter.title}`;
  // One charge for the chapter and its summary, settled to the provider-reported usage of both calls.
  // Each claim of the job is its own charge (a runner that lost its claim settles what it used); a
  // runner that died before settling left its reservation open, and the next one gives it back.
  const step = `job:${job.id}:chapter:${chapter.id}:${mode}:`;
  await charged(
    db,
    {
      userId: job.userId,
      key: `${step}${job.attempt}`,
      supersedes: step,
      jobId: job.id,
      surface: "chapter",
      description,
      estimate: chapterReservation(context.promptTokens, outputTokens, approximateTokens(resumeFrom)) + recallCredits(recall),
    },
    async (meter) => {
      recall.usage.forEach(meter.onUsage);
      let text = resumeFrom;
      try {
        text = await streamChapter(deps, job, chapter, context.messages, resumeFrom, outputTokens, meter, (sofar) => (text = sofar));
        const summary = await llm.generateText({
          task: "summary",
          messages: summaryMessages(chapter.title, text),
          maxTokens: SUMMARY_MAX_TOKENS,
          user: { id: job.userId },
          bookId: book.id,
          jobId: job.id,
          onUsage: meter.onUsage,
        });
        // The summary step also proposes story-bible updates (inside this charge); the author decides on them.
        const proposals = await proposeForChapter(db, llm, { bookId: book.id, chapter, text, bible }, { user: { id: job.userId }, bookId: book.id, jobId: job.id, onUsage: meter.onUsage });
        const knownNames = bible.flatMap((e) => [e.name, ...e.aliases]);
        await completeChapter(db, chapter.id, {
          content: text,
          summary: summary.text.trim(),
          qualityChecks: checkChapter(text, book.wordsPerChapter, knownNames, bibleConflictsOf(proposals)),
        });
        await bookStatusStatement(db, book.id);
        publish(job.id, { type: "chapter", chapterId: chapter.id, status: "written", wordCount: text.split(/\s+/).filter(Boolean).length });
      } catch (err) {
        // The text so far stays, and the chapter can be continued later.
        await setChapterStatus(db, chapter.id, text.trim() ? "failed" : "planned");
        await bookStatusStatement(db, book.id);
        if (!(err instanceof JobStopped)) publish(job.id, { type: "chapter", chapterId: chapter.id, status: "failed", wordCount: 0 });
        throw err;
      }
    },
  );
  // The written chapter's passages, for recall by later chapters (its own charge; never fails the chapter).
  await indexPassagesQuietly(deps, job, chapter.id);
}

async function streamChapter(
  deps: WriterDeps,
  job: Job,
  chapter: Chapter,
  messages: Parameters<LlmService["streamText"]>[0]["messages"],
  resumeFrom: string,
  maxTokens: number,
  meter: Meter,
  progress: (textSoFar: string) => void,
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
    onUsage: meter.onUsage,
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
      progress(text);
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
