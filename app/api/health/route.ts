import { getCloudflareContext } from "@opennextjs/cloudflare";
import { checkDatabase } from "@/lib/health";

// Public by design: it reveals only whether the database answers and how fast.
export async function GET(): Promise<Response> {
  const database = await checkDatabase(getCloudflareContext().env.DB);
  const ok = database.status === "ok";
  return Response.json(
    { status: ok ? "ok" : "degraded", database },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
