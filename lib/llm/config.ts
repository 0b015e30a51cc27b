// The one typed configuration of the LLM service, filled from environment variables and validated at
// start. Every variable read here is listed in .env.example between LLM-ENV-BEGIN and LLM-ENV-END.
import { z } from "zod";
import { EMBEDDING_TASK, IMAGE_TASK, STRUCTURED_OUTPUTS, TASKS, type LlmTask, type Route, type StructuredOutput, type Target, type TargetPrice } from "./contract";
import { LlmError } from "./errors";
import type { BreakerConfig } from "./router/breaker";
import type { RetryConfig } from "./router/backoff";
import type { Timeouts } from "./transport/watchdog";
import { OPENROUTER_BASE_URL } from "./providers/openrouter";

export interface LlmConfig {
  targets: Target[];
  routes: Record<LlmTask, Route>;
  retry: RetryConfig;
  timeouts: Timeouts;
  breaker: BreakerConfig;
  cache: { enabled: boolean; maxEntries: number; ttlMs: Record<LlmTask, number> };
  budget: { dailyMicroUsd: number | null; monthlyMicroUsd: number | null; warnRatio: number };
  demo: { delayMs: number };
  /** Tasks whose broken stream may continue on the next target from the text already produced. */
  continuationTasks: LlmTask[];
  /** True when no provider is configured and everything is served by the demo model. */
  demoOnly: boolean;
  /** Refresh prices from OpenRouter's model list (when an OpenRouter target exists). */
  refreshPrices: boolean;
  /** Longest wait for one painted picture (the answer deadline of an image attempt). */
  imageTimeoutMs: number;
  /**
   * Targets that turn text into vectors (the `embedding` route): kept apart from `targets`, which
   * lists the models that write text and paint pictures, so no chat surface ever offers them.
   */
  embeddingTargets: Target[];
}

const url = z.string().url({ message: "must be an absolute URL (http:// or https://)" });
const positiveInt = z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number").positive("must be > 0");
const nonNegativeInt = z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number").min(0, "must be >= 0");
const usd = z.coerce.number({ invalid_type_error: "must be a number" }).min(0, "must be >= 0");
const flag = z.enum(["1", "0", "true", "false", "on", "off", "yes", "no"], { errorMap: () => ({ message: "must be true or false" }) }).transform((v) => ["1", "true", "on", "yes"].includes(v));

