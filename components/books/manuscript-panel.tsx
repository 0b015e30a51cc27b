"use client";
import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { cancelJobAction, writeAllAction, writeChapterAction } from "@/actions/generation";
import type { JobView } from "@/lib/jobs/events";
import type { QualityChecks } from "@/lib/books/quality";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/error-banner";
import { newJobId } from "@/lib/jobs/job-id";
import { RegenerateChapter } from "./regenerate-chapter";
import { useJobStream } from "./use-job-stream";

export type ManuscriptChapter = {
  id: string;
  title: string;
  status: string;
  content: string;
  wordCount: number;
  qualityChecks: QualityChecks | null;
};
type ActionError = { code: string; message: string; details?: Record<string, unknown> } | null;

export function ManuscriptPanel(props: {
  bookId: string;
  chapters: ManuscriptChapter[];
  targetWords: number;
  activeJob: JobView | null;
  estimate: { credits: number; promptTokens: number; outputTokens: number; chapters: number; usd: number | null; model: string };
}) {
  const router = useRouter();
  const [follow, setFollow] = useState<{ jobId: string; pending: boolean } | null>(props.activeJob ? { jobId: props.activeJob.id, pending: false } : null);
  const stream = useJobStream(follow, () => router.refresh());
  const writeAll = useServerAction(writeAllAction);
  const writeOne = useServerAction(writeChapterAction);
  const cancel = useServerAction(cancelJobAction);

  const job = stream.job ?? props.activeJob;
  const running = !!job && (job.status === "queued" || job.status === "running");
  const chapters = props.chapters.map((c) => {
    const live = stream.chapters[c.id];
    return live ? { ...c, status: live.status, content: live.content, wordCount: live.wordCount } : c;
  });
  const totalWords = chapters.reduce((n, c) => n + c.wordCount, 0);
  const target = props.targetWords * chapters.length;

  /**
   * Names the job and opens its stream first, then starts it: the first words can arrive as soon
   * as the writer has them, without waiting for the start request to come back first.
   */
  async function start(run: (jobId: string) => Promise<[{ jobId: string } | null, unknown]>) {
    const jobId = newJobId();
    setFollow({ jobId, pending: true });
    const [data] = await run(jobId);
    // Not started (the error shows above): stop waiting for it. What was shown before stays.
    if (!data) setFollow(null);
  }

  const error = (writeAll.error ?? writeOne.error ?? cancel.error) as ActionError;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={running || writeAll.isPending} onClick={() => start((jobId) => writeAll.execute({ bookId: props.bookId, jobId }))}>
          Write all
        </Button>
        {running && job && (
          <Button variant="outline" disabled={cancel.isPending} onClick={() => cancel.execute({ jobId: job.id })}>
            Cancel
          </Button>
        )}
        <span className="text-sm text-muted-foreground" data-testid="book-progress">
          {totalWords.toLocaleString("en")} of {target.toLocaleString("en")} words
          {job ? ` · job ${job.status}${job.progressTotal > 1 ? ` (${job.progressDone}/${job.progressTotal} chapters)` : ""}` : ""}
        </span>
      </div>
      {!running && props.estimate.chapters > 0 && (
        <p className="text-xs text-muted-foreground" data-testid="book-estimate">
          Estimate for the {props.estimate.chapters} unwritten chapter{props.estimate.chapters === 1 ? "" : "s"}: about{" "}
          {(props.estimate.promptTokens + props.estimate.outputTokens).toLocaleString("en")} tokens, {props.estimate.credits} credits
          {props.estimate.usd === null ? ` (price of ${props.estimate.model} unknown)` : `, $${props.estimate.usd.toFixed(4)} on ${props.estimate.model}`}.
        </p>
      )}
      {job?.status === "failed" && (
        <ErrorBanner error={{ code: job.errorCode ?? "internal:job", message: `The run stopped; what was written is kept. ${job.errorMessage ?? "You can retry."}` }} />
      )}
      <ErrorBanner error={error} />
      {error?.code.startsWith("insufficient_credits") && error.details && (
        <p className="text-sm" role="status">
          Needed: {String(error.details.needed)} credits · you have: {String(error.details.balance)}
        </p>
      )}
      <ol className="grid gap-3" aria-label="Manuscript">
        {chapters.map((c, i) => (
          <li key={c.id} className="rounded-lg border border-border p-4" data-testid="manuscript-chapter" data-status={c.status}>
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="font-serif text-lg font-semibold">
                {i + 1}. {c.title}
              </h3>
              <span className="rounded bg-muted px-2 py-0.5 text-xs" data-testid="chapter-status">{c.status}</span>
              <span className="text-xs text-muted-foreground" data-testid="chapter-words">
                {c.wordCount.toLocaleString("en")} / {props.targetWords.toLocaleString("en")} words
              </span>
              <span className="ml-auto flex gap-1">
                {c.status !== "written" && c.status !== "writing" && (
                  <Button size="sm" variant="outline" disabled={running} onClick={() => start((jobId) => writeOne.execute({ bookId: props.bookId, chapterId: c.id, mode: c.content ? "continue" : "write", jobId }))}>
                    {c.content ? "Continue" : "Write"}
                  </Button>
                )}
                {c.status === "written" && c.qualityChecks && c.qualityChecks.lengthRatio < 0.8 && (
                  <Button size="sm" variant="outline" disabled={running} onClick={() => start((jobId) => writeOne.execute({ bookId: props.bookId, chapterId: c.id, mode: "continue", jobId }))}>
                    Continue
                  </Button>
                )}
                {c.status === "written" && (
                  <RegenerateChapter title={c.title} disabled={running} onConfirm={() => start((jobId) => writeOne.execute({ bookId: props.bookId, chapterId: c.id, mode: "regenerate", jobId }))} />
                )}
                <Link className="self-center px-2 text-sm underline" href={`/books/${props.bookId}/chapters/${c.id}`}>
                  Edit
                </Link>
              </span>
            </div>
            {c.content && (
              <div className="mt-3 max-h-72 overflow-y-auto whitespace-pre-wrap font-serif text-sm leading-relaxed" data-testid="chapter-text">
                {c.content}
              </div>
            )}
            {c.qualityChecks && c.status === "written" && <QualityNote checks={c.qualityChecks} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

function QualityNote({ checks }: { checks: QualityChecks }) {
  return (
    <ul className="mt-3 grid gap-1 text-xs text-muted-foreground" aria-label="Quality checks" data-testid="quality-checks">
      <li>
        Length: {Math.round(checks.lengthRatio * 100)}% of target {checks.lengthOk ? "✓" : "— outside 80–125%"}
      </li>
      <li>Repeated phrases: {checks.repeatedPhrases.length === 0 ? "none ✓" : checks.repeatedPhrases.map((p) => `“${p.phrase}” ×${p.count}`).join(", ")}</li>
      <li>Names not in the bible: {checks.unknownNames.length === 0 ? "none ✓" : checks.unknownNames.join(", ")}</li>
    </ul>
  );
}
