// How each server family says "the request does not fit the context window", byte for byte as the
// servers send it (llama.cpp and vLLM captured from running servers; OpenAI, TGI, Anthropic, OpenRouter
// and Workers AI as their APIs and source document them). The upstream answers with these under the
// `overflow-<family>` scenarios; the error mapping is tested against the same bodies.

export interface FamilyBody {
  status: number;
  /** "json": a plain JSON error response; "sse": a 200 event stream that carries the error. */
  kind: "json" | "sse";
  body: string;
  /** The window the body states, when it states one. */
  window?: number;
}

export const CONTEXT_OVERFLOW = {
  // llama.cpp server (ggml-org master, 2026): the same 400 for stream:true and stream:false.
  llamacpp: {
    status: 400,
    kind: "json",
    body: '{"error":{"code":400,"message":"request (603 tokens) exceeds the available context size (256 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":603,"n_ctx":256}}',
    window: 256,
  },
  // llama.cpp builds of late 2025 (PR 15780): same type, but code and status 500.
  "llamacpp-500": {
    status: 500,
    kind: "json",
    body: '{"error":{"code":500,"message":"the request exceeds the available context size. try increasing the context size or enable context shift","type":"exceed_context_size_error","n_prompt_tokens":1407,"n_ctx":256}}',
    window: 256,
  },
  // Older llama.cpp: a 200 stream whose failure is an SSE `error:` line.
  "llamacpp-stream": {
    status: 200,
    kind: "sse",
    body: 'error: {"code":400,"message":"the request exceeds the available context size. try increasing the context size or enable context shift","type":"invalid_request_error"}\n\n',
  },
  // vLLM (OpenAI-compatible server): integer code, Python class name as type.
  vllm: {
    status: 400,
    kind: "json",
    body: '{"error":{"message":"\'max_tokens\' or \'max_completion_tokens\' is too large: 8000. This model\'s maximum context length is 4096 tokens and your request has 2778 input tokens (8000 > 4096 - 2778). None","type":"BadRequestError","param":null,"code":400}}',
    window: 4096,
  },
  // Older vLLM: a flat body.
  "vllm-flat": {
    status: 400,
    kind: "json",
    body: '{"object":"error","message":"The decoder prompt (length 9000) is longer than the maximum model length of 8192. Make sure that `max_model_len` is no smaller than the number of text tokens.","type":"BadRequestError","param":null,"code":400}',
    window: 8192,
  },
  openai: {
    status: 400,
    kind: "json",
    body: '{"error":{"message":"This model\'s maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}',
    window: 128000,
  },
  // Hugging Face text-generation-inference.
  tgi: {
    status: 422,
    kind: "json",
    body: '{"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 3900 `inputs` tokens and 1024 `max_new_tokens`","error_type":"validation"}',
    window: 4096,
  },
  // TGI's OpenAI-compatible stream reports a validation failure in band.
  "tgi-stream": {
    status: 200,
    kind: "sse",
    body: 'data: {"error":{"message":"Input validation error: `inputs` must have less than 4096 tokens. Given: 5000","http_status_code":422}}\n\n',
    window: undefined,
  },
  anthropic: {
    status: 400,
    kind: "json",
    body: '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}}',
    window: 200000,
  },
  openrouter: {
    status: 400,
    kind: "json",
    body: '{"error":{"message":"This endpoint\'s maximum context length is 131072 tokens. However, you requested about 140000 tokens (139000 of text input, 1000 in the output). Please reduce the length of either one, or use the \\"middle-out\\" transform to compress your prompt automatically.","code":400,"metadata":{"provider_name":null}}}',
    window: 131072,
  },
  // Cloudflare Workers AI REST: code 3006 "Request is too large" (HTTP 413).
  "workers-ai": {
    status: 413,
    kind: "json",
    body: '{"result":null,"success":false,"errors":[{"code":3006,"message":"Request is too large"}],"messages":[]}',
  },
  // LocalAI: its error handler (core/http/app.go) answers {"error":{"code":<status>,"message":err.Error()}}
  // with status 500 for a backend failure; the llama.cpp backend's words arrive inside a gRPC error.
  // Built from that source, not captured from a running server.
  localai: {
    status: 500,
    kind: "json",
    body: '{"error":{"code":500,"message":"rpc error: code = Unknown desc = the request exceeds the available context size, try increasing it","type":""}}',
  },
} satisfies Record<string, FamilyBody>;

export type OverflowFamily = keyof typeof CONTEXT_OVERFLOW;
export const OVERFLOW_FAMILIES = Object.keys(CONTEXT_OVERFLOW) as OverflowFamily[];

/** Other real bodies that must not be read as a context overflow. */
export const OTHER_BODIES = {
  // OpenAI: a parameter the model refuses; the request is the problem.
  "openai-unsupported-parameter": {
    status: 400,
    kind: "json",
    body: '{"error":{"message":"Unsupported parameter: \'max_tokens\' is not supported with this model. Use \'max_completion_tokens\' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}',
  },
  // Ollama's OpenAI layer re-wrapping a native "model not found": the target is set up wrong.
  "ollama-model-not-found": {
    status: 400,
    kind: "json",
    body: '{"error":{"code":null,"message":"model not found","param":null,"type":"invalid_request_error"}}',
  },
  "openrouter-rate-limit": {
    status: 429,
    kind: "json",
    body: '{"error":{"code":429,"message":"Rate limit exceeded","metadata":{"error_type":"rate_limit_exceeded","provider_code":"rate_limited"}}}',
  },
  "anthropic-overloaded": {
    status: 529,
    kind: "json",
    body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
  },
  "openai-invalid-key": {
    status: 401,
    kind: "json",
    body: '{"error":{"message":"Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}',
  },
} satisfies Record<string, FamilyBody>;

/** /v1/models as the servers list their model, with the window each reports. */
export const MODEL_LISTS = {
  // vLLM: `max_model_len` on each entry.
  vllm: {
    list: { object: "list", data: [{ id: "custom-m", object: "model", created: 1, owned_by: "vllm", root: "Qwen/Qwen2.5-7B-Instruct", parent: null, max_model_len: 4096, permission: [] }] },
    props: undefined,
    window: 4096,
  },
  // llama.cpp (captured): meta.n_ctx is the whole context; /props has one slot's share (here 4 slots).
  llamacpp: {
    list: {
      models: [{ name: "models/stories260K.gguf", model: "models/stories260K.gguf", type: "model", capabilities: ["completion"] }],
      object: "list",
      data: [{ id: "models/stories260K.gguf", aliases: ["models/stories260K.gguf"], tags: [], object: "model", created: 1795312073, owned_by: "llamacpp", meta: { vocab_type: 1, n_vocab: 512, n_ctx: 8192, n_ctx_train: 2048, n_embd: 64, n_params: 292800, size: 1171200 } }],
    },
    props: { default_generation_settings: { n_ctx: 2048 }, total_slots: 4 },
    window: 2048,
  },
} as const;