const envSchema = z.object({
  CUSTOM_LLM_BASE_URL: url.optional(),
  CUSTOM_LLM_API_KEY: z.string().optional(),
  CUSTOM_LLM_MODEL: z.string().min(1).optional(),
  CUSTOM_LLM_CONTEXT_WINDOW: positiveInt.optional(),
  CUSTOM_LLM_JSON_MODE: flag.optional(),
  CUSTOM_LLM_STRUCTURED_OUTPUT: z.enum(STRUCTURED_OUTPUTS as [StructuredOutput, ...StructuredOutput[]], { errorMap: () => ({ message: `must be one of ${STRUCTURED_OUTPUTS.join(", ")}` }) }).optional(),
  CUSTOM_LLM_PRICE_INPUT_PER_MTOK: usd.optional(),
  CUSTOM_LLM_PRICE_OUTPUT_PER_MTOK: usd.optional(),
  MODAL_LLAMA_URL: url.optional(),
  MODAL_API_KEY: z.string().optional(),
  MODAL_LLAMA_MODEL: z.string().min(1).optional(),
  MODAL_CONTEXT_WINDOW: positiveInt.optional(),
  OPENROUTER_API_KEY: z.string().min(1).optional(),
  OPENROUTER_MODEL: z.string().min(1).optional(),
  OPENROUTER_BASE_URL: url.optional(),
  OPENROUTER_CONTEXT_WINDOW: positiveInt.optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).optional(),
  OPENAI_BASE_URL: url.optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_MODEL: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: url.optional(),
  CLOUDFLARE_ACCOUNT_ID: z.string().min(1).optional(),
  CLOUDFLARE_API_TOKEN: z.string().min(1).optional(),
  WORKERS_AI_MODEL: z.string().min(1).optional(),
  WORKERS_AI_BASE_URL: url.optional(),
  CUSTOM_FORMAT_URL: url.optional(),
  CUSTOM_FORMAT_API_KEY: z.string().optional(),
  CUSTOM_FORMAT_MODEL: z.string().min(1).optional(),
  APP_URL: url.optional(),
  LLM_FORCE_DEMO: flag.optional(),
  LLM_ROUTES: z.string().optional(),
  LLM_MAX_RETRIES: nonNegativeInt.optional(),
  LLM_RETRY_BASE_MS: nonNegativeInt.optional(),
  LLM_RETRY_MAX_MS: nonNegativeInt.optional(),
  LLM_MAX_RETRY_AFTER_MS: nonNegativeInt.optional(),
  LLM_CONNECT_TIMEOUT_MS: positiveInt.optional(),
  LLM_FIRST_TOKEN_TIMEOUT_MS: positiveInt.optional(),
  LLM_IDLE_TIMEOUT_MS: positiveInt.optional(),
  LLM_TOTAL_TIMEOUT_MS: positiveInt.optional(),
  LLM_ANSWER_TIMEOUT_MS: positiveInt.optional(),
  LLM_BREAKER_FAILURES: positiveInt.optional(),
  LLM_BREAKER_COOLDOWN_MS: positiveInt.optional(),
  LLM_BREAKER_QUOTA_COOLDOWN_MS: positiveInt.optional(),
  LLM_BREAKER_MISCONFIGURED_COOLDOWN_MS: positiveInt.optional(),
  LLM_CACHE: flag.optional(),
  LLM_CACHE_MAX_ENTRIES: positiveInt.optional(),
  LLM_CACHE_TTL_SECONDS: positiveInt.optional(),
  LLM_CACHE_SUGGESTION_TTL_SECONDS: positiveInt.optional(),
  LLM_DAILY_BUDGET_USD: usd.optional(),
  LLM_MONTHLY_BUDGET_USD: usd.optional(),
  LLM_REFRESH_PRICES: flag.optional(),
  DEMO_MODEL_DELAY_MS: nonNegativeInt.optional(),
  WORKERS_AI_IMAGE_MODEL: z.string().min(1).optional(),
  WORKERS_AI_IMAGE_PRICE_USD: usd.optional(),
  OPENAI_IMAGE_MODEL: z.string().min(1).optional(),
  OPENAI_IMAGE_BASE_URL: url.optional(),
  OPENAI_IMAGE_API_KEY: z.string().min(1).optional(),
  OPENAI_IMAGE_PRICE_USD: usd.optional(),
  OPENROUTER_IMAGE_MODEL: z.string().min(1).optional(),
  OPENROUTER_IMAGE_API_KEY: z.string().min(1).optional(),
  OPENROUTER_IMAGE_PRICE_USD: usd.optional(),
  LLM_IMAGE_TIMEOUT_MS: positiveInt.optional(),
  CUSTOM_EMBEDDING_MODEL: z.string().min(1).optional(),
  CUSTOM_EMBEDDING_BASE_URL: url.optional(),
  CUSTOM_EMBEDDING_API_KEY: z.string().optional(),
  CUSTOM_EMBEDDING_PRICE_PER_MTOK: usd.optional(),
  WORKERS_AI_EMBEDDING_MODEL: z.string().min(1).optional(),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).optional(),
  OPENROUTER_EMBEDDING_MODEL: z.string().min(1).optional(),
});
type Env = z.infer<typeof envSchema>;

const routeOverrideSchema = z
  .object({
    strategy: z.enum(["priority", "round-robin", "weighted", "cost-optimized", "capability", "ab"]).optional(),
    targets: z.array(z.union([z.string(), z.object({ id: z.string(), weight: z.number().positive().optional() })])).min(1).optional(),
    noFallback: z.boolean().optional(),
    stickyBy: z.enum(["user", "book"]).optional(),
  })
  .strict();
