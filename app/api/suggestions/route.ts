import { getLlm } from "@/lib/ai/service";
import { errorStatus, type ErrorCode } from "@/lib/errors";
import { signedInRoute } from "@/lib/http/route";
import { sseResponse } from "@/lib/http/sse";
import { suggestionRequestSchema } from "@/lib/suggestions/kinds";
import { startSuggestion } from "@/lib/suggestions/suggest";

/**
 * Streams one suggestion as server-sent events (`token`…, then `done` or `error`). Refusals that
 * come before any text (session, ownership, rate limit, credits, a model that is down) are plain
 * JSON errors with their status, so the editor can say exactly what happened.
 */
export const POST = signedInRoute({ surface: "suggestion", json: suggestionRequestSchema, maxBytes: 16_000 }, async ({ db, user, body, request }) => {
  // Aborted when the writer goes away (Esc, another request, a closed tab): the model call stops
  // and the generator's cleanup charges only what was produced.
  const watcher = new AbortController();
  request.signal.addEventListener("abort", () => watcher.abort(), { once: true });
  const events = await startSuggestion({ db, llm: getLlm(), signal: watcher.signal }, user, body);
  const first = await events.next();
  if (!first.done && first.value.type === "error") {
    const { code, message, details } = first.value;
    return Response.json({ error: { code, message, details } }, { status: errorStatus(code as ErrorCode) });
  }
  return sseResponse(
    async (out) => {
      if (!first.done) out.send(first.value);
      await out.each(events, (event) => void out.send(event));
    },
    { signal: request.signal, abort: watcher },
  );
});
