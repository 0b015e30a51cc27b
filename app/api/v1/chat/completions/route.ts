import { getDb } from "@/db/request-db";
import { authenticateApiKey } from "@/lib/gateway/api-keys";
import { completeChat, streamChat } from "@/lib/gateway/chat";
import { gatewayDeps } from "@/lib/gateway/deps";
import { gatewayError } from "@/lib/gateway/openai-shape";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";
import { AppError } from "@/lib/errors";

/** Largest request body accepted (the message limits are checked after parsing). */
const MAX_BODY_BYTES = 1_000_000;

// OpenAI-compatible chat completions, authenticated by a personal API key.
export async function POST(request: Request): Promise<Response> {
  try {
    const caller = await authenticateApiKey(getDb(), request.headers.get("authorization"));
    const raw = await request.text();
    if (raw.length > MAX_BODY_BYTES) throw new AppError("payload_too_large:api");
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError("bad_request:api", { details: { message: "The body is not valid JSON." } });
    }
    const parsed = chatCompletionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError("bad_request:api", { details: { message: `${issue.path.join(".") || "body"}: ${issue.message}`, param: issue.path.join(".") || null } });
    }
    const deps = gatewayDeps();
    return parsed.data.stream ? await streamChat(deps, caller, parsed.data, request.signal) : await completeChat(deps, caller, parsed.data, request.signal);
  } catch (err) {
    const e = gatewayError(err);
    return new Response(JSON.stringify(e.body), { status: e.status, headers: e.headers });
  }
}
