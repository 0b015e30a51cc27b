import { currentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { streamChat } from "@/lib/gateway/chat";
import { gatewayDeps } from "@/lib/gateway/deps";
import { gatewayError } from "@/lib/gateway/openai-shape";
import { chatCompletionSchema } from "@/lib/gateway/request-schema";

// The playground's chat: the signed-in session instead of an API key, otherwise the gateway's path.
export async function POST(request: Request): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError("unauthorized:auth");
    const parsed = chatCompletionSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError("bad_request:api", { details: { message: `${issue.path.join(".") || "body"}: ${issue.message}` } });
    }
    return await streamChat(gatewayDeps(), user, { ...parsed.data, stream: true, stream_options: { include_usage: true } }, request.signal);
  } catch (err) {
    const e = gatewayError(err);
    return new Response(JSON.stringify(e.body), { status: e.status, headers: e.headers });
  }
}
