import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import type { Target } from "../contract";
import { baseCall, caps, complete, fixture, streamParts } from "../testing/adapter";
import { customFormatInvoker } from "./custom-format";

let up: Upstream;
let target: Target;
beforeAll(async () => {
  up = await startUpstream();
  target = { id: "custom-format", provider: "custom-format", model: "house-model", baseUrl: `${up.url}/custom/generate`, apiKey: "test-cf-key", capabilities: caps };
});
beforeEach(() => up.reset());
afterAll(() => up.close());

describe("custom-format adapter", () => {
  it("sends {prompt, temperature, max_tokens} with the chat flattened into one prompt", async () => {
    up.queueRaw({ body: fixture("custom-format.json") });
    const done = await complete(customFormatInvoker, target, baseCall);
    expect(done).toEqual({ text: "A custom answer.", finishReason: "stop" });
    expect(up.requests[0]!.path).toBe("/custom/generate");
    expect(up.requests[0]!.headers.authorization).toBe("Bearer test-cf-key");
    expect(up.requests[0]!.body).toEqual({
      prompt: "System: You write fiction.\n\nUser: Write one line.\n\nAssistant:",
      temperature: 0.7,
      max_tokens: 64,
      stop: ["###"],
    });
  });

  it("serves a stream request as one chunk followed by a finish", async () => {
    up.queueRaw({ body: fixture("custom-format.json") });
    expect(await streamParts(customFormatInvoker, target, baseCall)).toEqual([
      { type: "text", text: "A custom answer." },
      { type: "finish", reason: "stop" },
    ]);
  });
});