const routesSchema = z.record(z.enum(TASKS), routeOverrideSchema);

function fail(message: string): never {
  throw new LlmError("config", `Invalid LLM configuration: ${message}`, { retryable: false });
}

function requireTogether(env: Env, present: keyof Env, needed: Array<keyof Env>): void {
  if (env[present] === undefined) return;
  for (const name of needed) if (env[name] === undefined) fail(`${name} is required when ${present} is set`);
}

function price(input?: number, output?: number): TargetPrice | undefined {
  if (input === undefined && output === undefined) return undefined;
  return { inputPerMTok: input ?? 0, outputPerMTok: output ?? 0 };
}

function buildTargets(env: Env): Target[] {
  const targets: Target[] = [];
  // vLLM, llama.cpp, Ollama and LocalAI all take a json_schema response format; a server that refuses
  // it with a 400 is asked again one step weaker (json_object, then prompt only) and remembered.
  const customStructured: StructuredOutput = env.CUSTOM_LLM_STRUCTURED_OUTPUT ?? (env.CUSTOM_LLM_JSON_MODE === false ? "none" : "json_schema");
  if (env.CUSTOM_LLM_BASE_URL) {
    targets.push({
      id: "custom",
      provider: "openai-compatible",
      model: env.CUSTOM_LLM_MODEL!,
      baseUrl: env.CUSTOM_LLM_BASE_URL,
      apiKey: env.CUSTOM_LLM_API_KEY || undefined,
      price: price(env.CUSTOM_LLM_PRICE_INPUT_PER_MTOK, env.CUSTOM_LLM_PRICE_OUTPUT_PER_MTOK),
      capabilities: { contextWindow: env.CUSTOM_LLM_CONTEXT_WINDOW ?? 8192, jsonMode: customStructured !== "none", structuredOutput: customStructured, speed: 4, quality: 3 },
      discoverContextWindow: env.CUSTOM_LLM_CONTEXT_WINDOW === undefined,
    });
  }
  if (env.MODAL_LLAMA_URL) {
    targets.push({
      id: "modal",
      provider: "openai-compatible",
      model: env.MODAL_LLAMA_MODEL ?? "llama",
      baseUrl: env.MODAL_LLAMA_URL,
      apiKey: env.MODAL_API_KEY || undefined,
      capabilities: { contextWindow: env.MODAL_CONTEXT_WINDOW ?? 8192, jsonMode: true, structuredOutput: "json_schema", speed: 3, quality: 3 },
      discoverContextWindow: env.MODAL_CONTEXT_WINDOW === undefined,
    });
  }
  if (env.WORKERS_AI_MODEL) {
    targets.push({
      id: "workers-ai",
      provider: "workers-ai",
      model: env.WORKERS_AI_MODEL,
      baseUrl: env.WORKERS_AI_BASE_URL,
      accountId: env.CLOUDFLARE_ACCOUNT_ID,
      apiKey: env.CLOUDFLARE_API_TOKEN,
      capabilities: { contextWindow: 8192, jsonMode: true, structuredOutput: "json_schema", speed: 4, quality: 2 },
    });
  }
  if (env.CUSTOM_FORMAT_URL) {
    targets.push({
      id: "custom-format",
      provider: "custom-format",
      model: env.CUSTOM_FORMAT_MODEL ?? "custom-format",
      baseUrl: env.CUSTOM_FORMAT_URL,
      apiKey: env.CUSTOM_FORMAT_API_KEY || undefined,
      capabilities: { contextWindow: 4096, jsonMode: false, structuredOutput: "none", speed: 3, quality: 2 },
    });
  }
  if (env.OPENROUTER_API_KEY) {
    targets.push({
      id: "openrouter",
      provider: "openrouter",
      model: env.OPENROUTER_MODEL ?? "meta-llama/llama-3.3-70b-instruct",
      baseUrl: env.OPENROUTER_BASE_URL ?? OPENROUTER_BASE_URL,
      apiKey: env.OPENROUTER_API_KEY,
      // OpenRouter's app attribution headers.
      headers: { "HTTP-Referer": env.APP_URL ?? "https://quire.app", "X-Title": "Quire" },
      capabilities: { contextWindow: env.OPENROUTER_CONTEXT_WINDOW ?? 128_000, jsonMode: true, structuredOutput: "json_schema_strict", speed: 3, quality: 4 },
    });
  }
  if (env.OPENAI_API_KEY) {
    targets.push({
      id: "openai",
      provider: "openai",
      model: env.OPENAI_MODEL ?? "gpt-4o-mini",
      baseUrl: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
      apiKey: env.OPENAI_API_KEY,
      capabilities: { contextWindow: 128_000, jsonMode: true, structuredOutput: "json_schema_strict", speed: 4, quality: 4 },
    });
  }
  if (env.ANTHROPIC_API_KEY) {
    targets.push({
      id: "anthropic",
      provider: "anthropic",
      model: env.ANTHROPIC_MODEL ?? "claude-haiku-4-5",
      baseUrl: env.ANTHROPIC_BASE_URL,
      apiKey: env.ANTHROPIC_API_KEY,
      capabilities: { contextWindow: 200_000, jsonMode: true, structuredOutput: "tool", speed: 4, quality: 5 },
    });
  }
  return targets;
}

