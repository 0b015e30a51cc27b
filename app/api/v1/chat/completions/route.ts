import { getDb } from "@/db/request-db";
import { deferred, gatewayDeps } from "@/lib/gateway/deps";
import { authenticateApiKey } from "@/lib/gateway/api-keys";
import { completeChat, streamChat } from "@/lib/gateway/chat";
import { gatewayError } from "@/lib/gateway/openai-shape";
import { parseChatCompletion } from "@/lib/gateway/request-schema";
import { AppError } from "@/lib/errors";

/** Largest request body accepted (the message limits are checked after parsing). */
const MAX_BODY_BYTES = 1_000_000;

// OpenAI-compatible chat completions, authenticated by a personal API key.
export async function POST(request: Request): Promise<Response> {
  try {
    const caller = await authenticateApiKey(getDb(), request.headers.get("authorization"), deferred);
    const raw = await request.text();
    if (raw.length > MAX_BODY_BYTES) throw new AppError("payload_too_large:api");
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError("bad_request:api", { details: { message: "The body is not valid JSON." } });
    }
    const body = parseChatCompletion(json);
    const deps = gatewayDeps();
    return body.stream ? await streamChat(deps, caller, body, request.signal) : await completeChat(deps, caller, body, request.signal);
  } catch (err) {
    const e = gatewayError(err);
    return new Response(JSON.stringify(e.body), { status: e.status, headers: e.headers });
  }
}
