import type { Db } from "@/db/client";
import { selectOwnedJob, type Job } from "@/db/queries/jobs";
import { subscribe } from "./live";

/** How long a page may follow a job it named before the start request created it. */
export const PENDING_JOB_WAIT_MS = 10_000;
const POLL_MS = 150;

/**
 * The caller's job, waiting for it to be created when the page opened its stream first (the page
 * names the job, then starts it; see lib/jobs/job-id.ts). The start publishes the new job in this
 * isolate, which wakes the wait at once; a start handled by another isolate is seen by polling.
 * Someone else's job and a job that never appears both end as undefined, after the same wait.
 */
export async function awaitOwnedJob(db: Db, userId: string, jobId: string, options: { waitMs: number; signal?: AbortSignal }): Promise<Job | undefined> {
  const deadline = Date.now() + options.waitMs;
  let job = await selectOwnedJob(db, userId, jobId);
  while (!job && Date.now() < deadline && !options.signal?.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop();
        options.signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
      const stop = subscribe(jobId, done);
      options.signal?.addEventListener("abort", done, { once: true });
    });
    job = await selectOwnedJob(db, userId, jobId);
  }
  return job;
}
