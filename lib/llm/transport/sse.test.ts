import { describe, expect, it } from "vitest";
import { SseDecoder } from "./sse";

function decodeAll(parts: string[]) {
  const decoder = new SseDecoder();
  const events = parts.flatMap((p) => decoder.feed(p));
  return [...events, ...decoder.flush()];
}

describe("SseDecoder", () => {
  it("skips comment lines such as OpenRouter's keep-alive", () => {
    expect(decodeAll([": OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n\n"])).toEqual([{ event: undefined, data: '{"a":1}' }]);
  });

  it("returns several events delivered in one read", () => {
    const events = decodeAll(["data: 1\n\ndata: 2\n\ndata: [DONE]\n\n"]);
    expect(events.map((e) => e.data)).toEqual(["1", "2", "[DONE]"]);
  });

  it("joins an event split across reads, even mid-line", () => {
    const events = decodeAll(["da", "ta: {\"x\":", "\"y\"}\n", "\n"]);
    expect(events).toEqual([{ event: undefined, data: '{"x":"y"}' }]);
  });

  it("understands CRLF line ends, including a CR and LF split across reads", () => {
    const events = decodeAll(["event: ping\r\ndata: a\r", "\n\r\ndata: b\r\n\r\n"]);
    expect(events).toEqual([
      { event: "ping", data: "a" },
      { event: undefined, data: "b" },
    ]);
  });

  it("accepts a bare [DONE] line without the data field name and without a final blank line", () => {
    expect(decodeAll(["data: x\n\n[DONE]"]).map((e) => e.data)).toEqual(["x", "[DONE]"]);
  });

  it("joins multi-line data with newlines and keeps event names per event", () => {
    expect(decodeAll(["event: message_start\ndata: line1\ndata: line2\n\n"])).toEqual([{ event: "message_start", data: "line1\nline2" }]);
  });

  it("ignores id and retry fields and blank lines between events", () => {
    expect(decodeAll(["id: 7\nretry: 100\n\n\n\ndata: z\n\n"]).map((e) => e.data)).toEqual(["z"]);
  });
});
