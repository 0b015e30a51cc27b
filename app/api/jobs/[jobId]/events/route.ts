import { z } from "zod";
import { signedInRoute } from "@/lib/http/route";
import { sseResponse } from "@/lib/http/sse";
import { AppError } from "@/lib/errors";
import { awaitOwnedJob, PENDING_JOB_WAIT_MS } from "@/lib/jobs/await-job";
import { followJob } from "@/lib/jobs/follow";
import { jobIdSchema } from "@/lib/jobs/job-id";

/**
 * A job's progress as server-sent events for its owner (lib/jobs/follow). `?pending=1`: the page
 * named this job and is starting it right now, so wait a moment for it to exist.
 */
export const GET = signedInRoute({ surface: "job", params: z.object({ jobId: jobIdSchema }) }, async ({ db, user, params, request }) => {
  const pending = new URL(request.url).searchParams.get("pending") === "1";
  const job = await awaitOwnedJob(db, user.id, params.jobId, { waitMs: pending ? PENDING_JOB_WAIT_MS : 0, signal: request.signal });
  if (!job) throw new AppError("not_found:job");
  return sseResponse((out) => followJob(out, db, job), { signal: request.signal, headers: { connection: "keep-alive" } });
});
