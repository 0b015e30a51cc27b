/**
 * The one server-sent-events writer. Every stream Quire sends (a job's progress, a suggestion, the
 * playground and the OpenAI-compatible gateway, the live relay) is framed here and ends here.
 *
 * When the watcher goes away (a closed or reloaded tab, Esc in the editor) the stream is cancelled:
 * the writer then stops writing at once (no enqueue on a closed stream: the worker's
 * "Unable to enqueue"), aborts `signal` so the producer's upstream call and timers stop, and stops
 * draining its source, so no request is left waiting on work nobody reads ("code had hung").
 */

const encoder = new TextEncoder();

/** One event: `data` is JSON unless it is already a string (such as OpenAI's `[DONE]`). */
export function sseFrame(data: unknown, event?: string): string {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  const lines = text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join("\n");
  return `${event ? `event: ${event}\n` : ""}${lines}\n\n`;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  "x-accel-buffering": "no",
} as const;

export interface SseWriter {
  /** Sends one event; false once the watcher has gone (nothing is sent then). */
  send(data: unknown, event?: string): boolean;
  /** Tells EventSource how soon to reconnect. */
  retry(ms: number): void;
  /** Sends each item of `source` until it ends or the watcher goes away (then `source` is returned early). */
  each<T>(source: AsyncIterable<T> | AsyncIterator<T>, onItem: (item: T) => void | Promise<void>): Promise<void>;
  /** Ends the stream now (the producer's work is done). */
  close(): void;
  /** Aborted when the watcher goes away. */
  readonly signal: AbortSignal;
  readonly open: boolean;
}

export type SseOptions = {
  /** The request's signal: its abort counts as the watcher going away. */
  signal?: AbortSignal;
  /** Aborted when the watcher goes away; pass one the producer already listens to. */
  abort?: AbortController;
  /** What to send when the producer fails mid-stream (the status is already sent: report in band). */
  onError?: (err: unknown, out: SseWriter) => void | Promise<void>;
  headers?: Record<string, string>;
};

/** A stream of events produced by `produce`, closed when it returns, or at once when the watcher goes away. */
export function sseStream(produce: (out: SseWriter) => Promise<void>, options: SseOptions = {}): ReadableStream<Uint8Array> {
  const abort = options.abort ?? new AbortController();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Events may still be written. */
  let open = true;
  /** The stream has ended for its reader (closed here, or cancelled by the reader). */
  let closed = false;

  // The stream always ends for its reader, however the watcher left: a request whose signal aborted
  // is still read by the worker's drain (drainWhenCancelled), and a stream nobody closes keeps that
  // drain waiting forever, which workerd reports as "code had hung".
  const close = () => {
    if (closed) return;
    closed = true;
    options.signal?.removeEventListener("abort", gone);
    try {
      controller.close();
    } catch {
      // Already cancelled by the reader.
    }
  };
  const gone = () => {
    open = false;
    if (!abort.signal.aborted) abort.abort();
    close();
  };
  const end = () => {
    open = false;
    close();
  };
  const write = (text: string): boolean => {
    if (!open) return false;
    try {
      controller.enqueue(encoder.encode(text));
      return true;
    } catch {
      gone();
      return false;
    }
  };
  const goneSignal = new Promise<"gone">((resolve) => {
    if (abort.signal.aborted) resolve("gone");
    abort.signal.addEventListener("abort", () => resolve("gone"), { once: true });
  });

  const writer: SseWriter = {
    send: (data, event) => write(sseFrame(data, event)),
    retry: (ms) => void write(`retry: ${Math.max(0, Math.round(ms))}\n\n`),
    close: end,
    get signal() {
      return abort.signal;
    },
    get open() {
      return open;
    },
    async each(source, onItem) {
      const iterator = Symbol.asyncIterator in source ? (source as AsyncIterable<never>)[Symbol.asyncIterator]() : (source as AsyncIterator<never>);
      let finished = false;
      try {
        while (open) {
          const next = iterator.next();
          void next.catch(() => undefined); // if the watcher goes first, a later failure has nobody to tell
          const step = await Promise.race([next, goneSignal]);
          if (step === "gone" || step.done) {
            finished = step !== "gone";
            return;
          }
          await onItem(step.value);
        }
      } finally {
        // Stopped early: let the source clean up (an async generator's finally settles its charge).
        if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
      }
    },
  };

  if (options.signal?.aborted) gone();
  else options.signal?.addEventListener("abort", gone, { once: true });

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      // Not awaited by start: the response starts at once and events flow as they are sent.
      void (async () => {
        try {
          await produce(writer);
        } catch (err) {
          if (!open) return; // the watcher left; the failure is the abort it caused
          if (options.onError) await Promise.resolve(options.onError(err, writer)).catch((e: unknown) => console.error("[quire] stream error report failed", e));
          else console.error("[quire] stream ended by an error", err);
        } finally {
          end();
        }
      })();
    },
    cancel() {
      closed = true;
      gone();
    },
  });
}

/** An SSE response around `sseStream`. */
export function sseResponse(produce: (out: SseWriter) => Promise<void>, options: SseOptions = {}): Response {
  return new Response(sseStream(produce, options), { headers: { ...SSE_HEADERS, ...options.headers } });
}

/**
 * For the worker's entry (worker.ts): a stream response whose reader goes away keeps being read, and
 * what arrives is dropped, until its writer notices (the request's signal) and ends it. OpenNext
 * copies a route's body into a stream of its own that has no cancel hook: cancelled from outside, its
 * next write fails as an uncaught "Unable to enqueue". Drained instead, it never fails.
 */
export function drainWhenCancelled(body: ReadableStream<Uint8Array>, defer: (work: Promise<unknown>) => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel() {
      defer(
        (async () => {
          try {
            while (!(await reader.read()).done);
          } catch {
            // The source failed after the watcher left: nobody to tell.
          }
        })(),
      );
    },
  });
}
