import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startUpstream, type Upstream } from "../../test/helpers/upstream/server";
import { LlmError } from "./errors";
import { extractJson, parseJsonAnswer, repairJson } from "./json";
import { createLlmService } from "./service";
import { recordingSink, upstreamConfig, userMessage } from "./testing/harness";

const Outline = z.object({ title: z.string(), chapters: z.array(z.object({ title: z.string(), words: z.number().int() })).min(1) });

describe("JSON extraction and repair", () => {
  it("pulls JSON out of a fenced block inside chatty text", () => {
    const text = 'Sure! Here is your outline:\n```json\n{"title": "Tides", "chapters": [{"title": "One", "words": 1200}]}\n```\nLet me know!';
    expect(JSON.parse(extractJson(text)!)).toEqual({ title: "Tides", chapters: [{ title: "One", words: 1200 }] });
  });

  it("finds the first balanced object in unfenced prose, braces inside strings included", () => {
    expect(extractJson('Result: {"a": "x}y", "b": [1, 2]} trailing {"c": 1}')).toBe('{"a": "x}y", "b": [1, 2]}');
  });

  it("repairs trailing commas, comments, single quotes, unquoted keys and Python literals", () => {
    const broken = "{title: 'The Keeper', // working title\n 'done': True, missing: None, list: [1, 2, 3,], n: 1e3,}";
    expect(JSON.parse(repairJson(broken))).toEqual({ title: "The Keeper", done: true, missing: null, list: [1, 2, 3], n: 1000 });
  });

  it("closes an answer cut off mid-object", () => {
    expect(JSON.parse(repairJson('{"title": "Tides", "chapters": [{"title": "One", "words": 1200}, '))).toEqual({ title: "Tides", chapters: [{ title: "One", words: 1200 }] });
  });

  it("reports schema errors by path", () => {
    const outcome = parseJsonAnswer('{"title": 3, "chapters": []}', Outline);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.join("\n")).toMatch(/title/);
  });
});

describe("generateObject over the wire", () => {
  let up: Upstream;
  beforeAll(async () => {
    up = await startUpstream();
  });
  beforeEach(() => up.reset());
  afterAll(() => up.close());

  it("validates a chatty fenced answer and sends the schema to the model", async () => {
    up.setReply('Here you go:\n```json\n{"title": "Tides", "chapters": [{"title": "One", "words": 1200,}]}\n```');
    const llm = createLlmService(upstreamConfig(up.url));
    const result = await llm.generateObject({ task: "outline", messages: userMessage("Outline it."), schema: Outline });
    expect(result.object).toEqual({ title: "Tides", chapters: [{ title: "One", words: 1200 }] });
    const sent = up.requests[0]!.body.messages as Array<{ role: string; content: string }>;
    expect(sent[0]!.role).toBe("system");
    expect(sent[0]!.content).toContain('"chapters"');
  });

  it("asks once more with the validation errors, then succeeds", async () => {
    up.setScenario([{ name: "ok", reply: '{"title": "Tides", "chapters": []}' }, { name: "ok", reply: '{"title": "Tides", "chapters": [{"title": "One", "words": 900}]}' }]);
    const sink = recordingSink();
    const llm = createLlmService(upstreamConfig(up.url), { sink });
    const result = await llm.generateObject({ task: "outline", messages: userMessage("Outline it."), schema: Outline });
    expect(result.object.chapters).toHaveLength(1);
    expect(result.attempts).toBe(2);
    const reask = up.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(reask.at(-2)).toEqual({ role: "assistant", content: '{"title": "Tides", "chapters": []}' });
    expect(reask.at(-1)!.content).toMatch(/chapters/);
    expect(sink.events).toHaveLength(2);
  });

  it("fails with invalid_output when the re-ask is still invalid, and caches neither answer", async () => {
    up.setReply("I cannot produce JSON today.");
    const llm = createLlmService(upstreamConfig(up.url));
    const req = { task: "outline" as const, messages: userMessage("Outline it."), schema: Outline };
    await expect(llm.generateObject(req)).rejects.toMatchObject({ code: "invalid_output" });
    await expect(llm.generateObject(req)).rejects.toBeInstanceOf(LlmError);
    expect(up.requests).toHaveLength(4);
  });
});
