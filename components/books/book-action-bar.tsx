"use client";
import { bookStatusFor, type BookStatus } from "@/lib/books/status";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/error-banner";
import { useBookJob } from "./book-job";
import { jobProgress } from "./job-progress";

export type BookEstimate = { credits: number; promptTokens: number; outputTokens: number; chapters: number; usd: number | null; model: string };

/**
 * Write all, Cancel and the progress of the book's job, stuck to the top of the screen so they stay
 * in reach on a book of any length.
 */
export function BookActionBar({ targetWords, bookStatus, estimate }: { targetWords: number; bookStatus: BookStatus; estimate: BookEstimate }) {
  const { chapters, job, running, writeAll, writeAllPending, cancel, cancelPending, error } = useBookJob();
  const totalWords = chapters.reduce((n, c) => n + c.wordCount, 0);
  const target = targetWords * chapters.length;
  const progress = job ? jobProgress(job, chapters) : null;
  const status = bookStatusFor(bookStatus, chapters);
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;

  return (
    <section aria-label="Book actions" className="sticky top-0 z-20 -mx-4 border-b border-border bg-background/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6" data-testid="book-action-bar">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Button disabled={running || writeAllPending} onClick={writeAll}>
          Write all
        </Button>
        {running && job && (
          <Button variant="outline" disabled={cancelPending} onClick={cancel}>
            Cancel
          </Button>
        )}
        <span className="rounded bg-muted px-2 py-0.5 text-xs" data-testid="book-status" title="The book's status follows its chapters">
          {status}
        </span>
        <span className="min-w-0 text-sm text-muted-foreground" data-testid="book-progress">
          {totalWords.toLocaleString("en")} of {target.toLocaleString("en")} words
          {progress && job
            ? ` · job ${progress.status}${progress.total > 1 ? ` (${progress.done}/${progress.total} chapters)` : ""}${running && progress.writing !== null ? ` · writing chapter ${progress.writing}` : ""}`
            : ""}
        </span>
      </div>
      {progress && progress.total > 1 && (
        <div
          className="mt-2 h-1.5 overflow-hidden rounded bg-muted"
          role="progressbar"
          aria-label="Chapters written"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.done}
        >
          <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      )}
      {!running && estimate.chapters > 0 && (
        <p className="mt-1 text-xs text-muted-foreground" data-testid="book-estimate">
          Estimate for the {estimate.chapters} unwritten chapter{estimate.chapters === 1 ? "" : "s"}: about{" "}
          {(estimate.promptTokens + estimate.outputTokens).toLocaleString("en")} tokens, {estimate.credits} credits
          {estimate.usd === null ? ` (price of ${estimate.model} unknown)` : `, $${estimate.usd.toFixed(4)} on ${estimate.model}`}.
        </p>
      )}
      {(job?.status === "failed" || error) && (
        <div className="mt-2 grid gap-1">
          {job?.status === "failed" && <ErrorBanner error={{ code: job.errorCode ?? "internal:job", message: `The run stopped; what was written is kept. ${job.errorMessage ?? "You can retry."}` }} />}
          <ErrorBanner error={error} />
          {error?.code.startsWith("insufficient_credits") && error.details && (
            <p className="text-sm" role="status">
              Needed: {String(error.details.needed)} credits · you have: {String(error.details.balance)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
