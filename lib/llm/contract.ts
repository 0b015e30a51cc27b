// The contract of Quire's LLM service: what the app sends, what it gets back, and what is metered.
// Provider adapters, router, cache and budgets all speak these types; nothing here knows a vendor.

export const TASKS = [
  "outline",
  "chapter",
  "summary",
  "suggestion",
  "grammar",
  "cover-prompt",
  "cover-image",
  "embedding",
] as const;
export type LlmTask = (typeof TASKS)[number];

export type ChatRole = "system" | "user" | "assistant";
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface LlmRequest {
  task: LlmTask;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  /** Sampling settings forwarded to targets that take them; a target that does not is skipped. */
  sampling?: Sampling;
  /** Ask for JSON (any, or matching a JSON schema) without a zod schema (the gateway's response_format). */
  responseFormat?: { type: "json_object" } | { type: "json_schema"; name?: string; schema: unknown };
  /** false bypasses the response cache (neither read nor written). */
  cache?: boolean;
  user?: { id: string };
  bookId?: string;
  jobId?: string;
  /** The personal API key a gateway call came in with, for attribution in usage. */
  apiKeyId?: string;
  signal?: AbortSignal;
  /** Text already written for this answer (a resumed chapter): the model continues from its end. */
  continueFrom?: string;
  /**
   * Called with the usage event of every attempt this request makes (cached, failed or not), the same
   * event the usage sink receives: the app's charging seam (lib/credits/charge.ts) prices these, so
   * what an author is charged and what the dashboard counts come from the same figures.
   */
  onUsage?: (event: UsageEvent) => void;
  /**
   * The caller writes this request's usage rows itself, from the events `onUsage` receives, and the
   * service's usage sink is skipped. The API gateway does, so that a call's usage rows and its credit
   * settlement are one D1 write after the answer, not two that the next call queues behind.
   */
  recordsOwnUsage?: boolean;
}

export interface Sampling {
  topP?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}
export type SamplingParam = keyof Sampling;

/** What generateObject needs of a schema: zod 3 (`zod`) and zod 4 (`zod/v4`) schemas both fit. */
export interface ObjectSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

export interface ObjectRequest<T> extends LlmRequest {
  schema: ObjectSchema<T>;
  /** Short name for the object, used in the instruction sent to the model. */
  schemaName?: string;
}

export type FinishReason = "stop" | "length" | "content_filter" | "other";

export interface TokenUsage {
  /** All input tokens, cached ones included. */
  inputTokens: number;
  outputTokens: number;
  /** The part of inputTokens served from the provider's prompt cache. */
  cachedInputTokens: number;
  /** True when any figure was counted by Quire's tokenizer instead of reported by the provider. */
  estimated: boolean;
}

/** Where a cost figure comes from; `unknown` means no price is known and costMicroUsd is null. */
export type CostSource = "reported" | "price-table" | "unknown" | "cached";

export interface LlmResult {
  text: string;
  provider: ProviderKind;
  model: string;
  targetId: string;
  /** Upstream attempts made for this answer (0 when served from the cache). */
  attempts: number;
  usage: TokenUsage;
  /** Integer micro-USD; null when the model's price is unknown (never silently zero). */
  costMicroUsd: number | null;
  costSource: CostSource;
  cached: boolean;
  finishReason: FinishReason;
  /** A/B arm this request was assigned to, when the route is an A/B split. */
  arm?: string;
  /** Target the answer fell back from, when the first choice failed. */
  fallbackFrom?: string;
}

export interface LlmStream {
  textStream: AsyncIterable<string>;
  result: Promise<LlmResult>;
}

export type ProviderKind =
  | "openai-compatible"
  | "openrouter"
  | "openai"
  | "anthropic"
  | "workers-ai"
  | "custom-format"
  | "demo";

export interface TargetPrice {
  /** USD per million input tokens (uncached). */
  inputPerMTok: number;
  outputPerMTok: number;
  /** USD per million cached input tokens; defaults to the input price. */
  cachedInputPerMTok?: number;
  /** USD per generated image: image targets are priced flat per picture. */
  perImage?: number;
}

/**
 * How a target is asked for schema-shaped JSON: `json_schema_strict` (OpenAI, OpenRouter: the schema is
 * enforced), `json_schema` (vLLM, llama.cpp, Ollama, Workers AI: decoding guided by the schema),
 * `json_object` (any JSON), `tool` (a forced tool call whose arguments are the object), `none` (prompt only).
 */
export type StructuredOutput = "json_schema_strict" | "json_schema" | "json_object" | "tool" | "none";
export const STRUCTURED_OUTPUTS: readonly StructuredOutput[] = ["json_schema_strict", "json_schema", "json_object", "tool", "none"];

export interface TargetCapabilities {
  contextWindow: number;
  /** Supports an OpenAI-style `response_format: json_object`. */
  jsonMode: boolean;
  /** How schema-shaped JSON is asked for; default: json_object when jsonMode, else none. */
  structuredOutput?: StructuredOutput;
  /** 1 (slow) .. 5 (fast) */
  speed: number;
  /** 1 (weak) .. 5 (strong) */
  quality: number;
}

