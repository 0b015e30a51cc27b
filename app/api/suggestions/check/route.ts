import { getLlm } from "@/lib/ai/service";
import { signedInRoute } from "@/lib/http/route";
import { checkChapter } from "@/lib/suggestions/check";
import { chapterCheckRequestSchema } from "@/lib/suggestions/kinds";

/** "Check this chapter": structured findings (span, replacement, reason) for the whole chapter. */
export const POST = signedInRoute({ surface: "suggestion", json: chapterCheckRequestSchema, maxBytes: 260_000 }, async ({ db, user, body }) => {
  const result = await checkChapter({ db, llm: getLlm() }, user, body);
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
