import { z } from "zod";
import { inputError } from "@/lib/http/errors";

/** Limits on what one gateway call may carry. */
export const GATEWAY_LIMITS = { messages: 200, characters: 200_000, maxTokens: 32_000, model: 100 } as const;

const textPart = z.object({ type: z.literal("text"), text: z.string() }).passthrough();

/**
 * Fields of OpenAI's API that Quire does not carry out. They are refused with a 400 naming the field
 * rather than accepted and ignored: a client that sends tools expects tool calls.
 */
export const REFUSED_FIELDS = ["tools", "tool_choice", "functions", "function_call", "parallel_tool_calls", "logit_bias", "top_logprobs", "audio", "modalities", "prediction", "web_search_options"] as const;

const responseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({ name: z.string().min(1).max(64), description: z.string().max(2000).optional(), schema: z.record(z.unknown()).optional(), strict: z.boolean().nullish() }),
  }),
]);

/** The OpenAI chat-completions body, the parts Quire honours; fields it cannot honour are refused. */
export const chatCompletionSchema = z
  .object({
    model: z.string().min(1).max(GATEWAY_LIMITS.model),
    messages: z
      .array(
        z
          .object({
            role: z.enum(["system", "developer", "user", "assistant"]),
            content: z.union([z.string(), z.array(textPart).max(50)]),
          })
          .passthrough(),
      )
      .min(1, "messages must not be empty")
      .max(GATEWAY_LIMITS.messages),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    max_tokens: z.number().int().min(1).max(GATEWAY_LIMITS.maxTokens).nullish(),
    max_completion_tokens: z.number().int().min(1).max(GATEWAY_LIMITS.maxTokens).nullish(),
    stop: z.union([z.string().max(200), z.array(z.string().max(200)).max(4)]).nullish(),
    n: z.literal(1).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    seed: z.number().int().nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    response_format: responseFormat.nullish(),
    logprobs: z.literal(false, { errorMap: () => ({ message: "logprobs are not supported" }) }).nullish(),
    /** Quire's own: false skips the response cache. */
    quire_cache: z.boolean().optional(),
  })
  .passthrough()
  .superRefine((body, ctx) => {
    for (const field of REFUSED_FIELDS) {
      const value = (body as Record<string, unknown>)[field];
      if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `'${field}' is not supported by Quire's API; send the request without it` });
      }
    }
    const chars = body.messages.reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : m.content.reduce((k, p) => k + p.text.length, 0)), 0);
    if (chars > GATEWAY_LIMITS.characters) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["messages"], message: `messages hold ${chars} characters; the limit is ${GATEWAY_LIMITS.characters}` });
    }
  });

export type ChatCompletionBody = z.infer<typeof chatCompletionSchema>;

export function flattenContent(content: ChatCompletionBody["messages"][number]["content"]): string {
  return typeof content === "string" ? content : content.map((p) => p.text).join("");
}

/** Parses a request body as the route does: the body or an AppError(bad_request) whose `param` names the field. */
export function parseChatCompletion(json: unknown): ChatCompletionBody {
  const parsed = chatCompletionSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw inputError(parsed.error, "api", "openai");
}
