import { getCloudflareContext } from "@opennextjs/cloudflare";
import { publicRoute } from "@/lib/http/route";
import { checkDatabase } from "@/lib/health";

// Public by design: it reveals only whether the database answers and how fast.
export const GET = publicRoute({ surface: "database" }, async () => {
  const database = await checkDatabase(getCloudflareContext().env.DB);
  const ok = database.status === "ok";
  return Response.json({ status: ok ? "ok" : "degraded", database }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
});
