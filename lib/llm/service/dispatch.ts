// The attempt loop: try targets in the order the strategy chose, retrying retryable failures with
// backoff, falling back on target faults, moving to a larger context window on a context-length
// error, and never passing a stream that broke after its first token off as complete (long-form
// tasks continue on the next target from the text already produced instead).
import type { ChatMessage, FinishReason, LlmRequest, LlmResult, LlmTask, Target, TargetPrice, UsageEvent } from "../contract";
import { LlmError, isLlmError, type LlmErrorCode } from "../errors";
import type { ModelInvoker, ProviderCall, ReportedUsage } from "../providers/types";
import { backoffDelay, sleep, type RetryConfig } from "../router/backoff";
import type { HealthBoard } from "../router/breaker";
import { approximateTokens } from "../tokens";
import { Watchdog, type Timeouts } from "../transport/watchdog";
import type { TextChannel } from "./channel";
import { attemptCost, attemptEvent, attemptUsage, Tally } from "./metering";

/** Errors that no other target or retry would fix: the request itself is the problem. */
export const FINAL: ReadonlySet<LlmErrorCode> = new Set(["bad_request", "content_filtered", "config", "invalid_output", "budget_exceeded", "aborted"]);

export const CONTINUE_INSTRUCTION = "Continue the text exactly where it stops. Do not repeat any of it and do not comment on it.";

export function continuationMessages(messages: ChatMessage[], produced: string): ChatMessage[] {
  return [...messages, { role: "assistant", content: produced }, { role: "user", content: CONTINUE_INSTRUCTION }];
}

export interface DispatchEnv {
  retry: RetryConfig;
  timeouts: Timeouts;
  health: HealthBoard;
  invokerFor: (target: Target) => ModelInvoker;
  priceOf: (target: Target) => TargetPrice | undefined;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  emit: (event: UsageEvent) => void;
  continuationTasks: ReadonlySet<LlmTask>;
}

export interface DispatchPlan {
  req: LlmRequest;
  call: ProviderCall;
  order: Target[];
  noFallback: boolean;
  arm?: string;
  signal: AbortSignal;
  /** Stream mode pushes text here as it arrives; complete mode leaves it undefined. */
  channel?: TextChannel;
}

interface AttemptOutcome {
  error?: LlmError;
  text: string;
  finishReason?: FinishReason;
}

function toLlmError(error: unknown): LlmError {
  if (isLlmError(error)) return error;
  return new LlmError("unavailable", error instanceof Error ? error.message : String(error), { cause: error });
}

async function attempt(env: DispatchEnv, plan: DispatchPlan, target: Target, call: ProviderCall, attemptNo: number, fallbackFrom: string | null, tally: Tally): Promise<AttemptOutcome> {
  const invoker = env.invokerFor(target);
  const watchdog = new Watchdog(env.timeouts, plan.signal);
  const io = { fetch: env.fetch, watchdog, now: env.now };
  const start = env.now();
  let ttft: number | null = null;
  let text = "";
  let reported: ReportedUsage | undefined;
  let finishReason: FinishReason | undefined;
  let error: LlmError | undefined;
  try {
    if (plan.channel) {
      const channel = plan.channel;
      for await (const part of invoker.stream(target, call, io)) {
        if (part.type === "text") {
          if (ttft === null) ttft = env.now() - start;
          text += part.text;
          channel.push(part.text);
        } else if (part.type === "finish") finishReason = part.reason;
        else reported = part.usage;
      }
    } else {
      const done = await invoker.complete(target, call, io);
      text = done.text;
      finishReason = done.finishReason;
      reported = done.usage;
    }
    if (finishReason === undefined) throw new LlmError("truncated", "answer ended without a finish reason");
  } catch (caught) {
    error = toLlmError(watchdog.explain(caught)).withTarget(target.id);
  } finally {
    watchdog.dispose();
  }
  const latencyMs = env.now() - start;
  if (!error) env.health.recordSuccess(target.id, latencyMs);
  else if (error.code === "aborted") env.health.release(target.id);
  else env.health.recordFailure(target.id, error);

  // A refusal before any output is not billed; a stream that broke mid-way was.
  const usage = await attemptUsage(call, text, reported, !error || text.length > 0);
  const cost = attemptCost(usage, reported, env.priceOf(target));
  tally.add(usage, cost.costMicroUsd, cost.costSource);
  env.emit(attemptEvent({ task: plan.req.task, target, attempt: attemptNo, fallbackFrom, usage, cost, latencyMs, ttftMs: plan.channel ? ttft : null, errorCode: error ? error.code : null, arm: plan.arm ?? null, req: plan.req, at: start }));
  return { error, text, finishReason };
}

export async function dispatch(env: DispatchEnv, plan: DispatchPlan, tally: Tally): Promise<LlmResult> {
  const candidates = plan.noFallback ? plan.order.slice(0, 1) : plan.order;
  let produced = "";
  let lastError: LlmError | undefined;
  let fallbackFrom: string | null = null;
  let minContextWindow = 0;
  let attempts = 0;
  for (const target of candidates) {
    if (target.capabilities.contextWindow <= minContextWindow) continue;
    for (let retry = 0; ; retry++) {
      if (!env.health.tryAcquire(target.id)) {
        lastError ??= new LlmError("unavailable", `target ${target.id} is benched (circuit open)`, { targetId: target.id });
        break;
      }
      attempts++;
      const call: ProviderCall =
        produced.length === 0
          ? plan.call
          : {
              ...plan.call,
              messages: continuationMessages(plan.call.messages, produced),
              maxTokens: plan.call.maxTokens === undefined ? undefined : Math.max(16, plan.call.maxTokens - approximateTokens(produced)),
            };
      const outcome = await attempt(env, plan, target, call, attempts, fallbackFrom, tally);
      if (!outcome.error) {
        const cost = tally.cost;
        return {
          text: produced + outcome.text,
          provider: target.provider,
          model: target.model,
          targetId: target.id,
          attempts,
          usage: tally.usage,
          costMicroUsd: cost.costMicroUsd,
          costSource: cost.costSource,
          cached: false,
          finishReason: outcome.finishReason!,
          arm: plan.arm,
          fallbackFrom: fallbackFrom ?? undefined,
        };
      }
      const error = outcome.error;
      lastError = error;
      produced += outcome.text;
      if (FINAL.has(error.code)) throw error;
      // After the first token the consumer holds partial text: only a long-form task may go on.
      if (produced.length > 0 && !env.continuationTasks.has(plan.req.task)) throw error;
      if (error.code === "context_length_exceeded") {
        minContextWindow = Math.max(minContextWindow, target.capabilities.contextWindow);
        break;
      }
      if (!error.retryable) break;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > env.retry.maxRetryAfterMs) break;
      if (retry >= env.retry.maxRetries) break;
      try {
        await sleep(backoffDelay(retry, env.retry, env.random, error.retryAfterMs), plan.signal);
      } catch {
        throw new LlmError("aborted", "request aborted by caller", { retryable: false });
      }
    }
    fallbackFrom = target.id;
  }
  throw lastError ?? new LlmError("unavailable", "no target could serve this request");
}
