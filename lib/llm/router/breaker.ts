// Per-target circuit breaker and recent health. Repeated failures bench a target for a cooldown; a
// quota-exhausted answer benches it for longer and a long retry-after for as long as asked. After the
// bench one trial request goes through (half-open): success closes the circuit, failure reopens it.
import type { CircuitState, Target, TargetHealth } from "../contract";
import { LlmError } from "../errors";

export interface BreakerConfig {
  failureThreshold: number;
  cooldownMs: number;
  quotaCooldownMs: number;
  /** A target that refused its credentials or does not know its model stays benched this long. */
  misconfiguredCooldownMs: number;
  /** Calls kept for latency percentiles and error rate. */
  window: number;
  /** A rate limit asking for a longer wait than this benches the target for that long; shorter
   * waits are honoured by the retry itself and must not block it. */
  longRetryAfterMs: number;
}

/** Failures that say something about the target, not about the caller's request. */
const TARGET_FAULTS = new Set(["rate_limited", "quota_exhausted", "unavailable", "timeout", "truncated", "bad_response", "unauthorized"]);

interface TargetState {
  consecutiveFailures: number;
  openUntil: number | null;
  trialInFlight: boolean;
  lastErrorCode: string | null;
  misconfigured: boolean;
  /** The error that marked the target misconfigured, repeated to callers while it stays benched. */
  misconfiguredBy: LlmError | null;
  latencies: number[];
  outcomes: boolean[];
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export class HealthBoard {
  private readonly states = new Map<string, TargetState>();

  constructor(
    private readonly config: BreakerConfig,
    private readonly now: () => number,
  ) {}

  private state(targetId: string): TargetState {
    let s = this.states.get(targetId);
    if (!s) {
      s = { consecutiveFailures: 0, openUntil: null, trialInFlight: false, lastErrorCode: null, misconfigured: false, misconfiguredBy: null, latencies: [], outcomes: [] };
      this.states.set(targetId, s);
    }
    return s;
  }

  circuit(targetId: string): CircuitState {
    const s = this.state(targetId);
    if (s.openUntil === null) return "closed";
    return this.now() < s.openUntil ? "open" : "half-open";
  }

  /** Whether a request may go to this target now; claims the half-open trial slot when it does. */
  tryAcquire(targetId: string): boolean {
    const s = this.state(targetId);
    const circuit = this.circuit(targetId);
    if (circuit === "closed") return true;
    if (circuit === "open" || s.trialInFlight) return false;
    s.trialInFlight = true;
    return true;
  }

  /** Whether the target is worth considering (for strategies; does not claim anything). */
  isAvailable(targetId: string): boolean {
    const circuit = this.circuit(targetId);
    return circuit === "closed" || (circuit === "half-open" && !this.state(targetId).trialInFlight);
  }

  recordSuccess(targetId: string, latencyMs: number): void {
    const s = this.state(targetId);
    s.consecutiveFailures = 0;
    s.openUntil = null;
    s.trialInFlight = false;
    s.misconfigured = false;
    s.misconfiguredBy = null;
    this.push(s, true, latencyMs);
  }

  recordFailure(targetId: string, error: LlmError): void {
    const s = this.state(targetId);
    s.trialInFlight = false;
    s.lastErrorCode = error.code;
    if (!TARGET_FAULTS.has(error.code) && !error.misconfigured) return; // the caller's problem, not the target's
    this.push(s, false, undefined);
    s.consecutiveFailures++;
    const now = this.now();
    let bench = 0;
    s.misconfigured = error.misconfigured;
    s.misconfiguredBy = error.misconfigured ? error : null;
    if (error.misconfigured) bench = this.config.misconfiguredCooldownMs;
    else if (error.code === "quota_exhausted") bench = this.config.quotaCooldownMs;
    else if (s.consecutiveFailures >= this.config.failureThreshold || s.openUntil !== null) bench = this.config.cooldownMs;
    if (error.code === "rate_limited" && error.retryAfterMs !== undefined && error.retryAfterMs > this.config.longRetryAfterMs) {
      bench = Math.max(bench, error.retryAfterMs);
    }
    if (bench > 0) s.openUntil = Math.max(s.openUntil ?? 0, now + bench);
  }

  /** Why a request was not sent to a benched target. A misconfigured target answers with the error
   * that benched it (a bad key stays `unauthorized`, never retryable), so a caller sees the cause the
   * author or operator must fix rather than a transient-sounding "unavailable". */
  benchedError(targetId: string): LlmError {
    const cause = this.state(targetId).misconfiguredBy;
    if (cause) {
      return new LlmError(cause.code, `target ${targetId} is benched as misconfigured: ${cause.message}`, {
        status: cause.status,
        retryable: false,
        targetId,
        misconfigured: true,
      });
    }
    return new LlmError("unavailable", `target ${targetId} is benched (circuit open)`, { targetId });
  }

  /** Releases a half-open trial that ended without a verdict (caller aborted). */
  release(targetId: string): void {
    this.state(targetId).trialInFlight = false;
  }

  /** How one attempt ended, for any kind of call: a success, a caller's abort (counts for nothing), or a failure. */
  recordAttempt(targetId: string, error: LlmError | undefined, latencyMs: number): void {
    if (!error) this.recordSuccess(targetId, latencyMs);
    else if (error.code === "aborted") this.release(targetId);
    else this.recordFailure(targetId, error);
  }

  private push(s: TargetState, ok: boolean, latencyMs: number | undefined): void {
    s.outcomes.push(ok);
    if (s.outcomes.length > this.config.window) s.outcomes.shift();
    if (latencyMs !== undefined) {
      s.latencies.push(latencyMs);
      if (s.latencies.length > this.config.window) s.latencies.shift();
    }
  }

  snapshot(targets: Target[]): TargetHealth[] {
    return targets.map((t) => {
      const s = this.state(t.id);
      const sorted = [...s.latencies].sort((a, b) => a - b);
      const failures = s.outcomes.filter((ok) => !ok).length;
      const circuit = this.circuit(t.id);
      return {
        targetId: t.id,
        provider: t.provider,
        model: t.model,
        circuit,
        openUntil: circuit === "closed" ? null : s.openUntil,
        p50LatencyMs: percentile(sorted, 50),
        p95LatencyMs: percentile(sorted, 95),
        errorRate: s.outcomes.length === 0 ? 0 : failures / s.outcomes.length,
        recentCalls: s.outcomes.length,
        consecutiveFailures: s.consecutiveFailures,
        lastErrorCode: s.lastErrorCode,
        misconfigured: s.misconfigured,
      };
    });
  }
}
