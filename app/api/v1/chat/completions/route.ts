import { gatewayDeps } from "@/lib/gateway/deps";
import { completeChat, streamChat } from "@/lib/gateway/chat";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";
import { apiKeyHashRoute } from "@/lib/http/route";

/** Largest request body accepted (the message limits are checked after parsing). */
const MAX_CHAT_BODY_BYTES = 1_000_000;

// OpenAI-compatible chat completions, authenticated by a personal API key. The key is looked up in the
// gateway's one D1 batch with the rate limit and the credit reservation (lib/gateway/admission.ts).
export const POST = apiKeyHashRoute({ surface: "api", json: chatCompletionSchema, maxBytes: MAX_CHAT_BODY_BYTES }, async ({ keyHash, body, request }) => {
  const deps = gatewayDeps();
  const caller = { keyHash };
  return body.stream ? streamChat(deps, caller, body, request.signal) : completeChat(deps, caller, body, request.signal);
});
