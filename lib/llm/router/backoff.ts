// Exponential backoff with full jitter; an upstream's own retry-after wins when it is short enough
// to wait for (longer ones send the request to the next target instead).

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
