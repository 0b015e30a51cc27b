import { getDb } from "@/db/request-db";
import { selectOrphanedJobs } from "@/db/queries/jobs";
import { errorResponse } from "@/lib/errors";
import { assertInternalCaller } from "@/lib/jobs/internal-auth";
import { dispatchJob, jobTimings } from "@/lib/jobs/dispatch";

// Hands orphaned jobs (a runner died with the server) to a runner again. Called by the cron trigger
// in production and by `npm start` once the worker is up.
export async function POST(request: Request): Promise<Response> {
  try {
    await assertInternalCaller(request);
    const orphans = await selectOrphanedJobs(getDb(), Date.now(), jobTimings().staleMs, jobTimings().queuedMs);
    for (const { id } of orphans) await dispatchJob(id);
    return Response.json({ resumed: orphans.map((o) => o.id) });
  } catch (err) {
    return errorResponse(err, "job");
  }
}
