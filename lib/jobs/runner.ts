import { selectChapters } from "@/db/queries/chapters";
import { beatJob, claimJob, finishJob, selectJob, type Job } from "@/db/queries/jobs";
import { AppError } from "@/lib/errors";
import { isLlmError } from "@/lib/llm";
import { JobStopped, writeChapter, type WriterDeps } from "./chapter-writer";
import { publish } from "./live";

export type RunnerDeps = WriterDeps & { staleMs: number };

export type JobInput = { mode?: "write" | "continue" };

/**
 * Runs a job to its end if this runner can claim it. Safe to call more than once for the same job
 * (a redelivered queue message, a sweep after a restart): only one claim succeeds, and each chapter's
 * charge has its own idempotency key.
 */
export async function runJob(deps: RunnerDeps, jobId: string): Promise<"finished" | "not-claimed" | "stopped"> {
  const job = await claimJob(deps.db, jobId, deps.now(), deps.staleMs);
  if (!job) return "not-claimed";
  publish(job.id, { type: "job", status: "running", progressDone: job.progressDone, progressTotal: job.progressTotal });
  try {
    const done = await runSteps(deps, job);
    await finishJob(deps.db, job, { status: "succeeded", progressDone: done });
    publish(job.id, { type: "job", status: "succeeded", progressDone: done, progressTotal: job.progressTotal });
    return "finished";
  } catch (err) {
    if (err instanceof JobStopped) {
      const latest = await selectJob(deps.db, job.id);
      publish(job.id, { type: "job", status: latest?.status ?? "cancelled", progressDone: latest?.progressDone ?? 0, progressTotal: job.progressTotal });
      return "stopped";
    }
    const errorCode = codeOf(err);
    console.error(`[quire] job ${job.id} failed (${errorCode})`, err);
    await finishJob(deps.db, job, { status: "failed", errorCode, errorMessage: err instanceof Error ? err.message.slice(0, 500) : String(err) });
    publish(job.id, { type: "job", status: "failed", progressDone: job.progressDone, progressTotal: job.progressTotal, errorCode });
    return "finished";
  }
}

async function runSteps(deps: RunnerDeps, job: Job): Promise<number> {
  const input = (job.input ?? {}) as JobInput;
  if (job.kind === "chapter") {
    await writeChapter(deps, job, job.chapterId!, input.mode ?? "write");
    return 1;
  }
  if (job.kind === "write-all") {
    // Every unwritten chapter in order; after a restart this continues where the last runner stopped.
    const chapters = await selectChapters(deps.db, job.bookId!);
    let done = 0;
    for (const chapter of chapters) {
      if (chapter.status === "written") {
        done++;
        continue;
      }
      if (!(await beatJob(deps.db, job, deps.now(), done))) throw new JobStopped();
      await writeChapter(deps, job, chapter.id, "write");
      done++;
      await beatJob(deps.db, job, deps.now(), done);
      publish(job.id, { type: "job", status: "running", progressDone: done, progressTotal: job.progressTotal });
    }
    return done;
  }
  throw new Error(`job kind ${job.kind} has no runner`);
}

function codeOf(err: unknown): string {
  if (err instanceof AppError) return err.code;
  if (isLlmError(err)) return err.code === "rate_limited" ? "rate_limit:model" : `unavailable:model`;
  return "internal:job";
}