/** Image targets (the `cover-image` route), each reusing its vendor's key unless given its own. */
function buildImageTargets(env: Env): Target[] {
  const targets: Target[] = [];
  const capabilities = { contextWindow: 4096, jsonMode: false, speed: 2, quality: 3 };
  const perImage = (usdPerImage?: number): TargetPrice | undefined => (usdPerImage === undefined ? undefined : { inputPerMTok: 0, outputPerMTok: 0, perImage: usdPerImage });
  if (env.WORKERS_AI_IMAGE_MODEL) {
    targets.push({ id: "workers-ai-image", provider: "workers-ai", output: "image", model: env.WORKERS_AI_IMAGE_MODEL, baseUrl: env.WORKERS_AI_BASE_URL, accountId: env.CLOUDFLARE_ACCOUNT_ID, apiKey: env.CLOUDFLARE_API_TOKEN, price: perImage(env.WORKERS_AI_IMAGE_PRICE_USD), capabilities });
  }
  if (env.OPENAI_IMAGE_MODEL) {
    const custom = env.OPENAI_IMAGE_BASE_URL !== undefined;
    const apiKey = env.OPENAI_IMAGE_API_KEY ?? env.OPENAI_API_KEY;
    // OpenAI itself needs a key; a self-hosted images server (Modal SDXL, LocalAI) may not.
    if (!custom && !apiKey) fail("OPENAI_IMAGE_MODEL needs OPENAI_IMAGE_API_KEY or OPENAI_API_KEY (or OPENAI_IMAGE_BASE_URL for a server without auth)");
    targets.push({ id: "openai-image", provider: custom ? "openai-compatible" : "openai", output: "image", model: env.OPENAI_IMAGE_MODEL, baseUrl: env.OPENAI_IMAGE_BASE_URL ?? env.OPENAI_BASE_URL ?? "https://api.openai.com/v1", apiKey, price: perImage(env.OPENAI_IMAGE_PRICE_USD), capabilities });
  }
  if (env.OPENROUTER_IMAGE_MODEL) {
    const apiKey = env.OPENROUTER_IMAGE_API_KEY ?? env.OPENROUTER_API_KEY;
    if (!apiKey) fail("OPENROUTER_IMAGE_MODEL needs OPENROUTER_IMAGE_API_KEY or OPENROUTER_API_KEY");
    targets.push({ id: "openrouter-image", provider: "openrouter", output: "image", model: env.OPENROUTER_IMAGE_MODEL, baseUrl: env.OPENROUTER_BASE_URL ?? OPENROUTER_BASE_URL, apiKey, headers: { "HTTP-Referer": env.APP_URL ?? "https://quire.app", "X-Title": "Quire" }, price: perImage(env.OPENROUTER_IMAGE_PRICE_USD), capabilities });
  }
  return targets;
}

