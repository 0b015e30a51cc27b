import { z } from "zod";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { errorResponse, AppError } from "@/lib/errors";
import { assertInternalCaller } from "@/lib/jobs/internal-auth";
import { runJob } from "@/lib/jobs/runner";
import { runnerDeps } from "@/lib/jobs/dispatch";
import { jobIdSchema } from "@/lib/jobs/job-id";

const bodySchema = z.object({ jobId: jobIdSchema });

// Called by the queue consumer in worker.ts for each delivered job message. Runs the job to its end.
export async function POST(request: Request): Promise<Response> {
  try {
    await assertInternalCaller(request);
    const parsed = bodySchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) throw new AppError("bad_request:job");
    if (new URL(request.url).searchParams.get("detach") === "1") {
      // Local queue mode (see worker.ts): this request's own event carries the job to its end.
      const deps = runnerDeps();
      getCloudflareContext().ctx.waitUntil(
        runJob(deps, parsed.data.jobId).catch((err: unknown) => console.error(`[quire] job ${parsed.data.jobId} failed`, err)),
      );
      return Response.json({ outcome: "started" }, { status: 202 });
    }
    const outcome = await runJob(runnerDeps(), parsed.data.jobId);
    return Response.json({ outcome });
  } catch (err) {
    return errorResponse(err, "job");
  }
}
