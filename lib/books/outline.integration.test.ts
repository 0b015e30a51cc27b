// The outline and the story bible it starts are one structured answer: a schema-following server is
// sent the schema (characters and setting included) and its JSON becomes chapters and bible entries;
// a server with no JSON mode gets the schema in the prompt and the JSON is extracted from its prose.
// Real local D1, the fault-injecting upstream over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { selectBible } from "@/db/queries/bible";
import { selectChapters } from "@/db/queries/chapters";
import { createLlmService } from "@/lib/llm";
import { upstreamConfig } from "@/lib/llm/testing/harness";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { lampRoomOutline } from "@/test/outline-answers";
import { createBook } from "./library";
import { generateOutline } from "./outline";

let t: TestDatabase;
let up: Upstream;
beforeAll(async () => {
  [t, up] = await Promise.all([openTestDatabase(), startUpstream()]);
});
beforeEach(() => up.reset());
afterAll(async () => {
  await up?.close();
  await t?.dispose();
});

const outline = lampRoomOutline([
  { title: "Fog", synopsis: "Maren finds the first letter.", beats: ["The fog comes in.", "A letter under the door."] },
  { title: "Tide", synopsis: "Ivo comes to close the light.", beats: ["Ivo arrives.", "Maren refuses."] },
]);

async function outlineWith(env: Record<string, string>) {
  const llm = createLlmService(upstreamConfig(up.url, { LLM_CACHE: "false", LLM_ROUTES: '{"outline":{"noFallback":true}}', ...env }));
  const caller = await signUp(t.db, "Nell");
  const book = await createBook(t.db, caller, { title: "Letters", premise: "Maren keeps a lighthouse.", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 2, wordsPerChapter: 300 });
  await generateOutline(t.db, llm, caller, book.id);
  const [chapters, bible] = await Promise.all([selectChapters(t.db, book.id), selectBible(t.db, book.id)]);
  return { chapters: chapters.map((c) => c.title), bible: bible.map((e) => [e.kind, e.name]) };
}

const saved = {
  chapters: ["Fog", "Tide"],
  bible: expect.arrayContaining([
    ["character", "Maren Holt"],
    ["character", "Ivo Brand"],
    ["place", "Setting"],
  ]) as unknown,
};
const sent = () => up.requests.filter((r) => r.dialect === "openai").map((r) => r.body);

describe("outline and first story bible as structured output", () => {
  it("a guided-decoding server gets the schema, characters included, and its answer becomes chapters and bible entries", async () => {
    up.setScenario({ name: "json-schema", reply: JSON.stringify(outline) });
    expect(await outlineWith({})).toEqual(saved);
    const bodies = sent();
    expect(bodies).toHaveLength(1);
    const format = bodies[0]!.response_format as { type: string; json_schema: { schema: { properties: Record<string, unknown> } } };
    expect(format.type).toBe("json_schema");
    expect(Object.keys(format.json_schema.schema.properties)).toEqual(expect.arrayContaining(["characters", "setting", "chapters"]));
  });

  it("a server without a JSON mode gets the schema in the prompt; the outline is extracted from its prose", async () => {
    up.setScenario({ name: "ok", reply: `Here is your outline!\n\`\`\`json\n${JSON.stringify(outline)}\n\`\`\`` });
    expect(await outlineWith({ CUSTOM_LLM_STRUCTURED_OUTPUT: "none" })).toEqual(saved);
    const [body] = sent();
    expect(body).not.toHaveProperty("response_format");
    expect(String((body!.messages as Array<{ content: string }>)[0]!.content)).toContain('"characters"');
  });
});
