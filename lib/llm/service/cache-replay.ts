// Serving an answer from the cache (or from an identical request in flight): the result, the
// stream replay and the usage event that records what the hit saved.
import type { LlmRequest, LlmResult, UsageEvent } from "../contract";
import type { CachedAnswer } from "../cache/store";
import type { TextChannel } from "./channel";

export function cachedUsageEvent(req: LlmRequest, hit: CachedAnswer, arm: string | undefined, started: number, latencyMs: number): UsageEvent {
  return {
    task: req.task,
    provider: hit.provider,
    model: hit.model,
    targetId: hit.targetId,
    attempt: 0,
    fallbackFrom: null,
    cached: true,
    inputTokens: hit.usage.inputTokens,
    outputTokens: hit.usage.outputTokens,
    cachedInputTokens: hit.usage.cachedInputTokens,
    estimated: hit.usage.estimated,
    costMicroUsd: 0,
    costSource: "cached",
    savedMicroUsd: hit.costMicroUsd ?? 0,
    latencyMs,
    ttftMs: null,
    outcome: "cached",
    errorCode: null,
    arm: arm ?? null,
    userId: req.user?.id ?? null,
    bookId: req.bookId ?? null,
    jobId: req.jobId ?? null,
    apiKeyId: req.apiKeyId ?? null,
    at: started,
  };
}

export function resultFromCache(hit: CachedAnswer, arm: string | undefined, channel: TextChannel | undefined): LlmResult {
  if (channel) {
    // Replay as a stream: word-sized chunks, no pacing.
    const chunks = hit.text.match(/\s*\S+\s*/g) ?? [hit.text];
    for (const chunk of chunks) channel.push(chunk);
  }
  return {
    text: hit.text,
    provider: hit.provider,
    model: hit.model,
    targetId: hit.targetId,
    attempts: 0,
    usage: hit.usage,
    costMicroUsd: 0,
    costSource: "cached",
    cached: true,
    finishReason: hit.finishReason,
    arm,
  };
}

export function answerToCache(result: LlmResult, storedAt: number): CachedAnswer {
  return {
    text: result.text,
    finishReason: result.finishReason,
    targetId: result.targetId,
    provider: result.provider,
    model: result.model,
    usage: result.usage,
    costMicroUsd: result.costMicroUsd,
    costSource: result.costSource,
    storedAt,
  };
}
