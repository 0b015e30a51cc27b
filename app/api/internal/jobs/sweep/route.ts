import { selectOrphanedJobs } from "@/db/queries/jobs";
import { internalRoute } from "@/lib/http/route";
import { dispatchJob, jobTimings } from "@/lib/jobs/dispatch";

// Hands orphaned jobs (a runner died with the server) to a runner again. Called by the cron trigger
// in production and by `npm start` once the worker is up.
export const POST = internalRoute({ surface: "job" }, async ({ db }) => {
  const orphans = await selectOrphanedJobs(db, Date.now(), jobTimings().staleMs, jobTimings().queuedMs);
  for (const { id } of orphans) await dispatchJob(id);
  return Response.json({ resumed: orphans.map((o) => o.id) });
});
