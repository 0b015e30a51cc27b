// The attempt loop: try targets in the order the strategy chose, retrying retryable failures with
// backoff, falling back on target faults, moving to a larger context window on a context-length
// error, and never passing a stream that broke after its first token off as complete (long-form
// tasks continue on the next target from the text already produced instead).
import type { FinishReason, LlmRequest, LlmResult, LlmTask, ProviderKind, SamplingParam, Target, TargetPrice, UsageEvent } from "../contract";
import { LlmError, isLlmError, type LlmErrorCode } from "../errors";
import { structuredModeOf, weakerMode } from "../providers/structured";
import type { ModelInvoker, ProviderCall, ReportedUsage } from "../providers/types";
import { backOffOrLeave, type RetryConfig } from "../router/backoff";
import type { HealthBoard } from "../router/breaker";
import { approximateMessageTokens, approximateTokens } from "../tokens";
import { Watchdog, type Timeouts } from "../transport/watchdog";
import type { TextChannel } from "./channel";
import { continuationMessages } from "./continuation";
import { attemptCost, attemptEvent, attemptUsage, Tally } from "./metering";
import { ContinuationJoin } from "./overlap";

/** Errors that no other target or retry would fix: the request itself is the problem. */
export const FINAL: ReadonlySet<LlmErrorCode> = new Set(["bad_request", "content_filtered", "config", "invalid_output", "budget_exceeded", "aborted"]);

