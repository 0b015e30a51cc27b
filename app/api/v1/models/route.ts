import { getLlm } from "@/lib/ai/service";
import { modelList } from "@/lib/gateway/models";
import { apiKeyRoute } from "@/lib/http/route";

// The models a key may call, in OpenAI's list format.
export const GET = apiKeyRoute({ surface: "api" }, async () => Response.json(modelList(getLlm())));
