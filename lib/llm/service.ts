// createLlmService: the one entry point the app calls. Around the dispatcher it adds routing, the
// response cache with single-flight, budget reservation, usage events and structured output.
import type { LlmConfig } from "./config";
import { EMBEDDING_TASK, IMAGE_TASK, type EmbedRequest, type EmbedResult, type ImageRequest, type ImageResult } from "./contract";
import type { BudgetWarning, LlmRequest, LlmResult, LlmStream, LlmTask, ObjectRequest, Target, TargetHealth, TargetPrice, UsageEvent, UsageSink } from "./contract";
import { LlmError } from "./errors";
import { MemoryBudgetStore, type BudgetStore } from "./budget";
import { cacheKey } from "./cache/key";
import { MemoryLruCache } from "./cache/memory-lru";
import type { CacheStore } from "./cache/store";
import { priceFor } from "./cost/prices";
import { createOpenRouterPriceRefresher, type PriceRefresher } from "./cost/price-refresher";
import { discoverContextWindow } from "./providers/model-info";
import { createInvokers } from "./providers/registry";
import type { ProviderCall } from "./providers/types";
import { HealthBoard } from "./router/breaker";
import { routeTargets } from "./router/strategies";
import { BudgetGuard, EXPECTED_OUTPUT_TOKENS } from "./service/budget-guard";
import { answerToCache, cachedUsageEvent, resultFromCache } from "./service/cache-replay";
import { TextChannel } from "./service/channel";
import { continuationMessages } from "./service/continuation";
import { dispatch, type DispatchEnv } from "./service/dispatch";
import { Tally } from "./service/metering";
import { generateObjectWith } from "./service/structured";
import { approximateMessageTokens } from "./tokens";
import { imageInvokerFor } from "./image/dialects";
import { paintImage, type ImageEnv } from "./image/paint";
import type { WorkersAiBinding } from "./providers/workers-ai";
import { embedInvokerFor } from "./embedding/dialects";
import type { EmbedEnv } from "./embedding/embed";
import { embedTexts } from "./embedding/request";

/** How long the first request waits for a server to name its context window. */
const WINDOW_TIMEOUT_MS = 2_000;
const WINDOW_RETRY_MS = 10 * 60_000;
const DEMO_WINDOW_FALLBACK = 8_192;

export interface LlmServiceDeps {
  sink?: UsageSink;
  cache?: CacheStore;
  budget?: BudgetStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** The Workers AI binding (`env.AI`) when running in a worker. */
  aiBinding?: unknown;
  /** Randomness for jitter, weighted and unsticky A/B picks (tests make it deterministic). */
  random?: () => number;
  /** Price refresh from OpenRouter's model list; null disables it. */
  priceRefresher?: PriceRefresher | null;
  /** Where a failing usage sink is reported (default console.error). */
  onSinkError?: (error: unknown) => void;
}

export interface LlmService {
  readonly config: LlmConfig;
  streamText(req: LlmRequest): LlmStream;
  generateText(req: LlmRequest): Promise<LlmResult>;
  generateObject<T>(req: ObjectRequest<T>): Promise<LlmResult & { object: T }>;
  /**
   * One unit vector per input text on the embedding route (the demo embedder when no embedding model
   * is configured), all from one model: compare only vectors whose `model` matches.
   */
  embed(req: EmbedRequest): Promise<EmbedResult>;
  /** Paints one picture on the image task's route; `config` error when no image model is configured. */
  image(req: ImageRequest): Promise<ImageResult>;
  health(): TargetHealth[];
  /** The context window of the first target on a task's route, as the server reported it when it did. */
  contextWindow(task: LlmTask): Promise<number>;
  /** Price of a configured target (by id) or model, including refreshed prices; undefined if unknown. */
  priceFor(targetIdOrModel: string): TargetPrice | undefined;
}

interface ExecuteOptions {
  json?: ProviderCall["json"];
  /** A complete answer is stored only if this accepts it (generateObject: valid JSON). */
  accept?: (text: string) => boolean;
}

