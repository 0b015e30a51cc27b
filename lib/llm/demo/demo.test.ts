import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadLlmConfig } from "../config";
import { createLlmService } from "../service";
import { drain, userMessage } from "../testing/harness";
import { fixGrammar } from "./grammar";
import { demoAnswer } from "./model";
import { castOf, namesIn } from "./prompt-facts";

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

  it("fixes something in a sentence with an error, and leaves a correct one as it is", async () => {
    const ask = (selection: string) =>
      demo().generateText({ task: "grammar", messages: userMessage(`Instruction: Fix grammar, spelling and punctuation. Change nothing else.\n<selection>${selection}</selection>`) });
    const wrong = "Maren could of sworn she recieved the the letter yesterday.";
    const fixed = (await ask(wrong)).text;
    expect(fixed).not.toBe(wrong);
    expect(fixed).toBe("Maren could have sworn she received the letter yesterday.");
    const right = "Maren was sure she had received the letter yesterday.";
    expect((await ask(right)).text).toBe(right);
  });

  it("makes a selection shorter for Shorter and longer for Longer, one sentence or several", async () => {
    const ask = (instruction: string, selection: string) => demo().generateText({ task: "suggestion", messages: userMessage(`Instruction: ${instruction}\n<selection>${selection}</selection>`) });
    const shorter = "Make this shorter and more concise without losing what matters.";
    const longer = "Make this longer: expand it with concrete detail in the same voice.";
    for (const selection of ["Maren climbed the narrow stair of the lighthouse, counting the steps as her father had taught her.", "Maren climbed the stair. Tobias waited below. The lamp hissed. Nobody spoke."]) {
      const short = (await ask(shorter, selection)).text;
      expect(short.length).toBeLessThan(selection.length);
      expect(short).toMatch(/^Maren/);
      const long = (await ask(longer, selection)).text;
      expect(long.length).toBeGreaterThan(selection.length);
      expect(long.startsWith(selection)).toBe(true);
    }
  });

  it("changes the wording for Improve, Clarity and Tone and keeps paragraphs", async () => {
    const selection = "It was Maren who noticed the door. She walked very slowly to the big window and looked out.\n\nTobias said quietly that the lamp was cold.";
    for (const instruction of ["Improve the style of this passage: stronger verbs, fewer filler words, same meaning.", "Rewrite for clarity: plain, direct sentences a reader follows at once.", "Rewrite this in a warmer tone.", "Rewrite this in a darker tone."]) {
      const { text } = await demo().generateText({ task: "suggestion", messages: userMessage(`Instruction: ${instruction}\n<selection>${selection}</selection>`) });
      expect(text, instruction).not.toBe(selection);
      expect(text.split("\n\n")).toHaveLength(2);
    }
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

  it("names its people and places from the book's premise and plan, never from the form's labels, without line breaks", async () => {
    const outlinePrompt = [
      "Plan a book as a JSON outline.",
      "Working title: The Lamp Room",
      "Premise: Maren, a lighthouse keeper on the island of Skerrow, finds letters from the future written by Tobias.",
      "Genre: Mystery",
      "Audience: Adult",
      "Tone: Warm",
      "Chapters: 3",
      "Each chapter will be about 300 words long.",
    ].join("\n");
    const Outline = z.object({
      setting: z.string(),
      characters: z.array(z.object({ name: z.string(), role: z.string(), description: z.string(), aliases: z.array(z.string()).max(5) })).min(1),
      chapters: z.array(z.object({ title: z.string(), synopsis: z.string(), beats: z.array(z.string()).min(1) })).length(3),
    });
    const { object } = await demo().generateObject({ task: "outline", messages: userMessage(outlinePrompt), schema: Outline });
    const names = object.characters.map((c) => c.name);
    expect(names.slice(0, 2)).toEqual(["Maren", "Tobias"]);
    expect(object.setting).toMatch(/Skerrow/);
    const labels = /\b(Mystery|Adult|Warm|Audience|Tone|Genre|Chapters|Lamp Room)\b/;
    for (const name of names) {
      expect(name).not.toMatch(/\n/);
      expect(name).not.toMatch(labels);
    }
    const allText = JSON.stringify(object);
    expect(allText).not.toMatch(labels);

    // The chapter is written from the plan and the bible the outline became.
    const chapterPrompt = [
      "Book: The Lamp Room (Mystery, for Adult; tone: Warm)",
      "Premise: Maren, a lighthouse keeper on the island of Skerrow, finds letters from the future written by Tobias.",
      "Story bible:\n- Character: Maren: A keeper.\n- Character: Tobias: A writer.\n- Place: Setting: The story is set in Skerrow.",
      `Write chapter 1 of 3: ${object.chapters[0]!.title}`,
      `Synopsis: ${object.chapters[0]!.synopsis}`,
      "Target length: 300 words",
    ].join("\n\n");
    const chapter = (await demo().generateText({ task: "chapter", messages: userMessage(chapterPrompt) })).text;
    expect(chapter).toMatch(/Maren/);
    expect(chapter).not.toMatch(labels);
    // Line breaks only between paragraphs, never inside a sentence or a name.
    for (const paragraph of chapter.split("\n\n")) expect(paragraph).not.toMatch(/\n/);
    expect(castOf(chapterPrompt).people).toEqual(expect.arrayContaining(["Maren", "Tobias"]));
    expect(castOf(chapterPrompt).people.join(" ")).not.toMatch(labels);
  });

  it("stops at the call's token limit with finish reason length, streamed or not", async () => {
    const ask = { task: "chapter" as const, messages: userMessage(chapterPrompt), maxTokens: 60 };
    const whole = await demo().generateText(ask);
    expect(whole.finishReason).toBe("length");
    expect(whole.usage.outputTokens).toBeLessThanOrEqual(60);
    const stream = demo().streamText(ask);
    await drain(stream);
    const streamed = await stream.result;
    expect(streamed.finishReason).toBe("length");
    expect(streamed.text).toBe(whole.text);
    const enough = await demo().generateText({ ...ask, maxTokens: 4_000 });
    expect(enough.finishReason).toBe("stop");
    expect(enough.text.startsWith(whole.text)).toBe(true);
  });

  it("answers a free prompt in the playground about what it asked", async () => {
    const scene = await demo().generateText({ task: "chapter", messages: userMessage("Write a short scene about a dragon who is afraid of fire.") });
    expect(scene.text).toMatch(/a dragon who is afraid of fire/);
    const fix = await demo().generateText({ task: "chapter", messages: userMessage('Fix the grammar: "she dont like teh rain"') });
    expect(fix.text).toBe("She don't like the rain.");
    const question = await demo().generateText({ task: "chapter", messages: userMessage("What is the capital of France?") });
    expect(question.text).toMatch(/What is the capital of France\?/);
    expect(question.text).toMatch(/demo model/);
  });

  it("takes no names from chapter titles in the story so far or a summary request", () => {
    const prompt = "The story so far:\nChapter 1 (The Ledger of Maren): Maren finds a letter.\n\nSummarise this chapter (The Winter Crossing) in at most 120 words.\nText:\n\"\"\"Maren read while Tobias waited.\"\"\"";
    expect(castOf(prompt).people.sort()).toEqual(["Maren", "Tobias"]);
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

describe("demo model suggestions at the token limit", () => {
  it("an expansion to a named length longer than the suggestion's room stops with finish reason length", async () => {
    const result = await demo().generateText({ task: "suggestion", maxTokens: 80, messages: userMessage("Instruction: Expand this to 400 words\n<selection>Maren waited by the lamp.</selection>") });
    expect(result.finishReason).toBe("length");
    expect(result.text.startsWith("Maren waited by the lamp.")).toBe(true);
  });

  it("asked to continue a chapter, writes on without repeating a sentence of it", () => {
    const base = [{ role: "user" as const, content: chapterPrompt }];
    const first = demoAnswer({ task: "chapter", messages: base, maxTokens: 400 } as Parameters<typeof demoAnswer>[0]);
    const written = first.slice(0, first.lastIndexOf(".") + 1);
    const next = demoAnswer({
      task: "chapter",
      messages: [...base, { role: "assistant", content: written }, { role: "user", content: "Continue the text exactly where it stops. Do not repeat any of it and do not comment on it." }],
    } as Parameters<typeof demoAnswer>[0]);
    // Sentences long enough to be told apart from a stock line of speech ("You knew all along.").
    const sentences = next.match(/[^.!?]+[.!?]"?/g)!.map((s) => s.trim()).filter((s) => s.length >= 30);
    expect(sentences.length).toBeGreaterThan(20);
    expect(sentences.filter((s) => written.includes(s))).toEqual([]);
  });
});
