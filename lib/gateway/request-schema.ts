import { z } from "zod";

/** Limits on what one gateway call may carry. */
export const GATEWAY_LIMITS = { messages: 200, characters: 200_000, maxTokens: 32_000, model: 100 } as const;

const textPart = z.object({ type: z.literal("text"), text: z.string() }).passthrough();

/** The OpenAI chat-completions body, the parts Quire honours; unknown fields are ignored, not refused. */
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
    /** Quire's own: false skips the response cache. */
    quire_cache: z.boolean().optional(),
  })
  .passthrough()
  .superRefine((body, ctx) => {
    const chars = body.messages.reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : m.content.reduce((k, p) => k + p.text.length, 0)), 0);
    if (chars > GATEWAY_LIMITS.characters) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["messages"], message: `messages hold ${chars} characters; the limit is ${GATEWAY_LIMITS.characters}` });
    }
  });

export type ChatCompletionBody = z.infer<typeof chatCompletionSchema>;

export function flattenContent(content: ChatCompletionBody["messages"][number]["content"]): string {
  return typeof content === "string" ? content : content.map((p) => p.text).join("");
}
