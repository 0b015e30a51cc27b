import { gatewayDeps } from "@/lib/gateway/deps";
import { streamChat } from "@/lib/gateway/chat";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";
import { signedInRoute } from "@/lib/http/route";

// The playground's chat: the signed-in session instead of an API key, otherwise the gateway's path.
// Its body is capped while reading, like the gateway's; its errors are the gateway's (OpenAI's shape).
export const POST = signedInRoute({ surface: "api", json: chatCompletionSchema, maxBytes: 1_000_000, errors: "openai" }, async ({ user, body, request }) =>
  streamChat(gatewayDeps(), user, { ...body, stream: true, stream_options: { include_usage: true } }, request.signal),
);
