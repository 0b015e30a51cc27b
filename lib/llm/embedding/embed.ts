// The embedding task's attempt: the text rules (the shared attempt loop: retries with backoff,
// fallback, the health board's breaker; one usage event per attempt) for a call that answers whole.
// An answer is accepted only with one finite vector per input, all of one dimension.
import type { EmbedRequest, Target, TokenUsage } from "../contract";
import { EMBEDDING_TASK } from "../contract";
import { LlmError, isLlmError } from "../errors";
import type { ReportedUsage } from "../providers/types";
import { tryTargetsInOrder, type Answered, type AttemptPlan } from "../service/attempt-loop";
import type { DispatchEnv } from "../service/dispatch";
import { attemptCost, attemptEvent, Tally, ZERO_USAGE } from "../service/metering";
import { countTokens } from "../tokens";
import { Watchdog } from "../transport/watchdog";
import { normalise } from "./demo";
import type { EmbedInvoker } from "./dialects";

export interface EmbedEnv extends Pick<DispatchEnv, "retry" | "timeouts" | "health" | "priceOf" | "fetch" | "now" | "random" | "emit"> {
  invokerFor: (target: Target) => EmbedInvoker;
}

async function embeddingUsage(input: string[], reported: ReportedUsage | undefined, delivered: boolean): Promise<TokenUsage> {
  if (reported) return { inputTokens: reported.inputTokens, outputTokens: 0, cachedInputTokens: 0, estimated: false };
  if (!delivered) return ZERO_USAGE;
  // Workers AI and the demo report no usage: Quire's tokenizer counts, and says so.
  const counts = await Promise.all(input.map((text) => countTokens(text)));
  return { inputTokens: counts.reduce((a, b) => a + b, 0), outputTokens: 0, cachedInputTokens: 0, estimated: true };
}

function checked(vectors: Float32Array[], inputs: number): Float32Array[] {
  if (vectors.length !== inputs) throw new LlmError("bad_response", `embedding answer has ${vectors.length} vectors for ${inputs} inputs`, { retryable: false });
  const dimensions = vectors[0]?.length ?? 0;
  if (vectors.some((v) => v.length !== dimensions)) throw new LlmError("bad_response", "embedding answer mixes vector dimensions", { retryable: false });
  return vectors.map(normalise);
}

async function attempt(env: EmbedEnv, req: EmbedRequest, input: string[], signal: AbortSignal, target: Target, attemptNo: number, fallbackFrom: string | null, tally: Tally): Promise<{ value?: Float32Array[]; error?: LlmError }> {
  const watchdog = new Watchdog(env.timeouts, signal);
  const start = env.now();
  let reported: ReportedUsage | undefined;
  let vectors: Float32Array[] | undefined;
  let error: LlmError | undefined;
  try {
    watchdog.arm("answer");
    const answer = await env.invokerFor(target).embed(target, input, { fetch: env.fetch, watchdog, now: env.now });
    reported = answer.usage;
    vectors = checked(answer.vectors, input.length);
  } catch (caught) {
    const explained = watchdog.explain(caught);
    error = (isLlmError(explained) ? explained : new LlmError("unavailable", explained instanceof Error ? explained.message : String(explained), { cause: explained })).withTarget(target.id);
  } finally {
    watchdog.dispose();
  }
  const latencyMs = env.now() - start;
  env.health.recordAttempt(target.id, error, latencyMs);

  const usage = await embeddingUsage(input, reported, vectors !== undefined);
  const cost = attemptCost(usage, reported, env.priceOf(target));
  tally.add(usage, cost.costMicroUsd, cost.costSource);
  env.emit(attemptEvent({ task: EMBEDDING_TASK, target, attempt: attemptNo, fallbackFrom, usage, cost, latencyMs, ttftMs: null, errorCode: error ? error.code : null, arm: null, req, at: start }), req);
  return { value: vectors, error };
}

/** Embeds `input` on the first target of `plan.order` that answers. */
export function embedOnRoute(env: EmbedEnv, req: EmbedRequest, input: string[], plan: AttemptPlan, tally: Tally): Promise<Answered<Float32Array[]>> {
  return tryTargetsInOrder(env, plan, (target, attemptNo, fallbackFrom) => attempt(env, req, input, plan.signal, target, attemptNo, fallbackFrom, tally), () => new LlmError("unavailable", "no embedding target could serve this request"));
}