export interface Target {
  id: string;
  provider: ProviderKind;
  model: string;
  baseUrl?: string;
  apiKey?: string;
  /** Cloudflare account for the Workers AI REST API. */
  accountId?: string;
  price?: TargetPrice;
  capabilities: TargetCapabilities;
  /** Extra headers sent with every request (e.g. OpenRouter attribution). */
  headers?: Record<string, string>;
  /** No window was configured: ask the server (/v1/models) and learn from its overflow errors. */
  discoverContextWindow?: boolean;
  /**
   * "image": the target paints pictures and serves only the image task; "embedding": it turns text
   * into vectors and serves only the embedding task (absent: text).
   */
  output?: "image" | "embedding";
}

export type StrategyName = "priority" | "round-robin" | "weighted" | "cost-optimized" | "capability" | "ab";

export interface RouteTarget {
  id: string;
  weight?: number;
}

export interface Route {
  strategy: StrategyName;
  targets: RouteTarget[];
  /** Only the first target chosen by the strategy is tried (retries still apply). */
  noFallback?: boolean;
  /** A/B: what keeps a caller on the same arm. */
  stickyBy?: "user" | "book";
}

export type UsageOutcome = "ok" | "error" | "cached";

export interface UsageEvent {
  task: LlmTask;
  provider: ProviderKind;
  model: string;
  targetId: string;
  /** 1-based attempt number within this request (0 for a cache hit). */
  attempt: number;
  fallbackFrom: string | null;
  cached: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  estimated: boolean;
  costMicroUsd: number | null;
  costSource: CostSource;
  /** What a cache hit saved (the original answer's cost); 0 otherwise. */
  savedMicroUsd: number;
  latencyMs: number;
  ttftMs: number | null;
  outcome: UsageOutcome;
  errorCode: string | null;
  arm: string | null;
  userId: string | null;
  bookId: string | null;
  jobId: string | null;
  apiKeyId: string | null;
  /** Epoch ms. */
  at: number;
}

export interface BudgetWarning {
  period: "day" | "month";
  periodKey: string;
  usedMicroUsd: number;
  limitMicroUsd: number;
  at: number;
}

/** Where usage lands; the app backs it with D1 (llm_calls + usage_daily). Must not throw. */
export interface UsageSink {
  record(event: UsageEvent): void | Promise<void>;
  budgetWarning?(warning: BudgetWarning): void | Promise<void>;
}

export type CircuitState = "closed" | "open" | "half-open";

export interface TargetHealth {
  targetId: string;
  provider: ProviderKind;
  model: string;
  circuit: CircuitState;
  /** Epoch ms when an open circuit lets a trial request through again. */
  openUntil: number | null;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  /** Failures / calls over the recent window (0..1). */
  errorRate: number;
  recentCalls: number;
  consecutiveFailures: number;
  lastErrorCode: string | null;
  /** The last failure said the target is set up wrong (credentials refused, model unknown). */
  misconfigured?: boolean;
}

/** The task whose route lists image targets: pictures go through `LlmService.image`. */
export const IMAGE_TASK = "cover-image" satisfies LlmTask;

export type ImageOrientation = "portrait" | "square" | "landscape";

export interface ImageRequest {
  prompt: string;
  /** What the picture must not show, for the models that take it (Workers AI SDXL). */
  negativePrompt?: string;
  /** Portrait (2:3, a book cover) unless asked otherwise; each provider gets its nearest size. */
  orientation?: ImageOrientation;
  user?: { id: string };
  bookId?: string;
  jobId?: string;
  signal?: AbortSignal;
  /** As LlmRequest.onUsage: every attempt's usage event, for the app's charging seam. */
  onUsage?: (event: UsageEvent) => void;
}

export type ImageMediaType = "image/png" | "image/jpeg" | "image/webp";

/** A picture checked by its bytes (a real PNG, JPEG or WebP), and what it cost. */
export interface ImageResult {
  bytes: Uint8Array;
  mediaType: ImageMediaType;
  width: number;
  height: number;
  provider: ProviderKind;
  model: string;
  targetId: string;
  attempts: number;
  /** Integer micro-USD; null when neither the provider nor the price table knows it. */
  costMicroUsd: number | null;
  costSource: CostSource;
  fallbackFrom?: string;
}

/** The task whose route lists embedding targets: vectors go through `LlmService.embed`. */
export const EMBEDDING_TASK = "embedding" satisfies LlmTask;

export interface EmbedRequest {
  /** The texts to embed, one vector each, in order. */
  input: string[];
  user?: { id: string };
  bookId?: string;
  jobId?: string;
  /** false bypasses the cache (neither read nor written). */
  cache?: boolean;
  signal?: AbortSignal;
  /** As LlmRequest.onUsage: every attempt's usage event, for the app's charging seam. */
  onUsage?: (event: UsageEvent) => void;
}

/**
 * One vector per input, all from the same model (vectors of different models cannot be compared:
 * store `model` beside them and compare only like with like). Unit length (L2-normalised).
 */
export interface EmbedResult {
  vectors: Float32Array[];
  dimensions: number;
  provider: ProviderKind;
  model: string;
  targetId: string;
  /** Upstream attempts made (0 when every input came from the cache). */
  attempts: number;
  usage: TokenUsage;
  /** Integer micro-USD of the upstream calls (cached inputs cost 0); null when the price is unknown. */
  costMicroUsd: number | null;
  costSource: CostSource;
  /** How many inputs were served from the cache. */
  cachedInputs: number;
  fallbackFrom?: string;
}
