// Exponential backoff with full jitter; an upstream's own retry-after wins when it is short enough
// to wait for (longer ones send the request to the next target instead).
import { LlmError } from "../errors";

export interface RetryConfig {
  /** Retries on the same target after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry-after above this falls through to the next target. */
  maxRetryAfterMs: number;
}

export function backoffDelay(retry: number, config: RetryConfig, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** retry);
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * After a failed attempt on a target, the retry rule shared by text and images: leave the target
 * (false) when the error is not worth retrying, was a timeout (a hung target is not waited for
 * twice), asks for a longer wait than we allow, or the retries are used up; otherwise wait the
 * backoff and say to try again (true). An abort while waiting throws the caller's `aborted`.
 */
export async function backOffOrLeave(
  error: { code: string; retryable: boolean; retryAfterMs?: number },
  retry: number,
  config: RetryConfig,
  random: () => number,
  signal: AbortSignal,
): Promise<boolean> {
  if (!error.retryable || error.code === "timeout") return false;
  if (error.retryAfterMs !== undefined && error.retryAfterMs > config.maxRetryAfterMs) return false;
  if (retry >= config.maxRetries) return false;
  try {
    await sleep(backoffDelay(retry, config, random, error.retryAfterMs), signal);
  } catch {
    throw new LlmError("aborted", "request aborted by caller", { retryable: false });
  }
  return true;
}
