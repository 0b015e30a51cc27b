import { describe, expect, it } from "vitest";
import { drainWhenCancelled, sseFrame, sseResponse, sseStream } from "./sse";
import { readSse, readSseJson } from "./sse-reader";

function bytesOf(text: string, cuts: number[]): ReadableStream<Uint8Array<ArrayBuffer>> {
  const enc = new TextEncoder();
  const parts: string[] = [];
  let at = 0;
  for (const cut of cuts) {
    parts.push(text.slice(at, cut));
    at = cut;
  }
  parts.push(text.slice(at));
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

describe("the SSE writer", () => {
  it("frames JSON and named events, and the reader reads them back whatever the chunking", async () => {
    const text = sseFrame({ type: "token", text: "a\nb" }) + sseFrame({ n: 1 }, "job") + ": comment\n\n" + sseFrame("[DONE]");
    for (const cuts of [[], [3], [5, 17, 30], Array.from({ length: text.length - 1 }, (_, i) => i + 1)]) {
      const events = [];
      for await (const e of readSse(bytesOf(text, cuts))) events.push(e);
      expect(events).toEqual([
        { event: undefined, data: JSON.stringify({ type: "token", text: "a\nb" }) },
        { event: "job", data: '{"n":1}' },
        { event: undefined, data: "[DONE]" },
      ]);
    }
    const json = [];
    for await (const e of readSseJson<{ n?: number }>(bytesOf(text, [7]))) json.push(e);
    expect(json).toEqual([{ type: "token", text: "a\nb" }, { n: 1 }]);
  });

  it("closes the stream when the producer returns", async () => {
    const res = sseResponse(async (out) => {
      out.retry(1000);
      out.send({ a: 1 });
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await res.text()).toBe('retry: 1000\n\ndata: {"a":1}\n\n');
  });

  it("stops the producer, aborts its signal and returns its source when the watcher cancels", async () => {
    let returned = false;
    let sentAfterCancel: boolean | undefined;
    let aborted!: () => void;
    const abortSeen = new Promise<void>((resolve) => (aborted = resolve));
    async function* forever() {
      try {
        for (let i = 0; ; i++) {
          yield i;
          await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        returned = true;
      }
    }
    const stream = sseStream(async (out) => {
      out.signal.addEventListener("abort", () => aborted());
      await out.each(forever(), (i) => void out.send({ i }));
      sentAfterCancel = out.send({ late: true });
    });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"i":0}\n\n');
    await reader.cancel();
    await abortSeen;
    await new Promise((r) => setTimeout(r, 30));
    expect(returned).toBe(true);
    expect(sentAfterCancel).toBe(false);
  });

  it("treats the request's abort as the watcher going away, even while the source waits", async () => {
    const request = new AbortController();
    let settled = false;
    const never = { [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<number>>(() => {}) }) };
    const stream = sseStream(
      async (out) => {
        await out.each(never, () => undefined);
        settled = true;
      },
      { signal: request.signal },
    );
    const reader = stream.getReader();
    request.abort();
    // The stream ends for whoever still reads it (the worker's drain), so nothing waits on it forever.
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(true);
  });

  it("ends the stream for its reader when the request aborts while the producer is between events", async () => {
    const request = new AbortController();
    const stream = sseStream(
      async (out) => {
        out.send({ n: 1 });
        // A producer that polls (as a job's follower does) and notices the watcher left only later.
        while (out.open) await new Promise((r) => setTimeout(r, 5));
      },
      { signal: request.signal },
    );
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"n":1}\n\n');
    request.abort();
    expect((await reader.read()).done).toBe(true);
  });

  it("reports a failure mid-stream in band, then closes", async () => {
    const res = sseResponse(
      async (out) => {
        out.send({ ok: 1 });
        throw new Error("upstream broke");
      },
      { onError: (_err, out) => void out.send({ error: { code: "unavailable:model" } }) },
    );
    const events = [];
    for await (const e of readSseJson(res.body!)) events.push(e);
    expect(events).toEqual([{ ok: 1 }, { error: { code: "unavailable:model" } }]);
  });

  it("keeps reading a stream whose reader left, so its writer never writes into a cancelled stream", async () => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const inner = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const deferred: Promise<unknown>[] = [];
    const outer = drainWhenCancelled(inner, (w) => deferred.push(w));
    const reader = outer.getReader();
    controller.enqueue(new TextEncoder().encode("data: 1\n\n"));
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 1\n\n");
    await reader.cancel();
    // The writer does not know yet: its next writes must still succeed, then it ends.
    expect(() => controller.enqueue(new TextEncoder().encode("data: 2\n\n"))).not.toThrow();
    expect(() => controller.enqueue(new TextEncoder().encode("data: 3\n\n"))).not.toThrow();
    controller.close();
    await Promise.all(deferred);
    expect(deferred).toHaveLength(1);
  });
});