export interface DispatchEnv {
  retry: RetryConfig;
  timeouts: Timeouts;
  health: HealthBoard;
  invokerFor: (target: Target) => ModelInvoker;
  priceOf: (target: Target) => TargetPrice | undefined;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  /** Records an attempt with the usage sink and the request's own `onUsage`. */
  emit: (event: UsageEvent, req: Pick<LlmRequest, "onUsage" | "recordsOwnUsage">) => void;
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

/**
 * One call to one target. `written` is the text this answer continues (saved text and what earlier
 * attempts produced): the new text is joined to it by overlap, so a restart or an echo is cut.
 */
async function attempt(env: DispatchEnv, plan: DispatchPlan, target: Target, call: ProviderCall, attemptNo: number, fallbackFrom: string | null, tally: Tally, written: string): Promise<AttemptOutcome> {
  const invoker = env.invokerFor(target);
  const join = written.length > 0 ? new ContinuationJoin(written) : undefined;
  const watchdog = new Watchdog(env.timeouts, plan.signal);
  const io = { fetch: env.fetch, watchdog, now: env.now };
  const start = env.now();
  let ttft: number | null = null;
  let text = "";
  let reported: ReportedUsage | undefined;
  let finishReason: FinishReason | undefined;
  let error: LlmError | undefined;
  // What the model sent, for metering: a cut restart was still generated (and billed upstream).
  let received = 0;
  let raw = "";
  const channel = plan.channel;
  const accept = (piece: string) => {
    if (piece.length === 0) return;
    text += piece;
    channel?.push(piece);
  };
  try {
    if (channel) {
      for await (const part of invoker.stream(target, call, io)) {
        if (part.type === "text") {
          if (ttft === null) ttft = env.now() - start;
          received += part.text.length;
          if (join) raw += part.text;
          accept(join ? join.push(part.text) : part.text);
        } else if (part.type === "finish") finishReason = part.reason;
        else reported = part.usage;
      }
    } else {
      const done = await invoker.complete(target, call, io);
      received = done.text.length;
      raw = done.text;
      accept(join ? join.push(done.text) : done.text);
      finishReason = done.finishReason;
      reported = done.usage;
    }
    if (finishReason === undefined) throw new LlmError("truncated", "answer ended without a finish reason");
    if (join) accept(join.end());
  } catch (caught) {
    error = toLlmError(watchdog.explain(caught)).withTarget(target.id);
    // Text held back for the overlap check is still part of what this attempt wrote.
    if (join) {
      try {
        accept(join.end());
      } catch {
        // A restart that diverged: nothing of it is kept.
      }
    }
  } finally {
    watchdog.dispose();
  }
  const latencyMs = env.now() - start;
  env.health.recordAttempt(target.id, error, latencyMs);

  // A refusal before any output is not billed; a stream that broke mid-way was.
  const usage = await attemptUsage(call, join ? raw : text, reported, !error || received > 0);
  const cost = attemptCost(usage, reported, env.priceOf(target));
  tally.add(usage, cost.costMicroUsd, cost.costSource);
  env.emit(attemptEvent({ task: plan.req.task, target, attempt: attemptNo, fallbackFrom, usage, cost, latencyMs, ttftMs: plan.channel ? ttft : null, errorCode: error ? error.code : null, arm: plan.arm ?? null, req: plan.req, at: start }), plan.req);
  return { error, text, finishReason };
}

const ALL_SAMPLING = new Set<SamplingParam>(["topP", "seed", "presencePenalty", "frequencyPenalty"]);
/** Which sampling settings each kind of target takes; the rest would be ignored, so it is skipped. */
const SAMPLING_SUPPORT: Record<ProviderKind, ReadonlySet<SamplingParam>> = {
  "openai-compatible": ALL_SAMPLING,
  openrouter: ALL_SAMPLING,
  openai: ALL_SAMPLING,
  "workers-ai": ALL_SAMPLING,
  anthropic: new Set(["topP"]),
  "custom-format": new Set(),
  // The demo model is deterministic, whatever the seed: the same seed gives the same answer.
  demo: new Set(["seed"]),
};
const WIRE_NAME: Record<SamplingParam, string> = { topP: "top_p", seed: "seed", presencePenalty: "presence_penalty", frequencyPenalty: "frequency_penalty" };

/** The first thing asked of this call that the target cannot do (wire name), if any. */
export function unsupportedParam(target: Target, call: ProviderCall): string | undefined {
  if (call.sampling) {
    const supported = SAMPLING_SUPPORT[target.provider];
    for (const key of Object.keys(call.sampling) as SamplingParam[]) {
      if (call.sampling[key] !== undefined && !supported.has(key)) return WIRE_NAME[key];
    }
  }
  // JSON asked for without a zod schema (the gateway): only a target with a JSON mode can honour it.
  if (call.json && call.json.zod === undefined && (target.provider === "demo" || structuredModeOf(target) === "none")) return "response_format";
  return undefined;
}

/** Answer room the window leaves after the prompt: max_tokens is cut to it, so prompt + answer fit. */
function fitToWindow(target: Target, call: ProviderCall): ProviderCall {
  if (call.maxTokens === undefined) return call;
  const room = target.capabilities.contextWindow - Math.ceil(approximateMessageTokens(call.messages) * 1.05) - 16;
  if (call.maxTokens <= room) return call;
  return { ...call, maxTokens: Math.max(64, room) };
}

export async function dispatch(env: DispatchEnv, plan: DispatchPlan, tally: Tally): Promise<LlmResult> {
  const candidates = plan.noFallback ? plan.order.slice(0, 1) : plan.order;
  const saved = plan.req.continueFrom ?? "";
  // A continuation is built on the caller's own messages, never on an earlier continuation prompt.
  const baseMessages = saved ? plan.req.messages : plan.call.messages;
  let produced = "";
  let lastError: LlmError | undefined;
  let fallbackFrom: string | null = null;
  let minContextWindow = 0;
  let attempts = 0;
  // Targets already asked to continue a broken answer: one more break there moves on.
  const continuedOn = new Set<string>();
  for (const target of candidates) {
    if (target.capabilities.contextWindow <= minContextWindow) continue;
    const unsupported = unsupportedParam(target, plan.call);
    if (unsupported !== undefined) {
      lastError = new LlmError("bad_request", `'${unsupported}' is not supported by the model ${target.model}`, { retryable: false, param: unsupported, targetId: target.id });
      continue;
    }
    for (let retry = 0; ; retry++) {
      if (!env.health.tryAcquire(target.id)) {
        lastError ??= env.health.benchedError(target.id);
        break;
      }
      attempts++;
      const call = fitToWindow(
        target,
        produced.length === 0
          ? plan.call
          : {
              ...plan.call,
              messages: continuationMessages(baseMessages, saved + produced),
              maxTokens: plan.call.maxTokens === undefined ? undefined : Math.max(16, plan.call.maxTokens - approximateTokens(produced)),
            },
      );
      const outcome = await attempt(env, plan, target, call, attempts, fallbackFrom, tally, saved + produced);
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
      const wasContinuation = produced.length > 0;
      produced += outcome.text;
      if (error.code === "bad_request" && call.json && produced.length === 0 && structuredModeOf(target) !== "none") {
        // The server refused the way JSON was asked for (an unknown response_format, a schema it cannot
        // compile): ask again one step weaker, and remember it for this target.
        target.capabilities.structuredOutput = weakerMode(structuredModeOf(target));
        continue;
      }
      if (FINAL.has(error.code)) throw error;
      // After the first token the consumer holds partial text: only a long-form task may go on.
      if (produced.length > 0 && !env.continuationTasks.has(plan.req.task)) throw error;
      if (error.code === "context_length_exceeded") {
        // The server named its window: remember it (unless the operator configured one).
        if (target.discoverContextWindow && error.contextWindow !== undefined) target.capabilities.contextWindow = error.contextWindow;
        minContextWindow = Math.max(minContextWindow, Math.min(target.capabilities.contextWindow, error.contextWindow ?? Number.POSITIVE_INFINITY));
        break;
      }
      if (produced.length > 0 && (outcome.text.length > 0 || wasContinuation)) {
        if (continuedOn.has(target.id)) break;
        continuedOn.add(target.id);
      }
      if (!(await backOffOrLeave(error, retry, env.retry, env.random, plan.signal))) break;
    }
    fallbackFrom = target.id;
  }
  throw lastError ?? new LlmError("unavailable", "no target could serve this request");
}
