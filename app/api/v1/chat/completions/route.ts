import { gatewayDeps } from "@/lib/gateway/deps";
import { completeChat, streamChat } from "@/lib/gateway/chat";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";
import { apiKeyRoute } from "@/lib/http/route";

/** Largest request body accepted (the message limits are checked after parsing). */
const MAX_CHAT_BODY_BYTES = 1_000_000;

// OpenAI-compatible chat completions, authenticated by a personal API key.
export const POST = apiKeyRoute({ surface: "api", json: chatCompletionSchema, maxBytes: MAX_CHAT_BODY_BYTES }, async ({ caller, body, request }) => {
  const deps = gatewayDeps();
  return body.stream ? streamChat(deps, caller, body, request.signal) : completeChat(deps, caller, body, request.signal);
});
