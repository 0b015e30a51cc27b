import { SseDecoder, type SseEvent } from "@/lib/llm/transport/sse";

/**
 * The one server-sent-events reader, for the browser and the server alike (the editor's suggestions,
 * the playground, the job relay). It reads `body` as it arrives and yields each complete event; the
 * decoding (split events, CRLF, comments, multi-line data) is lib/llm's SseDecoder.
 * Stopping early (break, or `signal`) cancels the body, so the server sees the watcher go.
 */
export async function* readSse(body: ReadableStream<Uint8Array<ArrayBuffer>>, signal?: AbortSignal): AsyncGenerator<SseEvent> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const decoder = new SseDecoder();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", cancel, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) return;
      const { value, done } = await reader.read();
      if (done) {
        yield* decoder.flush();
        return;
      }
      yield* decoder.feed(value);
    }
  } finally {
    signal?.removeEventListener("abort", cancel);
    cancel();
  }
}

/** Each event's data parsed as JSON; OpenAI's closing `[DONE]` ends the stream. */
export async function* readSseJson<T>(body: ReadableStream<Uint8Array<ArrayBuffer>>, signal?: AbortSignal): AsyncGenerator<T> {
  for await (const event of readSse(body, signal)) {
    if (event.data === "[DONE]") return;
    if (event.data === "") continue;
    yield JSON.parse(event.data) as T;
  }
}
