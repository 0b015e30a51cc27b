// The API's parameters, through the official openai client: what it sends reaches the model that takes
// it, what Quire cannot honour is refused with a 400 naming the field, nothing is silently dropped.
// Real local D1 (credits), the gateway's own handlers, the fault-injecting upstream over HTTP.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signUp } from "@/test/accounts";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { FAST_ENV, upstreamConfig } from "@/lib/llm/testing/harness";
import { completeChat, streamChat, type GatewayCaller } from "./chat";
import { gatewayError } from "./openai-shape";
import { parseChatCompletion } from "./request-schema";

let t: TestDatabase;
let up: Upstream;
let caller: GatewayCaller;
beforeAll(async () => {
  [t, up] = await Promise.all([openTestDatabase(), startUpstream()]);
  caller = await signUp(t.db, "Ada");
});
beforeEach(() => up.reset());
afterAll(async () => {
  await up?.close();
  await t?.dispose();
});

/** The official client, its requests answered by the gateway's handlers as the route calls them. */
function client(llm: LlmService): OpenAI {
  const deps = { db: t.db, base: llm, llmFor: () => llm };
  const handle = async (request: Request): Promise<Response> => {
    try {
      const body = parseChatCompletion(await request.json());
      return body.stream ? await streamChat(deps, caller, body, request.signal) : await completeChat(deps, caller, body, request.signal);
    } catch (err) {
      const e = gatewayError(err);
      return new Response(JSON.stringify(e.body), { status: e.status, headers: e.headers });
    }
  };
  return new OpenAI({ apiKey: "sk-quire-test", baseURL: "http://quire.test/api/v1", maxRetries: 0, fetch: async (url, init) => handle(new Request(url, init)) });
}

const upstreamLlm = () => createLlmService(upstreamConfig(up.url, { LLM_CACHE: "false" }));
const demoLlm = () => createLlmService(loadLlmConfig({ ...FAST_ENV, LLM_CACHE: "false" }));
const user = (content: string) => [{ role: "user" as const, content }];

async function refusal(call: Promise<unknown>): Promise<{ status: number; param: unknown; message: string }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  const e = error as InstanceType<typeof OpenAI.APIError>;
  return { status: e.status ?? 0, param: (e.error as { param?: unknown } | undefined)?.param, message: e.message };
}

describe("gateway parameters with the official openai client", () => {
  it("tools are refused with a 400 naming the field, streaming or not", async () => {
    const openai = client(upstreamLlm());
    const tools = [{ type: "function" as const, function: { name: "lookup", parameters: { type: "object", properties: {} } } }];
    for (const stream of [false, true]) {
      const r = await refusal(openai.chat.completions.create({ model: "quire/summary", messages: user("hi"), tools, stream }));
      expect([r.status, r.param]).toEqual([400, "tools"]);
    }
    expect(up.requests).toHaveLength(0);
  });

  it("response_format json_schema reaches a schema-following model and the answer is that JSON", async () => {
    up.setScenario({ name: "json-schema", reply: '{"title":"The Harbour"}' });
    const openai = client(upstreamLlm());
    const schema = { type: "object", properties: { title: { type: "string" } }, required: ["title"], additionalProperties: false };
    const completion = await openai.chat.completions.create({
      model: "quire/summary",
      messages: user("Name the book."),
      response_format: { type: "json_schema", json_schema: { name: "book", schema, strict: true } },
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ title: "The Harbour" });
    expect(up.requests[0]!.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "book", schema } });
  });

  it("top_p, seed, penalties and stop are forwarded to the model", async () => {
    const openai = client(upstreamLlm());
    await openai.chat.completions.create({ model: "quire/summary", messages: user("hi"), top_p: 0.9, seed: 7, presence_penalty: 0.5, frequency_penalty: -0.5, stop: ["END"], max_tokens: 50 });
    expect(up.requests[0]!.body).toMatchObject({ top_p: 0.9, seed: 7, presence_penalty: 0.5, frequency_penalty: -0.5, stop: ["END"], max_tokens: 50 });
  });

  it("the demo model holds to max_tokens and says it was cut (finish_reason length), streaming or not", async () => {
    const openai = client(demoLlm());
    const completion = await openai.chat.completions.create({ model: "quire/chapter", messages: user("Write a long chapter about the harbour."), max_tokens: 60 });
    expect(completion.usage!.completion_tokens).toBeLessThanOrEqual(60);
    expect(completion.choices[0]!.finish_reason).toBe("length");
    const stream = await openai.chat.completions.create({ model: "quire/chapter", messages: user("Write a long chapter about the sea."), max_tokens: 40, stream: true, stream_options: { include_usage: true } });
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(finish).toBe("length");
    expect(usage!.completion_tokens).toBeLessThanOrEqual(40);
  });

  it("a parameter the model cannot take is refused naming it, not ignored (the demo model has no top_p or JSON mode)", async () => {
    const openai = client(demoLlm());
    const topP = await refusal(openai.chat.completions.create({ model: "quire/summary", messages: user("hi"), top_p: 0.5 }));
    expect([topP.status, topP.param]).toEqual([400, "top_p"]);
    const format = await refusal(openai.chat.completions.create({ model: "quire/summary", messages: user("hi"), response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } } }));
    expect([format.status, format.param]).toEqual([400, "response_format"]);
  });
});
