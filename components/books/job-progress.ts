import type { JobView } from "@/lib/jobs/events";

export type JobProgress = { status: string; done: number; total: number; writing: number | null };

/**
 * What the book's action bar says about a job, from the same events that fill the chapters: a
 * chapter being written means the job runs (even if its own "running" has not arrived yet), and a
 * write-all job has done as many chapters as the book has written (its total is every chapter), so
 * the counter moves the moment a chapter is written, never behind it.
 */
export function jobProgress(job: JobView, chapters: { id: string; status: string }[]): JobProgress {
  const writingIndex = chapters.findIndex((c) => c.status === "writing");
  const writing = writingIndex >= 0 ? writingIndex + 1 : null;
  const status = job.status === "queued" && writing !== null ? "running" : job.status;
  if (job.kind !== "write-all") {
    const chapter = chapters.find((c) => c.id === job.chapterId);
    const done = job.status === "succeeded" || (status !== "running" && status !== "queued" && chapter?.status === "written") ? 1 : job.progressDone;
    return { status, done: Math.min(1, done), total: 1, writing };
  }
  const written = chapters.filter((c) => c.status === "written").length;
  const total = Math.max(job.progressTotal, chapters.length);
  return { status, done: Math.min(total, Math.max(job.progressDone, written)), total, writing };
}
