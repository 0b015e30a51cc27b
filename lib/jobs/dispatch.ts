import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getDb } from "@/db/request-db";
import { getLlm, contextWindowFor } from "@/lib/ai/service";
import { runJob, type RunnerDeps } from "./runner";
import { appEnv } from "@/lib/env";
import { drainRelay, jobRelay, relayLiveEvents } from "./relay";

/** Checkpoints every second; a runner silent for JOB_STALE_SECONDS is presumed dead. */
export function jobTimings() {
  const staleMs = appEnv().JOB_STALE_SECONDS * 1_000;
  return { checkpointMs: 1_000, staleMs, queuedMs: Math.min(15_000, staleMs) };
}

export function runnerDeps(): RunnerDeps {
  const llm = getLlm();
  const { checkpointMs, staleMs } = jobTimings();
  const relay = jobRelay();
  if (relay) relayLiveEvents(relay);
  return {
    db: getDb(),
    llm,
    now: Date.now,
    contextWindow: contextWindowFor(llm, "chapter"),
    checkpointMs,
    staleMs,
    nextStep: dispatchJob,
    liveDelivered: drainRelay,
  };
}

/**
 * Hands a job to a runner. On the worker (production and `npm start`) that is the JOBS_QUEUE, whose
 * consumer in worker.ts runs it; under `next dev` there is no consumer, so it runs in this process.
 */
export async function dispatchJob(jobId: string): Promise<void> {
  const { env, ctx } = getCloudflareContext();
  const queue = (env as unknown as { JOBS_QUEUE?: Queue<{ jobId: string }> }).JOBS_QUEUE;
  if (queue && process.env.NODE_ENV !== "development") {
    await queue.send({ jobId });
    return;
  }
  ctx.waitUntil(
    runJob(runnerDeps(), jobId).catch((err: unknown) => console.error(`[quire] in-process job ${jobId} failed`, err)),
  );
}
