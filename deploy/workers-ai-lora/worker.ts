// An OpenAI-compatible front for a Workers AI LoRA fine-tune, so Quire's `custom` target can use it:
// POST /v1/chat/completions (streaming or not) → env.AI.run(base model, { messages, lora }).
// Quire's own `workers-ai` target calls a model by name and has no way to name a LoRA adapter; this
// Worker is the seam. Deploy with deploy/workers-ai-lora/wrangler.jsonc (see deploy/workers-ai-lora.md).

export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

export interface LoraProxyEnv {
  AI: AiBinding;
  /** A LoRA-capable base model, e.g. @cf/mistral/mistral-7b-instruct-v0.2-lora. */
  LORA_BASE_MODEL: string;
  /** The fine-tune's name or id (`wrangler ai finetune list`). */
  LORA_FINETUNE: string;
  /** The Bearer key clients must send (wrangler secret put PROXY_API_KEY). */
  PROXY_API_KEY: string;
}

type ChatBody = {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  max_tokens?: number;
  temperature?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string };
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const error = (status: number, message: string, type: string) => json(status, { error: { message, type, param: null, code: status } });

/** Compares the whole string whatever the first difference, so the key cannot be guessed by timing. */
function sameKey(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < Math.max(given.length, expected.length); i++) diff |= (given.charCodeAt(i) || 0) ^ (expected.charCodeAt(i) || 0);
  return diff === 0 && expected.length > 0;
}

type Usage = { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };

/**
 * Workers AI streams `data: {"response": "..."}` lines closed by `data: [DONE]`; OpenAI clients want
 * `chat.completion.chunk` deltas and a finish reason. Without `[DONE]` the stream is cut short, and
 * no finish reason is sent, so the client sees a truncated answer rather than a complete one.
 */
function toOpenAiStream(upstream: ReadableStream<Uint8Array>, id: string, model: string, includeUsage: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null, usage?: Usage) =>
    encoder.encode(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: finish === "usage" ? [] : [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`);
  let buffer = "";
  let usage: Usage | undefined;
  let done = false;
  return upstream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(bytes, controller) {
        buffer += decoder.decode(bytes, { stream: true });
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          if (!line.startsWith("data:") || done) continue;
          const data = line.slice(5).trim();
          if (data === "[DONE]") {
            done = true;
            controller.enqueue(chunk({}, "stop"));
            if (includeUsage && usage) controller.enqueue(chunk({}, "usage", usage));
            controller.enqueue(encoder.encode("data: [DONE]\n\n"));
            continue;
          }
          const event = JSON.parse(data) as { response?: string; usage?: Usage };
          if (event.usage) usage = event.usage;
          if (event.response) controller.enqueue(chunk({ content: event.response }, null));
        }
      },
    }),
  );
}

export default {
  async fetch(request: Request, env: LoraProxyEnv): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "GET" && url.pathname === "/health") return json(200, { ok: true, model: env.LORA_BASE_MODEL, finetune: env.LORA_FINETUNE });
    if (url.pathname !== "/v1/chat/completions") return error(404, `no route ${url.pathname}`, "not_found_error");
    if (request.method !== "POST") return error(405, "use POST", "invalid_request_error");
    const auth = request.headers.get("authorization") ?? "";
    if (!sameKey(auth.replace(/^Bearer\s+/i, ""), env.PROXY_API_KEY ?? "")) return error(401, "missing or wrong API key", "authentication_error");

    let body: ChatBody;
    try {
      body = (await request.json()) as ChatBody;
    } catch {
      return error(400, "body is not JSON", "invalid_request_error");
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) return error(400, "messages is required", "invalid_request_error");

    const inputs: Record<string, unknown> = { messages: body.messages, lora: env.LORA_FINETUNE, stream: body.stream === true };
    if (body.max_tokens !== undefined) inputs.max_tokens = body.max_tokens;
    if (body.temperature !== undefined) inputs.temperature = body.temperature;
    if (body.response_format?.type === "json_object") inputs.response_format = { type: "json_object" };
    const id = `chatcmpl-${crypto.randomUUID()}`;
    const model = body.model ?? env.LORA_FINETUNE;

    let result: unknown;
    try {
      result = await env.AI.run(env.LORA_BASE_MODEL, inputs);
    } catch (cause) {
      // Workers AI errors carry no HTTP status here; 503 lets the client retry or fall back.
      return error(503, `Workers AI: ${cause instanceof Error ? cause.message : String(cause)}`, "server_error");
    }
    if (body.stream === true) {
      if (!(result instanceof ReadableStream)) return error(502, "Workers AI did not stream", "server_error");
      return new Response(toOpenAiStream(result as ReadableStream<Uint8Array>, id, model, body.stream_options?.include_usage === true), {
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
      });
    }
    const r = (result ?? {}) as { response?: unknown; usage?: Usage };
    const content = typeof r.response === "string" ? r.response : JSON.stringify(r.response ?? "");
    return json(200, {
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      ...(r.usage ? { usage: r.usage } : {}),
    });
  },
};
