import { getDb } from "@/db/request-db";
import { getLlm } from "@/lib/ai/service";
import { authenticateApiKey } from "@/lib/gateway/api-keys";
import { modelList } from "@/lib/gateway/models";
import { gatewayError } from "@/lib/gateway/openai-shape";

// The models a key may call, in OpenAI's list format.
export async function GET(request: Request): Promise<Response> {
  try {
    await authenticateApiKey(getDb(), request.headers.get("authorization"));
    return Response.json(modelList(getLlm()));
  } catch (err) {
    const e = gatewayError(err);
    return new Response(JSON.stringify(e.body), { status: e.status, headers: e.headers });
  }
}
