// The chapter check asks for structured output: one corrected string per paragraph. A server that
// follows a schema gets it in its own form (guided json_schema, strict json_schema); one without any
// JSON mode gets the schema in the prompt, and extraction and the re-ask do the rest.
// Real local D1, the fault-injecting upstream over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { selectChapters } from "@/db/queries/chapters";
import { createBook, type Caller } from "@/lib/books/library";
import { generateOutline } from "@/lib/books/outline";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { upstreamConfig } from "@/lib/llm/testing/harness";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { checkChapter } from "./check";

let t: TestDatabase;
let up: Upstream;
let demo: LlmService;
beforeAll(async () => {
  [t, up] = await Promise.all([openTestDatabase(), startUpstream()]);
  demo = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
});
beforeEach(() => up.reset());
afterAll(async () => {
  await up?.close();
  await t?.dispose();
});

const blocks = ["i saw teh cat.", "It was was big.", "All is well here."];
const corrected = ["I saw the cat.", "It was big.", "All is well here."];
const expected = [
  [0, "i", "I"],
  [0, "teh", "the"],
  [1, "was ", ""],
];

async function chapterOf(caller: Caller) {
  const book = await createBook(t.db, caller, { title: "Letters", premise: "Maren keeps a lighthouse.", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 2, wordsPerChapter: 300 });
  await generateOutline(t.db, demo, caller, book.id);
  const [chapter] = await selectChapters(t.db, book.id);
  return { bookId: book.id, chapterId: chapter!.id };
}

async function check(env: Record<string, string>) {
  const llm = createLlmService(upstreamConfig(up.url, { LLM_CACHE: "false", ...env }));
  const caller = await signUp(t.db, "Cora");
  const result = await checkChapter({ db: t.db, llm, limitPerMinute: 100 }, caller, { ...(await chapterOf(caller)), blocks });
  return result.findings.map((f) => [f.block, blocks[f.block]!.slice(f.from, f.to), f.replacement]);
}

const sent = () => up.requests.filter((r) => r.dialect === "openai" || r.dialect === "openrouter").map((r) => r.body);
type Format = { type: string; json_schema?: { name: string; strict: boolean; schema: { properties: Record<string, { minItems?: number; maxItems?: number }> } } };

describe("chapter check with structured output", () => {
  it("a guided-decoding server (vLLM, llama.cpp) gets the schema with one string per paragraph, and its JSON becomes findings", async () => {
    up.setScenario({ name: "json-schema", reply: JSON.stringify({ paragraphs: corrected }) });
    expect(await check({ LLM_ROUTES: '{"grammar":{"noFallback":true}}' })).toEqual(expected);
    const bodies = sent();
    expect(bodies).toHaveLength(1);
    const format = bodies[0]!.response_format as Format;
    expect(format).toMatchObject({ type: "json_schema", json_schema: { name: "corrected_paragraphs", strict: false } });
    expect(format.json_schema!.schema.properties.paragraphs).toMatchObject({ minItems: 3, maxItems: 3 });
  });

  it("OpenRouter is asked with strict json_schema", async () => {
    up.setScenario({ name: "json-schema", reply: JSON.stringify({ paragraphs: corrected }) });
    expect(await check({ LLM_ROUTES: '{"grammar":{"targets":["openrouter"]}}' })).toEqual(expected);
    expect(sent()[0]!.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
  });

  it("a server without a JSON mode gets the schema in the prompt; the JSON is extracted from its chatty answer", async () => {
    up.setScenario({ name: "ok", reply: `Sure! Here are the corrections:\n\`\`\`json\n${JSON.stringify({ paragraphs: corrected })}\n\`\`\`\nLet me know if you need more.` });
    expect(await check({ CUSTOM_LLM_STRUCTURED_OUTPUT: "none", LLM_ROUTES: '{"grammar":{"noFallback":true}}' })).toEqual(expected);
    const [body] = sent();
    expect(body).not.toHaveProperty("response_format");
    expect(String((body!.messages as Array<{ content: string }>)[0]!.content)).toContain('"paragraphs"');
  });

  it("an answer that merged paragraphs is re-asked with what was wrong; a second wrong one leaves the chapter without findings, not failed", async () => {
    const merged = JSON.stringify({ paragraphs: ["I saw the cat. It was big.", "All is well here."] });
    up.setScenario([
      { name: "ok", reply: merged },
      { name: "ok", reply: JSON.stringify({ paragraphs: corrected }) },
    ]);
    const env = { CUSTOM_LLM_STRUCTURED_OUTPUT: "none", LLM_ROUTES: '{"grammar":{"noFallback":true}}' };
    expect(await check(env)).toEqual(expected);
    const [first, second] = sent();
    const reask = (second!.messages as Array<{ role: string; content: string }>).at(-1)!;
    expect(reask.content).toContain("not valid for the schema");
    expect(first).not.toHaveProperty("response_format");

    up.reset();
    up.setScenario({ name: "ok", reply: merged });
    expect(await check(env)).toEqual([]);
    expect(sent()).toHaveLength(2);
  });
});
