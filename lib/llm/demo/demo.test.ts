import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadLlmConfig } from "../config";
import { createLlmService } from "../service";
import { drain, userMessage } from "../testing/harness";
import { fixGrammar } from "./grammar";
import { demoAnswer } from "./model";
import { namesIn } from "./prompt-facts";

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const demo = () => createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));

const chapterPrompt = "Write chapter 2 of the novel.\nCharacters: Ada Lovelace, a mathematician; Charles Babbage, her friend.\nPlace: the Analytical Engine workshop in Marylebone.\nTarget length: 1200 words";

describe("demo model", () => {
  it("fills a nested schema with enums, bounded numbers, bounded strings and arrays validly", async () => {
    const Outline = z.object({
      title: z.string().min(5).max(40),
      genre: z.enum(["mystery", "fantasy", "romance"]),
      audience: z.literal("adult"),
      rating: z.number().min(1).max(5),
      chapterCount: z.number().int().min(10).max(12),
      tags: z.array(z.string().max(12)).min(2).max(4),
      chapters: z
        .array(
          z.object({
            title: z.string().min(1),
            synopsis: z.string().min(80),
            beats: z.array(z.string()).length(3),
            pov: z.enum(["first", "third"]).optional(),
            notes: z.string().nullable(),
          }),
        )
        .min(1),
      contact: z.object({ email: z.string().email(), site: z.string().url(), id: z.string().uuid() }),
      published: z.boolean().default(false),
      extra: z.union([z.number(), z.string()]),
      meta: z.record(z.string(), z.number().int().nonnegative()),
    });
    const result = await demo().generateObject({ task: "outline", messages: userMessage("An outline for a book in 6 chapters about Ada."), schema: Outline });
    expect(Outline.safeParse(result.object).success).toBe(true);
    expect(result.object.chapters).toHaveLength(6);
    expect(result.provider).toBe("demo");
  });

  it("gives the same answer for the same prompt and a different one for another", () => {
    const call = { task: "chapter" as const, messages: userMessage(chapterPrompt) };
    expect(demoAnswer(call)).toBe(demoAnswer(call));
    expect(demoAnswer({ ...call, messages: userMessage(`${chapterPrompt}\nMood: grim`) })).not.toBe(demoAnswer(call));
  });

  it("writes a chapter near the requested word count using the prompt's names", async () => {
    const result = await demo().generateText({ task: "chapter", messages: userMessage(chapterPrompt) });
    const count = words(result.text);
    expect(count).toBeGreaterThanOrEqual(1200);
    expect(count).toBeLessThan(1260);
    expect(result.text).toMatch(/Ada/);
    expect(result.text).toMatch(/Babbage/);
    expect(result.costMicroUsd).toBe(0);
  });

  it("streams word by word", async () => {
    const stream = demo().streamText({ task: "summary", messages: userMessage("Summarise. Target length: 50 words") });
    const { chunks } = await drain(stream);
    expect(chunks.length).toBeGreaterThanOrEqual(50);
    expect(chunks.join("")).toBe((await stream.result).text);
  });

  it("fixes grammar in a suggestion's selection", async () => {
    const result = await demo().generateText({
      task: "suggestion",
      messages: userMessage("Instruction: Fix grammar and spelling\n<selection>i think teh the dog was was happy .it ran  to the the park</selection>"),
    });
    expect(result.text).toBe("I think the dog was happy. It ran to the park.");
  });

  it("rewrites deterministically for other instructions", async () => {
    const ask = { task: "suggestion" as const, messages: userMessage("Instruction: make it shorter\n<selection>It was very late. The rain kept falling. Nobody came.</selection>") };
    const first = await demo().generateText(ask);
    expect(first.text).toBe("It was late. The rain kept falling.");
    expect((await demo().generateText(ask)).text).toBe(first.text);
  });

  it("finds names used mid-sentence and ignores common capitalised words", () => {
    expect(namesIn("The night fell. Then Mara met Tomas at the harbour gate. Mara smiled. Nothing moved.").slice(0, 2)).toEqual(["Mara", "Tomas"]);
  });

  it("corrects common slips", () => {
    expect(fixGrammar("she didnt recieve teh letter untill monday")).toBe("She didn't receive the letter until monday.");
  });
});

describe("demo model with zod 4 schemas", () => {
  it("fills a zod/v4 schema validly too", async () => {
    const { z: z4 } = await import("zod/v4");
    const Bible = z4.object({
      entries: z4.array(z4.object({ kind: z4.enum(["character", "place"]), name: z4.string().min(2), body: z4.string().min(40) })).min(2).max(5),
      contact: z4.email(),
      count: z4.number().int().min(3).max(7),
      note: z4.string().nullable(),
    });
    const result = await demo().generateObject({ task: "outline", messages: userMessage("A story bible for Ada and Babbage."), schema: Bible });
    expect(Bible.safeParse(result.object).success).toBe(true);
    expect(result.object.entries.length).toBeGreaterThanOrEqual(2);
  });
});
