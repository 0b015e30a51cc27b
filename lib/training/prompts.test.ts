import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { createLlmService } from "@/lib/llm";
import { upstreamConfig } from "@/lib/llm/testing/harness";
import { outlineMessages } from "@/lib/books/prompts";
import { outlineSchemaFor } from "@/lib/books/outline-schema";
import type { Book } from "@/db/queries/books";
import { outlineTrainingMessages } from "./prompts";

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
afterAll(() => up?.close());

const book = {
  id: "bk_test",
  ownerId: "u",
  title: "The Salt Road",
  premise: "Two smugglers carry a stolen map across a frozen sea.",
  genre: "Fantasy",
  audience: "Young adult",
  tone: "Brisk",
  chapterCount: 4,
  wordsPerChapter: 1800,
  status: "draft",
  outline: null,
  coverKey: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
} satisfies Book;

describe("training prompts", () => {
  it("rebuild the outline request exactly as the LLM service puts it on the wire", async () => {
    const llm = createLlmService(upstreamConfig(up.url, { LLM_ROUTES: '{"outline":{"targets":["custom"],"noFallback":true}}' }), { priceRefresher: null });
    up.setReply(JSON.stringify({ title: "x" })); // not a valid outline: the service re-asks, the first request is what we compare
    await llm.generateObject({ task: "outline", schema: outlineSchemaFor(book.chapterCount), schemaName: "outline", messages: outlineMessages(book), cache: false }).catch(() => undefined);
    const sent = up.requests.find((r) => r.path === "/v1/chat/completions")!.body.messages;
    expect(sent).toEqual(await outlineTrainingMessages(book));
  });
});
