import { z } from "zod";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { internalRoute } from "@/lib/http/route";
import { runJob } from "@/lib/jobs/runner";
import { runnerDeps } from "@/lib/jobs/dispatch";
import { jobIdSchema } from "@/lib/jobs/job-id";

const bodySchema = z.object({ jobId: jobIdSchema });

// Called by the queue consumer in worker.ts for each delivered job message. Runs the job to its end.
export const POST = internalRoute({ surface: "job", json: bodySchema, maxBytes: 1_000 }, async ({ body, request }) => {
  if (new URL(request.url).searchParams.get("detach") === "1") {
    // Local queue mode (see worker.ts): this request's own event carries the job to its end.
    const deps = runnerDeps();
    getCloudflareContext().ctx.waitUntil(runJob(deps, body.jobId).catch((err: unknown) => console.error(`[quire] job ${body.jobId} failed`, err)));
    return Response.json({ outcome: "started" }, { status: 202 });
  }
  return Response.json({ outcome: await runJob(runnerDeps(), body.jobId) });
});
