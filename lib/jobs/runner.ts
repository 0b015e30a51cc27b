import { selectChapters } from "@/db/queries/chapters";
import { beatJob, claimJob, finishJob, releaseJob, selectJob, type Job } from "@/db/queries/jobs";
import { AppError, errorMessage, toPublicError } from "@/lib/errors";
import { isLlmError } from "@/lib/llm";
import { describeLlmError } from "@/lib/llm-errors";
import { JobStopped, writeChapter, type WriterDeps } from "./chapter-writer";
import { publish } from "./live";

export type RunnerDeps = WriterDeps & {
  staleMs: number;
  /** Hands the job's next step to a runner: the queue in production, see dispatch.ts. */
  nextStep: (jobId: string) => Promise<void>;
  /** Resolves once the step's live events have reached the watchers' relay (see relay.ts). */
  liveDelivered?: (jobId: string) => Promise<void>;
};

export type JobInput = { mode?: "write" | "continue" };

/**
 * Runs one step of a job if this runner can claim it: one chapter. When chapters remain, the claim
 * is released and the next step handed on, so each queue delivery writes one chapter (well inside a
 * consumer's time limit) and a book of any length is a chain of short steps. Safe to call more than
 * once for the same job (a redelivered message, a sweep after a restart): only one claim succeeds,
 * and each chapter's charge has its own idempotency key.
 */
export async function runJob(deps: RunnerDeps, jobId: string): Promise<"finished" | "continues" | "not-claimed" | "stopped"> {
  const job = await claimJob(deps.db, jobId, deps.now(), deps.staleMs);
  if (!job) return "not-claimed";
  try {
    return await runClaimed(deps, job);
  } finally {
    await deps.liveDelivered?.(job.id);
  }
}

async function runClaimed(deps: RunnerDeps, job: Job): Promise<"finished" | "continues" | "stopped"> {
  publish(job.id, { type: "job", status: "running", progressDone: job.progressDone, progressTotal: job.progressTotal });
  try {
    const step = await runStep(deps, job);
    if (step.more) {
      // Still "running" for whoever watches; the released claim is free for the next delivery.
      if (!(await releaseJob(deps.db, job, step.done))) throw new JobStopped();
      await deps.nextStep(job.id);
      return "continues";
    }
    await finishJob(deps.db, job, { status: "succeeded", progressDone: step.done });
    publish(job.id, { type: "job", status: "succeeded", progressDone: step.done, progressTotal: job.progressTotal });
    return "finished";
  } catch (err) {
    if (err instanceof JobStopped) {
      const latest = await selectJob(deps.db, job.id);
      publish(job.id, { type: "job", status: latest?.status ?? "cancelled", progressDone: latest?.progressDone ?? 0, progressTotal: job.progressTotal });
      return "stopped";
    }
    const { code: errorCode, message } = failureOf(err);
    console.error(`[quire] job ${job.id} failed (${errorCode})`, err);
    // The stored message is the one the author sees (lib/llm-errors); the technical cause is in the log.
    await finishJob(deps.db, job, { status: "failed", errorCode, errorMessage: message });
    publish(job.id, { type: "job", status: "failed", progressDone: job.progressDone, progressTotal: job.progressTotal, errorCode });
    return "finished";
  }
}

/** Writes the job's next chapter; `more` when another remains after it. */
async function runStep(deps: RunnerDeps, job: Job): Promise<{ done: number; more: boolean }> {
  const input = (job.input ?? {}) as JobInput;
  if (job.kind === "chapter") {
    await writeChapter(deps, job, job.chapterId!, input.mode ?? "write");
    return { done: 1, more: false };
  }
  if (job.kind === "write-all") {
    // The first unwritten chapter in order; after a restart this is where the last runner stopped.
    const chapters = await selectChapters(deps.db, job.bookId!);
    const unwritten = chapters.filter((c) => c.status !== "written");
    const written = chapters.length - unwritten.length;
    const next = unwritten[0];
    if (!next) return { done: written, more: false };
    if (!(await beatJob(deps.db, job, deps.now(), written))) throw new JobStopped();
    await writeChapter(deps, job, next.id, "write");
    // The step's end (releaseJob or finishJob) records this progress.
    const done = written + 1;
    publish(job.id, { type: "job", status: "running", progressDone: done, progressTotal: job.progressTotal });
    return { done, more: unwritten.length > 1 };
  }
  throw new Error(`job kind ${job.kind} has no runner`);
}

/** What the author is told about a failed run: the one LLM-error mapping, or the typed app error. */
function failureOf(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return toPublicError(err, "job");
  if (isLlmError(err)) return describeLlmError(err, "job");
  return { code: "internal:job", message: errorMessage("internal:job") };
}
