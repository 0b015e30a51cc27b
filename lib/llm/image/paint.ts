// The image task's attempt loop: the same rules as text (dispatch.ts) with the same parts (the
// health board's breaker, backoff, typed errors, one usage event per attempt), minus what only text
// has (streams, continuation, context windows). A picture is accepted only if its bytes are a real
// PNG, JPEG or WebP; anything else is a bad_response that moves on to the next target.
import { inspectImage } from "@/lib/image-bytes";
import type { CostSource, ImageRequest, ImageResult, LlmTask, Target, TargetPrice, TokenUsage } from "../contract";
import { usdToMicroUsd } from "../cost/prices";
import { LlmError, isLlmError } from "../errors";
import type { ReportedUsage } from "../providers/types";
import { tryTargetsInOrder } from "../service/attempt-loop";
import type { DispatchEnv } from "../service/dispatch";
import { attemptEvent, Tally, ZERO_USAGE } from "../service/metering";
import { approximateTokens } from "../tokens";
import { Watchdog } from "../transport/watchdog";
import type { ImageInvoker } from "./dialects";

/** The text dispatcher's parts (retry policy, timeouts, health board, prices, clock, usage events), with image adapters. */
export interface ImageEnv extends Pick<DispatchEnv, "retry" | "timeouts" | "health" | "priceOf" | "fetch" | "now" | "random" | "emit"> {
  task: LlmTask;
  invokerFor: (target: Target) => ImageInvoker;
}

export interface ImagePlan {
  req: ImageRequest;
  order: Target[];
  noFallback: boolean;
  signal: AbortSignal;
}

/** Flat per-image pricing: a delivered picture costs the table's price; a refusal costs nothing unless the provider says otherwise. */
export function imageCost(delivered: boolean, reported: ReportedUsage | undefined, price: TargetPrice | undefined): { costMicroUsd: number | null; costSource: CostSource } {
  if (reported?.costUsd !== undefined) return { costMicroUsd: usdToMicroUsd(reported.costUsd), costSource: "reported" };
  if (!delivered) return { costMicroUsd: 0, costSource: "price-table" };
  if (price?.perImage === undefined) return { costMicroUsd: null, costSource: "unknown" };
  return { costMicroUsd: usdToMicroUsd(price.perImage), costSource: "price-table" };
}

function imageUsage(req: ImageRequest, reported: ReportedUsage | undefined, delivered: boolean): TokenUsage {
  if (reported) return { inputTokens: reported.inputTokens, outputTokens: reported.outputTokens, cachedInputTokens: reported.cachedInputTokens, estimated: false };
  return delivered ? { inputTokens: approximateTokens(req.prompt), outputTokens: 0, cachedInputTokens: 0, estimated: true } : ZERO_USAGE;
}

type Checked = { bytes: Uint8Array; mediaType: ImageResult["mediaType"]; width: number; height: number };

async function attempt(env: ImageEnv, plan: ImagePlan, target: Target, attemptNo: number, fallbackFrom: string | null, tally: Tally): Promise<{ value?: Checked; error?: LlmError }> {
  const watchdog = new Watchdog(env.timeouts, plan.signal);
  const start = env.now();
  let reported: ReportedUsage | undefined;
  let picture: Checked | undefined;
  let error: LlmError | undefined;
  try {
    // Like a non-streamed text answer, the picture arrives whole: its wait is the answer deadline.
    watchdog.arm("answer");
    const answer = await env.invokerFor(target).paint(target, plan.req, { fetch: env.fetch, watchdog, now: env.now });
    reported = answer.usage;
    const info = inspectImage(answer.bytes);
    if (typeof info === "string") throw new LlmError("bad_response", `image answer is not a PNG, JPEG or WebP (${info})`, { retryable: false });
    picture = { bytes: answer.bytes, mediaType: info.type, width: info.width, height: info.height };
  } catch (caught) {
    const explained = watchdog.explain(caught);
    error = (isLlmError(explained) ? explained : new LlmError("unavailable", explained instanceof Error ? explained.message : String(explained), { cause: explained })).withTarget(target.id);
  } finally {
    watchdog.dispose();
  }
  const latencyMs = env.now() - start;
  env.health.recordAttempt(target.id, error, latencyMs);

  const usage = imageUsage(plan.req, reported, picture !== undefined);
  const cost = imageCost(picture !== undefined, reported, env.priceOf(target));
  tally.add(usage, cost.costMicroUsd, cost.costSource);
  env.emit(attemptEvent({ task: env.task, target, attempt: attemptNo, fallbackFrom, usage, cost, latencyMs, ttftMs: null, errorCode: error ? error.code : null, arm: null, req: plan.req, at: start }), plan.req);
  return { value: picture, error };
}

export async function paintImage(env: ImageEnv, plan: ImagePlan, tally: Tally): Promise<ImageResult> {
  const answered = await tryTargetsInOrder(env, plan, (target, attemptNo, fallbackFrom) => attempt(env, plan, target, attemptNo, fallbackFrom, tally), () => new LlmError("unavailable", "no image target could serve this request"));
  const { value: picture, target, attempts, fallbackFrom } = answered;
  return { ...picture, provider: target.provider, model: target.model, targetId: target.id, attempts, ...tally.cost, fallbackFrom: fallbackFrom ?? undefined };
}
