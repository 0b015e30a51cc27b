// One timer per attempt that knows which deadline it is guarding (connect, first token, silence
// between chunks) plus a total deadline. When one fires it aborts the attempt, and the error that
// surfaces is a `timeout` naming the phase, whatever the fetch implementation throws on abort.
import { LlmError } from "../errors";

export interface Timeouts {
  /** Until response headers arrive (connection + server think time before the first byte). */
  connectMs: number;
  /** Until the first text token after headers. */
  firstTokenMs: number;
  /** Longest silence between chunks once text flows. */
  idleMs: number;
  /** Whole attempt. */
  totalMs: number;
}

type Phase = "connect" | "first-token" | "idle";

export class Watchdog {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private phaseTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly totalTimer: ReturnType<typeof setTimeout>;
  private fired: LlmError | undefined;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly timeouts: Timeouts,
    private readonly callerSignal?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.totalTimer = setTimeout(() => this.fire("total"), timeouts.totalMs);
    if (callerSignal) {
      if (callerSignal.aborted) this.abortByCaller();
      else {
        this.onCallerAbort = () => this.abortByCaller();
        callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
      }
    }
  }

  arm(phase: Phase): void {
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    const ms =
      phase === "connect" ? this.timeouts.connectMs : phase === "first-token" ? this.timeouts.firstTokenMs : this.timeouts.idleMs;
    this.phaseTimer = setTimeout(() => this.fire(phase), ms);
  }

  /** The error to report if the attempt failed because of this watchdog, else undefined. */
  get reason(): LlmError | undefined {
    return this.fired;
  }

  /** Turns whatever an aborted fetch/read threw into the watchdog's own typed error. */
  explain(error: unknown): unknown {
    return this.fired ?? error;
  }

  dispose(): void {
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    clearTimeout(this.totalTimer);
    if (this.onCallerAbort) this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
  }

  /** Stops the attempt (e.g. the consumer went away). */
  abort(error: LlmError): void {
    if (this.fired === undefined) this.fired = error;
    this.dispose();
    this.controller.abort(error);
  }

  private abortByCaller(): void {
    this.abort(new LlmError("aborted", "request aborted by caller", { retryable: false }));
  }

  private fire(phase: Phase | "total"): void {
    const ms =
      phase === "total"
        ? this.timeouts.totalMs
        : phase === "connect"
          ? this.timeouts.connectMs
          : phase === "first-token"
            ? this.timeouts.firstTokenMs
            : this.timeouts.idleMs;
    this.abort(new LlmError("timeout", `${phase} timeout after ${ms} ms`));
  }
}
