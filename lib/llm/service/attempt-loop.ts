// The attempt loop of the whole-answer tasks (images, embeddings): targets in route order, each
// retried with backoff while its error is retryable, the breaker asked before every attempt, a final
// error (bad request, budget, ...) thrown at once. Text has its own (dispatch.ts), because streams,
// continuations and context windows add rules these tasks do not have.
import type { Target } from "../contract";
import type { LlmError } from "../errors";
import { backOffOrLeave } from "../router/backoff";
import { FINAL, type DispatchEnv } from "./dispatch";

export interface AttemptPlan {
  order: Target[];
  noFallback: boolean;
  signal: AbortSignal;
}

/** One attempt on one target: its value, or the error it failed with (already metered and recorded). */
export type TryOne<T> = (target: Target, attemptNo: number, fallbackFrom: string | null) => Promise<{ value?: T; error?: LlmError }>;

export interface Answered<T> {
  value: T;
  target: Target;
  attempts: number;
  fallbackFrom: string | null;
}

export async function tryTargetsInOrder<T>(env: Pick<DispatchEnv, "health" | "retry" | "random">, plan: AttemptPlan, tryOne: TryOne<T>, noneServed: () => LlmError): Promise<Answered<T>> {
  const candidates = plan.noFallback ? plan.order.slice(0, 1) : plan.order;
  let lastError: LlmError | undefined;
  let fallbackFrom: string | null = null;
  let attempts = 0;
  for (const target of candidates) {
    for (let retry = 0; ; retry++) {
      if (!env.health.tryAcquire(target.id)) {
        lastError ??= env.health.benchedError(target.id);
        break;
      }
      attempts++;
      const { value, error } = await tryOne(target, attempts, fallbackFrom);
      if (value !== undefined) return { value, target, attempts, fallbackFrom };
      lastError = error!;
      if (FINAL.has(lastError.code)) throw lastError;
      if (!(await backOffOrLeave(lastError, retry, env.retry, env.random, plan.signal))) break;
    }
    fallbackFrom = target.id;
  }
  throw lastError ?? noneServed();
}