/**
 * Embedding targets (the `embedding` route), in this order: a self-hosted OpenAI-compatible server
 * (vLLM, Ollama, llama.cpp, LocalAI; its base URL and key default to CUSTOM_LLM_*), Workers AI, OpenAI,
 * OpenRouter. Each reuses its vendor's key.
 */
function buildEmbeddingTargets(env: Env): Target[] {
  const targets: Target[] = [];
  // Context window = the most tokens one input may carry (BGE models: 512; OpenAI's: 8,191).
  const capabilities = (contextWindow: number) => ({ contextWindow, jsonMode: false, speed: 4, quality: 3 });
  if (env.CUSTOM_EMBEDDING_MODEL) {
    const baseUrl = env.CUSTOM_EMBEDDING_BASE_URL ?? env.CUSTOM_LLM_BASE_URL;
    if (!baseUrl) fail("CUSTOM_EMBEDDING_MODEL needs CUSTOM_EMBEDDING_BASE_URL (or CUSTOM_LLM_BASE_URL, when the same server embeds)");
    const priced = env.CUSTOM_EMBEDDING_PRICE_PER_MTOK === undefined ? undefined : { inputPerMTok: env.CUSTOM_EMBEDDING_PRICE_PER_MTOK, outputPerMTok: 0 };
    targets.push({ id: "custom-embedding", provider: "openai-compatible", output: "embedding", model: env.CUSTOM_EMBEDDING_MODEL, baseUrl, apiKey: (env.CUSTOM_EMBEDDING_API_KEY ?? env.CUSTOM_LLM_API_KEY) || undefined, price: priced, capabilities: capabilities(512) });
  }
  if (env.WORKERS_AI_EMBEDDING_MODEL) {
    targets.push({ id: "workers-ai-embedding", provider: "workers-ai", output: "embedding", model: env.WORKERS_AI_EMBEDDING_MODEL, baseUrl: env.WORKERS_AI_BASE_URL, accountId: env.CLOUDFLARE_ACCOUNT_ID, apiKey: env.CLOUDFLARE_API_TOKEN, capabilities: capabilities(512) });
  }
  if (env.OPENAI_EMBEDDING_MODEL) {
    if (!env.OPENAI_API_KEY) fail("OPENAI_EMBEDDING_MODEL needs OPENAI_API_KEY");
    targets.push({ id: "openai-embedding", provider: "openai", output: "embedding", model: env.OPENAI_EMBEDDING_MODEL, baseUrl: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1", apiKey: env.OPENAI_API_KEY, capabilities: capabilities(8191) });
  }
  if (env.OPENROUTER_EMBEDDING_MODEL) {
    if (!env.OPENROUTER_API_KEY) fail("OPENROUTER_EMBEDDING_MODEL needs OPENROUTER_API_KEY");
    targets.push({ id: "openrouter-embedding", provider: "openrouter", output: "embedding", model: env.OPENROUTER_EMBEDDING_MODEL, baseUrl: env.OPENROUTER_BASE_URL ?? OPENROUTER_BASE_URL, apiKey: env.OPENROUTER_API_KEY, headers: { "HTTP-Referer": env.APP_URL ?? "https://quire.app", "X-Title": "Quire" }, capabilities: capabilities(8191) });
  }
  return targets;
}

/** The offline embedder (hashed bag of words): the embedding route when no embedding model is configured. */
export const DEMO_EMBEDDING_TARGET: Target = {
  id: "demo-embedding",
  provider: "demo",
  output: "embedding",
  model: "quire-demo-embedding",
  price: { inputPerMTok: 0, outputPerMTok: 0 },
  capabilities: { contextWindow: 1_000_000, jsonMode: false, speed: 5, quality: 1 },
};

export const DEMO_TARGET: Target = {
  id: "demo",
  provider: "demo",
  model: "quire-demo",
  price: { inputPerMTok: 0, outputPerMTok: 0 },
  capabilities: { contextWindow: 1_000_000, jsonMode: true, speed: 5, quality: 1 },
};

function buildRoutes(env: Env, targets: Target[], imageTargets: Target[], embeddingTargets: Target[]): Record<LlmTask, Route> {
  const defaultOrder = targets.filter((t) => t.id !== "demo").map((t) => ({ id: t.id }));
  const base: Route = { strategy: "priority", targets: defaultOrder.length > 0 ? defaultOrder : [{ id: "demo" }] };
  const routes = Object.fromEntries(TASKS.map((task) => [task, { ...base, targets: [...base.targets] }])) as Record<LlmTask, Route>;
  // Pictures only from image targets; none configured leaves the route empty (covers stay typographic).
  routes[IMAGE_TASK] = { strategy: "priority", targets: imageTargets.map((t) => ({ id: t.id })) };
  // Vectors only from embedding targets; none configured: the demo embedder, as text falls back to the demo model.
  routes[EMBEDDING_TASK] = { strategy: "priority", targets: embeddingTargets.map((t) => ({ id: t.id })) };
  if (!env.LLM_ROUTES) return routes;
  let raw: unknown;
  try {
    raw = JSON.parse(env.LLM_ROUTES);
  } catch {
    fail("LLM_ROUTES is not valid JSON");
  }
  const parsed = routesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`LLM_ROUTES.${issue.path.join(".")}: ${issue.message}`);
  }
  for (const [task, override] of Object.entries(parsed.data) as Array<[LlmTask, z.infer<typeof routeOverrideSchema>]>) {
    const route: Route = { ...routes[task] };
    if (override.strategy) route.strategy = override.strategy;
    if (override.targets) {
      const known = new Set((task === IMAGE_TASK ? imageTargets : task === EMBEDDING_TASK ? embeddingTargets : targets).map((t) => t.id));
      route.targets = override.targets.map((t) => (typeof t === "string" ? { id: t } : t));
      for (const t of route.targets) if (!known.has(t.id)) fail(`LLM_ROUTES.${task} names target "${t.id}", which is not configured for it (known: ${[...known].join(", ") || "none"})`);
    }
    if (override.noFallback !== undefined) route.noFallback = override.noFallback;
    if (override.stickyBy) route.stickyBy = override.stickyBy;
    routes[task] = route;
  }
  return routes;
}

