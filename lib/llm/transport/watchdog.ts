// One watchdog per attempt that knows which deadline it is guarding (connect, first token, silence
// between chunks) plus a total deadline. When one passes it aborts the attempt, and the error that
// surfaces is a `timeout` naming the phase, whatever the fetch implementation throws on abort.
// Re-arming on every chunk only moves a deadline; the single timer is rescheduled lazily when it
// fires early, so the streaming hot path does not pay for clearTimeout/setTimeout per chunk.
import { LlmError } from "../errors";

export interface Timeouts {
  /** Until response headers arrive (connection + server think time before the first byte). */
  connectMs: number;
  /** Until the first text token after headers. */
  firstTokenMs: number;
  /** Longest silence between chunks once text flows. */
  idleMs: number;
  /** A non-streamed answer, from request to the whole body (generation included). */
  answerMs: number;
  /** Whole attempt. */
  totalMs: number;
}

type Phase = "connect" | "first-token" | "idle" | "answer";

export class Watchdog {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private phase: Phase | undefined;
  private phaseMs = 0;
  private phaseDeadline = Number.POSITIVE_INFINITY;
  private readonly totalDeadline: number;
  private fired: LlmError | undefined;
  private disposed = false;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly timeouts: Timeouts,
    private readonly callerSignal?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    // The timer starts at the first arm() (every invoker arms before it waits on the network), so an
    // attempt sets one timer rather than one for the total and another for its first phase.
    this.totalDeadline = Date.now() + timeouts.totalMs;
    if (callerSignal) {
      if (callerSignal.aborted) this.abortByCaller();
      else {
        this.onCallerAbort = () => this.abortByCaller();
        callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
      }
    }
  }

  arm(phase: Phase): void {
    if (this.disposed) return;
    const t = this.timeouts;
    const ms = phase === "connect" ? t.connectMs : phase === "first-token" ? t.firstTokenMs : phase === "answer" ? t.answerMs : t.idleMs;
    this.phase = phase;
    this.phaseMs = ms;
    this.phaseDeadline = Date.now() + ms;
    const due = Math.min(this.phaseDeadline, this.totalDeadline);
    if (due < this.timerAt) this.schedule(due);
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
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.onCallerAbort) this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
  }

  /** Stops the attempt (e.g. the consumer went away). */
  abort(error: LlmError): void {
    if (this.fired === undefined) this.fired = error;
    this.dispose();
    this.controller.abort(error);
  }

  private schedule(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.check(), Math.max(0, at - Date.now()));
  }

  private check(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    if (this.disposed) return;
    const now = Date.now();
    if (now >= this.totalDeadline) return this.abort(new LlmError("timeout", `total timeout after ${this.timeouts.totalMs} ms`));
    if (now >= this.phaseDeadline) return this.abort(new LlmError("timeout", `${this.phase} timeout after ${this.phaseMs} ms`));
    this.schedule(Math.min(this.totalDeadline, this.phaseDeadline));
  }

  private abortByCaller(): void {
    this.abort(new LlmError("aborted", "request aborted by caller", { retryable: false }));
  }
}
