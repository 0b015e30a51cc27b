import { getDb } from "@/db/request-db";
import { getLlm } from "@/lib/ai/service";
import { currentUser } from "@/lib/auth/session";
import { AppError, errorResponse, errorStatus, type ErrorCode } from "@/lib/errors";
import { readJson } from "@/lib/suggestions/http";
import { suggestionRequestSchema, type SuggestionEvent } from "@/lib/suggestions/kinds";
import { startSuggestion } from "@/lib/suggestions/suggest";

const MAX_BODY = 16_000;

/**
 * Streams one suggestion as server-sent events (`token`…, then `done` or `error`). Refusals that
 * come before any text (session, ownership, rate limit, credits, a model that is down) are plain
 * JSON errors with their status, so the editor can say exactly what happened.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError("unauthorized:auth");
    const input = await readJson(request, suggestionRequestSchema, MAX_BODY);
    const events = await startSuggestion({ db: getDb(), llm: getLlm(), signal: request.signal }, user, input);
    const first = await events.next();
    if (!first.done && first.value.type === "error") {
      return new Response(JSON.stringify({ error: { code: first.value.code, message: first.value.message, details: first.value.details } }), {
        status: errorStatus(first.value.code as ErrorCode),
        headers: { "content-type": "application/json" },
      });
    }
    const encoder = new TextEncoder();
    const frame = (e: SuggestionEvent) => encoder.encode(`data: ${JSON.stringify(e)}\n\n`);
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        if (!first.done) controller.enqueue(frame(first.value));
        try {
          for await (const event of events) {
            // The writer went away (Esc, another request): stop; the generator's cleanup settles the charge.
            if (cancelled || request.signal.aborted) break;
            controller.enqueue(frame(event));
          }
          if (!cancelled) controller.close();
        } catch (err) {
          console.warn("[quire] suggestion stream ended early", err);
        }
      },
      cancel() {
        cancelled = true;
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
    });
  } catch (err) {
    return errorResponse(err, "suggestion");
  }
}