export function createLlmService(config: LlmConfig, deps: LlmServiceDeps = {}): LlmService {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const doFetch = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const cache = deps.cache ?? new MemoryLruCache(config.cache.maxEntries, now);
  const budgetStore = deps.budget ?? new MemoryBudgetStore();
  const health = new HealthBoard(config.breaker, now);
  const targets = new Map(config.targets.map((t) => [t.id, t]));
  const embedders = new Map(config.embeddingTargets.map((t) => [t.id, t]));
  const inFlight = new Map<string, Promise<LlmResult>>();
  const turns = new Map<LlmTask, number>();
  const onSinkError = deps.onSinkError ?? ((error: unknown) => console.error("[llm] usage sink failed", error));
  let refreshed: Record<string, TargetPrice> = {};

  const invokers = createInvokers(config.targets, { aiBinding: deps.aiBinding, demoDelayMs: config.demo.delayMs });

  const openRouter = config.targets.find((t) => t.provider === "openrouter");
  const refresher =
    deps.priceRefresher === null || !config.refreshPrices || !openRouter
      ? undefined
      : (deps.priceRefresher ?? createOpenRouterPriceRefresher({ fetch: doFetch, baseUrl: openRouter.baseUrl, now }));
  function refreshPrices(): void {
    // Best effort: a failed refresh keeps the prices known so far (and must not be an unhandled rejection).
    refresher?.prices().then(
      (prices) => {
        refreshed = prices;
      },
      (error: unknown) => console.warn("[llm] price refresh failed; keeping the known prices", error),
    );
  }

  // Context windows asked of the servers whose window is not configured: once per service, again
  // after WINDOW_RETRY_MS when the server did not say. The answer replaces the target's default.
  const windowAsked = new Map<string, { at: number; done: boolean; promise: Promise<void> }>();
  function discoverWindows(): Promise<unknown> | undefined {
    let waits: Promise<void>[] | undefined;
    for (const target of config.targets) {
      if (!target.discoverContextWindow || target.provider !== "openai-compatible") continue;
      const asked = windowAsked.get(target.id);
      if (asked && (!asked.done || now() - asked.at < WINDOW_RETRY_MS)) {
        if (!asked.done) (waits ??= []).push(asked.promise);
        continue;
      }
      const entry = { at: now(), done: false, promise: Promise.resolve() };
      entry.promise = discoverContextWindow(target, doFetch, WINDOW_TIMEOUT_MS).then((window) => {
        entry.done = true;
        if (window !== undefined) {
          target.capabilities.contextWindow = window;
          target.discoverContextWindow = false;
        }
      });
      windowAsked.set(target.id, entry);
      (waits ??= []).push(entry.promise);
    }
    return waits && Promise.all(waits);
  }

  function priceOf(target: Target): TargetPrice | undefined {
    return target.price ?? refreshed[target.model] ?? priceFor(target.model);
  }

  function emit(event: UsageEvent, req: Pick<LlmRequest, "onUsage" | "recordsOwnUsage">): void {
    try {
      req.onUsage?.(event);
    } catch (error) {
      onSinkError(error);
    }
    if (!deps.sink || req.recordsOwnUsage) return;
    try {
      const pending = deps.sink.record(event);
      if (pending) pending.catch(onSinkError);
    } catch (error) {
      onSinkError(error);
    }
  }

  function warn(warning: BudgetWarning): void {
    try {
      const pending = deps.sink?.budgetWarning?.(warning);
      if (pending) pending.catch(onSinkError);
    } catch (error) {
      onSinkError(error);
    }
  }

  const env: DispatchEnv = {
    retry: config.retry,
    timeouts: config.timeouts,
    health,
    invokerFor: (target) => invokers[target.provider],
    priceOf,
    fetch: doFetch,
    now,
    random,
    emit,
    continuationTasks: new Set(config.continuationTasks),
  };

  const binding = deps.aiBinding as WorkersAiBinding | undefined;
  const imageEnv: ImageEnv = {
    ...env,
    task: IMAGE_TASK,
    // A picture arrives whole: its wait is the answer deadline, stretched to the image timeout.
    timeouts: { ...config.timeouts, answerMs: config.imageTimeoutMs, totalMs: Math.max(config.timeouts.totalMs, config.imageTimeoutMs) },
    invokerFor: (target) => imageInvokerFor(target, typeof binding?.run === "function" ? binding : undefined),
  };

  const embedEnv: EmbedEnv = {
    ...env,
    invokerFor: (target) => embedInvokerFor(target, typeof binding?.run === "function" ? binding : undefined),
  };

  function plan(req: LlmRequest, json: ProviderCall["json"]) {
    if (req.task === EMBEDDING_TASK) throw new LlmError("bad_request", `task "${EMBEDDING_TASK}" turns text into vectors: call embed()`, { retryable: false });
    if (req.task === IMAGE_TASK) throw new LlmError("bad_request", `task "${IMAGE_TASK}" paints pictures: call image()`, { retryable: false });
    const route = config.routes[req.task];
    if (!route) throw new LlmError("bad_request", `unknown task "${req.task}"`, { retryable: false });
    if (!Array.isArray(req.messages) || req.messages.length === 0) throw new LlmError("bad_request", "messages must be a non-empty array", { retryable: false });
    const messages = req.continueFrom ? continuationMessages(req.messages, req.continueFrom) : req.messages;
    const format = req.responseFormat;
    const asked = json ?? (format ? { jsonSchema: format.type === "json_schema" ? format.schema : undefined, zod: undefined, name: format.type === "json_schema" ? format.name : undefined } : undefined);
    const call: ProviderCall = { task: req.task, messages, maxTokens: req.maxTokens, temperature: req.temperature, stop: req.stop, sampling: req.sampling, json: asked };
    const turn = turns.get(req.task) ?? 0;
    turns.set(req.task, turn + 1);
    const promptTokens = approximateMessageTokens(messages);
    const decision = routeTargets({
      route,
      targets,
      promptTokens,
      maxOutputTokens: req.maxTokens ?? EXPECTED_OUTPUT_TOKENS[req.task],
      needsJson: call.json !== undefined,
      userId: req.user?.id,
      bookId: req.bookId,
      turn,
      random,
      priceOf,
      isAvailable: (id) => health.isAvailable(id),
    });
    return { route, call, decision, promptTokens };
  }

  const budget = new BudgetGuard({ ...config.budget, store: budgetStore, now, priceOf, warn });

  async function execute(req: LlmRequest, channel: TextChannel | undefined, signal: AbortSignal, options: ExecuteOptions): Promise<LlmResult> {
    const started = now();
    refreshPrices();
    const discovering = discoverWindows();
    if (discovering) await discovering;
    const { route, call, decision, promptTokens } = plan(req, options.json);
    const primary = decision.order[0];
    if (!primary) throw new LlmError("config", `route for ${req.task} has no targets`, { retryable: false });
    const cacheable = config.cache.enabled && req.cache !== false;
    let key: string | undefined;
    const keyFor = (target: Target) =>
      cacheKey({ task: req.task, target, messages: call.messages, maxTokens: req.maxTokens, temperature: req.temperature, stop: req.stop, jsonSchema: options.json?.jsonSchema });
    if (cacheable) {
      key = await keyFor(primary);
      const hit = await cache.get(key);
      if (hit) {
        emit(cachedUsageEvent(req, hit, decision.arm, started, now() - started), req);
        return resultFromCache(hit, decision.arm, channel);
      }
      const leader = inFlight.get(key);
      if (leader) {
        // Single flight: share the identical request already under way.
        const shared = await leader.then(
          (result) => result,
          (error: unknown) => (error instanceof LlmError && error.code === "aborted" ? undefined : Promise.reject(error)),
        );
        if (shared) {
          const answer = answerToCache(shared, started);
          emit(cachedUsageEvent(req, answer, decision.arm, started, now() - started), req);
          return resultFromCache(answer, decision.arm, channel);
        }
      }
    }
    const run = (async () => {
      const reservation = await budget.reserve(decision.order, promptTokens, req.maxTokens ?? EXPECTED_OUTPUT_TOKENS[req.task]);
      const tally = new Tally();
      try {
        const result = await dispatch(env, { req, call, order: decision.order, noFallback: route.noFallback === true, arm: decision.arm, signal, channel }, tally);
        if (key !== undefined && result.finishReason === "stop" && (options.accept?.(result.text) ?? true)) {
          const answer = answerToCache(result, now());
          // Stored under the model that actually answered: a fallback's text never poses as the first choice's.
          const answeredBy = result.targetId === primary.id ? primary : targets.get(result.targetId);
          const storeKey = answeredBy === primary ? key : answeredBy ? await keyFor(answeredBy) : undefined;
          if (storeKey !== undefined) await cache.set(storeKey, answer, config.cache.ttlMs[req.task]);
        }
        return result;
      } finally {
        await budget.settle(reservation, tally.cost.costMicroUsd ?? tally.knownCostMicroUsd);
      }
    })();
    if (key !== undefined) {
      inFlight.set(key, run);
      run.then(
        () => inFlight.delete(key),
        () => inFlight.delete(key),
      );
    }
    return run;
  }

  function requestSignal(req: LlmRequest): { controller: AbortController; signal: AbortSignal } {
    const controller = new AbortController();
    const signal = req.signal ? AbortSignal.any([req.signal, controller.signal]) : controller.signal;
    return { controller, signal };
  }

  const service: LlmService = {
    config,

    streamText(req) {
      const { controller, signal } = requestSignal(req);
      const channel = new TextChannel(() => controller.abort(new LlmError("aborted", "stream consumer stopped reading", { retryable: false })));
      const result = execute(req, channel, signal, {}).then(
        (value) => {
          channel.close();
          return value;
        },
        (error: unknown) => {
          channel.fail(error);
          throw error;
        },
      );
      // The caller may read only textStream; the error still reaches it there.
      result.catch(() => undefined);
      return { textStream: channel, result };
    },

    generateText(req) {
      return execute(req, undefined, requestSignal(req).signal, {});
    },

    generateObject<T>(req: ObjectRequest<T>) {
      const signal = requestSignal(req).signal;
      return generateObjectWith((r, options) => execute(r, undefined, signal, options), req);
    },

    async image(req) {
      if (typeof req.prompt !== "string" || req.prompt.trim() === "") throw new LlmError("bad_request", "an image needs a prompt", { retryable: false });
      refreshPrices();
      const route = config.routes[IMAGE_TASK];
      const turn = turns.get(IMAGE_TASK) ?? 0;
      turns.set(IMAGE_TASK, turn + 1);
      const decision = route.targets.length === 0 ? { order: [] } : routeTargets({ route, targets, promptTokens: 0, maxOutputTokens: 0, needsJson: false, userId: req.user?.id, bookId: req.bookId, turn, random, priceOf, isAvailable: (id) => health.isAvailable(id) });
      const order = decision.order.filter((t) => t.output === "image");
      if (order.length === 0) throw new LlmError("config", "no image model is configured (WORKERS_AI_IMAGE_MODEL, OPENAI_IMAGE_MODEL or OPENROUTER_IMAGE_MODEL)", { retryable: false });
      const reservation = await budget.reserveImage(order);
      const tally = new Tally();
      try {
        return await paintImage(imageEnv, { req, order, noFallback: route.noFallback === true, signal: req.signal ?? new AbortController().signal }, tally);
      } finally {
        await budget.settle(reservation, tally.cost.costMicroUsd ?? tally.knownCostMicroUsd);
      }
    },

    embed(req) {
      const turn = turns.get(EMBEDDING_TASK) ?? 0;
      turns.set(EMBEDDING_TASK, turn + 1);
      refreshPrices();
      return embedTexts({ config, cache, budget, health, embedders, env: embedEnv, emit, now, random, priceOf, turn }, req);
    },

    health() {
      // Configured embedding models are watched like the rest; the offline embedder has nothing to watch.
      return health.snapshot([...config.targets, ...config.embeddingTargets.filter((t) => t.provider !== "demo")]);
    },

    async contextWindow(task) {
      const discovering = discoverWindows();
      if (discovering) await discovering;
      const first = config.routes[task]?.targets[0]?.id;
      return targets.get(first ?? "")?.capabilities.contextWindow ?? DEMO_WINDOW_FALLBACK;
    },

    priceFor(targetIdOrModel) {
      const target = targets.get(targetIdOrModel) ?? embedders.get(targetIdOrModel);
      if (target) return priceOf(target);
      return refreshed[targetIdOrModel] ?? priceFor(targetIdOrModel);
    },
  };
  return service;
}
