"use client";
import { createContext, useContext, useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { cancelJobAction, writeAllAction, writeChapterAction } from "@/actions/generation";
import type { JobView } from "@/lib/jobs/events";
import type { QualityChecks } from "@/lib/books/quality";
import { newJobId } from "@/lib/jobs/job-id";
import { useJobStream } from "./use-job-stream";

export type ManuscriptChapter = {
  id: string;
  title: string;
  status: string;
  content: string;
  wordCount: number;
  qualityChecks: QualityChecks | null;
};
export type ActionError = { code: string; message: string; details?: Record<string, unknown> } | null;

type BookJob = {
  bookId: string;
  /** The chapters as saved, with the running job's live text and statuses applied. */
  chapters: ManuscriptChapter[];
  job: JobView | null;
  running: boolean;
  writeAll: () => void;
  writeAllPending: boolean;
  writeChapter: (chapterId: string, mode: "write" | "continue" | "regenerate") => void;
  cancel: () => void;
  cancelPending: boolean;
  error: ActionError;
};

const BookJobContext = createContext<BookJob | null>(null);

export function useBookJob(): BookJob {
  const value = useContext(BookJobContext);
  if (!value) throw new Error("useBookJob needs a BookJobProvider around it");
  return value;
}

/**
 * The book page's one view of its generation job, shared by the sticky action bar and the
 * manuscript: one stream, one reducer, so the counter and the chapters can never disagree.
 */
export function BookJobProvider(props: { bookId: string; chapters: ManuscriptChapter[]; activeJob: JobView | null; children: React.ReactNode }) {
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

  /**
   * Names the job and opens its stream first, then starts it: the first words can arrive as soon
   * as the writer has them, without waiting for the start request to come back first.
   */
  async function start(run: (jobId: string) => Promise<[{ jobId: string } | null, unknown]>) {
    const jobId = newJobId();
    setFollow({ jobId, pending: true });
    const [data] = await run(jobId);
    // Not started (the error shows in the action bar): stop waiting for it. What was shown before stays.
    if (!data) setFollow(null);
  }

  const value: BookJob = {
    bookId: props.bookId,
    chapters,
    job,
    running,
    writeAll: () => void start((jobId) => writeAll.execute({ bookId: props.bookId, jobId })),
    writeAllPending: writeAll.isPending,
    writeChapter: (chapterId, mode) => void start((jobId) => writeOne.execute({ bookId: props.bookId, chapterId, mode, jobId })),
    cancel: () => job && void cancel.execute({ jobId: job.id }),
    cancelPending: cancel.isPending,
    error: (writeAll.error ?? writeOne.error ?? cancel.error) as ActionError,
  };
  return <BookJobContext.Provider value={value}>{props.children}</BookJobContext.Provider>;
}
