// OpenRouter: the OpenAI wire format plus usage accounting (the charged `usage.cost`), attribution
// headers (set on the target by config), keep-alive comment lines and in-band error chunks, which the
// shared SSE decoder and the OpenAI stream decoder already handle.
import { httpInvoker } from "../transport/http-invoker";
import { openAiDialect } from "./openai-compatible";

export const OPENROUTER_BASE_URL = "https://openrouter.ai/api/v1";

export const openRouterInvoker = httpInvoker(openAiDialect({ extraBody: { usage: { include: true } } }, OPENROUTER_BASE_URL));
