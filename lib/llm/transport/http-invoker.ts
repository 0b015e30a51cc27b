// Runs any WireDialect over fetch: posts JSON under the attempt's watchdog, maps HTTP and network
// failures to LlmError, and decodes SSE into stream parts. Written by hand (not via the AI SDK) because
// it is the hot path and because the completion rules (finish reason required, in-band errors, typed
// timeouts per phase) must be exact; see docs/llm.md "Transport".
import type { Target } from "../contract";
import { LlmError, isLlmError } from "../errors";
import type { Completion, InvokeIo, ModelInvoker, ProviderCall, StreamDecoder, StreamPart, WireDialect, WireRequest } from "../providers/types";
import { errorFromResponse } from "./http-errors";
import { parseWireJson } from "./parse-json";
import { SseDecoder } from "./sse";

export function networkError(error: unknown, phase: string): LlmError {
  if (isLlmError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError("unavailable", `network error ${phase}: ${message}`, { cause: error });
}

async function send(dialect: WireDialect, target: Target, call: ProviderCall, io: InvokeIo, stream: boolean): Promise<Response> {
  return postWire(dialect.request(target, call, stream), io);
}

/** Posts one wire request under the attempt's watchdog; any non-2xx answer becomes a typed LlmError. */
export async function postWire(req: WireRequest, io: InvokeIo): Promise<Response> {
  let res: Response;
  try {
    res = await io.fetch(req.url, {
      method: "POST",
      headers: req.headers,
      body: JSON.stringify(req.body),
      signal: io.watchdog.signal,
    });
  } catch (error) {
    throw io.watchdog.explain(networkError(error, "before response"));
  }
  if (!res.ok) {
    let body = "";
    try {
      body = await res.text();
    } catch (error) {
      throw io.watchdog.explain(networkError(error, "reading error body"));
    }
    throw errorFromResponse(res.status, res.headers, body, io.now());
  }
  return res;
}

export function httpInvoker(dialect: WireDialect): ModelInvoker {
  return {
    async complete(target, call, io): Promise<Completion> {
      // A non-streamed answer arrives whole, so the time to headers is the generation time.
      io.watchdog.arm("answer");
      const res = await send(dialect, target, call, io, false);
      io.watchdog.arm("idle");
      let text: string;
      try {
        text = await res.text();
      } catch (error) {
        throw io.watchdog.explain(networkError(error, "reading body"));
      }
      return dialect.parseCompletion(parseWireJson(text, "the upstream's answer"));
    },

    stream(target, call, io): AsyncIterable<StreamPart> {
      // The request is opened inside the reader's generator: one async-iteration layer, not two.
      return readSseStream(async () => {
        io.watchdog.arm("connect");
        const res = await send(dialect, target, call, io, true);
        if (!res.body) throw new LlmError("bad_response", "upstream stream has no body");
        return res.body;
      }, dialect.streamDecoder(), io);
    },
  };
}

/** Decodes an SSE body into stream parts under the watchdog (first-token, then idle deadlines). */
export async function* readSseStream(open: () => Promise<ReadableStream<Uint8Array>>, decoder: StreamDecoder, io: InvokeIo): AsyncIterable<StreamPart> {
  const body = await open();
  io.watchdog.arm("first-token");
  const reader = body.getReader();
  const utf8 = new TextDecoder();
  const sse = new SseDecoder();
  let sawText = false;
  let finished = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw io.watchdog.explain(networkError(error, "mid-stream (connection lost)"));
      }
      if (chunk.done) break;
      if (sawText) io.watchdog.arm("idle");
      const events = sse.feed(utf8.decode(chunk.value, { stream: true }));
      for (let i = 0; i < events.length; i++) {
        const parts = decoder.event(events[i]!);
        for (let j = 0; j < parts.length; j++) {
          const part = parts[j]!;
          if (!sawText && part.type === "text") {
            sawText = true;
            io.watchdog.arm("idle");
          }
          yield part;
        }
      }
    }
    finished = true;
    const tail = sse.feed(utf8.decode());
    tail.push(...sse.flush());
    for (const event of tail) yield* decoder.event(event);
    yield* decoder.end();
  } finally {
    if (!finished) reader.cancel().catch(() => undefined);
  }
}