/** Reads and validates the LLM configuration; throws an LlmError(config) naming the wrong variable. */
export function loadLlmConfig(source: Record<string, string | undefined>): LlmConfig {
  // The cover painter's own variables are gone: a leftover would otherwise turn painting off silently.
  const retired = Object.keys(source).find((k) => k.startsWith("COVER_IMAGE_") && (source[k] ?? "").trim() !== "");
  if (retired) fail(`${retired} is no longer read: image models are WORKERS_AI_IMAGE_MODEL, OPENAI_IMAGE_MODEL or OPENROUTER_IMAGE_MODEL (see .env.example)`);
  // Empty strings count as unset: `.env` files often carry `KEY=`.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== "") cleaned[key] = value.trim();
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`${issue.path.join(".")}: ${issue.message}`);
  }
  const env = parsed.data;
  requireTogether(env, "CUSTOM_LLM_BASE_URL", ["CUSTOM_LLM_MODEL"]);
  requireTogether(env, "CUSTOM_LLM_MODEL", ["CUSTOM_LLM_BASE_URL"]);
  requireTogether(env, "CLOUDFLARE_API_TOKEN", ["CLOUDFLARE_ACCOUNT_ID"]);
  const forceDemo = env.LLM_FORCE_DEMO ?? false;
  const providerTargets = forceDemo ? [] : buildTargets(env);
  const imageTargets = forceDemo ? [] : buildImageTargets(env);
  const targets = [...providerTargets, DEMO_TARGET, ...imageTargets];
  const configuredEmbedders = forceDemo ? [] : buildEmbeddingTargets(env);
  const embeddingTargets = configuredEmbedders.length > 0 ? configuredEmbedders : [DEMO_EMBEDDING_TARGET];
  const longTtl = (env.LLM_CACHE_TTL_SECONDS ?? 24 * 3600) * 1000;
  const shortTtl = (env.LLM_CACHE_SUGGESTION_TTL_SECONDS ?? 300) * 1000;
  const ttlMs = Object.fromEntries(TASKS.map((t) => [t, t === "suggestion" || t === "grammar" ? shortTtl : longTtl])) as Record<LlmTask, number>;
  return {
    targets,
    routes: buildRoutes(env, providerTargets.length > 0 ? [...providerTargets, DEMO_TARGET] : [DEMO_TARGET], imageTargets, embeddingTargets),
    retry: {
      maxRetries: env.LLM_MAX_RETRIES ?? 2,
      baseDelayMs: env.LLM_RETRY_BASE_MS ?? 250,
      maxDelayMs: env.LLM_RETRY_MAX_MS ?? 4000,
      maxRetryAfterMs: env.LLM_MAX_RETRY_AFTER_MS ?? 5000,
    },
    // A timeout moves on after one attempt, so a stream escapes a hung target within the connect
    // (10 s) or first-token (15 s) deadline; a non-streamed answer is bounded by answerMs.
    timeouts: {
      connectMs: env.LLM_CONNECT_TIMEOUT_MS ?? 10_000,
      firstTokenMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS ?? 15_000,
      idleMs: env.LLM_IDLE_TIMEOUT_MS ?? 15_000,
      answerMs: env.LLM_ANSWER_TIMEOUT_MS ?? 90_000,
      totalMs: env.LLM_TOTAL_TIMEOUT_MS ?? 300_000,
    },
    breaker: {
      failureThreshold: env.LLM_BREAKER_FAILURES ?? 5,
      cooldownMs: env.LLM_BREAKER_COOLDOWN_MS ?? 30_000,
      quotaCooldownMs: env.LLM_BREAKER_QUOTA_COOLDOWN_MS ?? 15 * 60_000,
      misconfiguredCooldownMs: env.LLM_BREAKER_MISCONFIGURED_COOLDOWN_MS ?? 30 * 60_000,
      window: 100,
      longRetryAfterMs: env.LLM_MAX_RETRY_AFTER_MS ?? 5000,
    },
    cache: { enabled: env.LLM_CACHE ?? true, maxEntries: env.LLM_CACHE_MAX_ENTRIES ?? 500, ttlMs },
    budget: {
      dailyMicroUsd: env.LLM_DAILY_BUDGET_USD === undefined ? null : Math.round(env.LLM_DAILY_BUDGET_USD * 1e6),
      monthlyMicroUsd: env.LLM_MONTHLY_BUDGET_USD === undefined ? null : Math.round(env.LLM_MONTHLY_BUDGET_USD * 1e6),
      warnRatio: 0.8,
    },
    demo: { delayMs: env.DEMO_MODEL_DELAY_MS ?? 15 },
    continuationTasks: ["chapter"],
    demoOnly: providerTargets.length === 0,
    refreshPrices: env.LLM_REFRESH_PRICES ?? true,
    imageTimeoutMs: env.LLM_IMAGE_TIMEOUT_MS ?? 90_000,
    embeddingTargets,
  };
}

/** The targets that paint pictures, in the image route's order (empty: covers stay typographic). */
export function imageTargets(config: Pick<LlmConfig, "targets" | "routes">): Target[] {
  const byId = new Map(config.targets.map((t) => [t.id, t]));
  return config.routes[IMAGE_TASK].targets.map((rt) => byId.get(rt.id)).filter((t): t is Target => t?.output === "image");
}
