import { getDb } from "@/db/request-db";
import { getLlm } from "@/lib/ai/service";
import { currentUser } from "@/lib/auth/session";
import { AppError, errorResponse } from "@/lib/errors";
import { checkChapter } from "@/lib/suggestions/check";
import { readJson } from "@/lib/suggestions/http";
import { chapterCheckRequestSchema } from "@/lib/suggestions/kinds";

const MAX_BODY = 260_000;

/** "Check this chapter": structured findings (span, replacement, reason) for the whole chapter. */
export async function POST(request: Request): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError("unauthorized:auth");
    const input = await readJson(request, chapterCheckRequestSchema, MAX_BODY);
    const result = await checkChapter({ db: getDb(), llm: getLlm() }, user, input);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err, "suggestion");
  }
}
