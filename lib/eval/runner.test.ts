import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { loadLlmConfig } from "@/lib/llm";
import { upstreamConfig } from "@/lib/llm/testing/harness";
import { runEval } from "./runner";
import { renderMarkdown, summarize } from "./report";
import { EvalOptionsError } from "./errors";
import { FORTY_WORD_CHAPTER, SMALL_SUITE, TWO_CHAPTER_OUTLINE } from "./testing/small-suite";

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
afterAll(() => up?.close());
beforeEach(() => up.reset());

describe("an eval run against the fault-injecting upstream, two targets over real HTTP", () => {
  it("scores each target on its own answers and reports them side by side", async () => {
    // custom answers each case well, in suite order: two outlines, the chapter, the two suggestions.
    up.setScenario(
      [
        { name: "ok", reply: TWO_CHAPTER_OUTLINE },
        { name: "ok", reply: TWO_CHAPTER_OUTLINE },
        { name: "ok", reply: FORTY_WORD_CHAPTER },
        { name: "ok", reply: "She was tired." },
        { name: "ok", reply: "She knew." },
      ],
      { model: "custom-m" },
    );
    // openrouter's first request fails with a 503 (retried), then it answers prose to everything.
    up.setScenario(["http-503", { name: "ok", reply: "I would rather write a poem about kites." }], { model: "router-m" });

    const report = await runEval(upstreamConfig(up.url), ["custom", "openrouter"], SMALL_SUITE);
    const [custom, router] = summarize(report);

    expect(custom).toMatchObject({
      target: "custom",
      failures: 0,
      outlineValidRate: 1,
      outlineFirstTryRate: 1,
      chapterLengthAdherence: 1,
      chapterRepetitionRate: 0,
      chapterClichesPer1kWords: 0,
      chapterUnknownNameRate: 0,
      suggestionDistanceToExpected: 0,
    });
    // Words compare exactly (case and punctuation are edits a writer sees): "she were tired" →
    // "She was tired." changes 3 of 3 words; the 11-word sentence → "She knew." keeps one word: 10 of 11.
    expect(custom!.suggestionEditDistance).toBeCloseTo((3 / 3 + 10 / 11) / 2, 3);
    expect(custom!.costPerCaseMicroUsd.outline).toBeGreaterThan(0);
    expect(custom!.ttftP50Ms.chapter).not.toBeNull();

    expect(router).toMatchObject({ target: "openrouter", outlineValidRate: 0, outlineFirstTryRate: 0, failures: 2 });
    expect(report.targets[1]!.tasks.outline!.errorCodes).toEqual({ invalid_output: 2 });
    expect(router!.costPerCaseMicroUsd.chapter).toBeGreaterThan(0); // OpenRouter's reported cost
    expect(up.requests.filter((r) => r.path === "/api/v1/chat/completions" && r.scenario === "http-503")).toHaveLength(1);

    const markdown = renderMarkdown(report);
    expect(markdown).toContain("| figure | custom (custom-m) | openrouter (router-m) |");
    expect(markdown).toMatch(/\| Outline JSON validity \(after Quire's repair and one re-ask\) \| 100 % \| 0 % \|/);
    expect(markdown).toContain("openrouter, outline: 2 × `invalid_output`");
  });

  it("counts an outline repaired by the re-ask as valid, but not valid on the first answer", async () => {
    up.setScenario([{ name: "ok", reply: "Here is my plan, in words." }, { name: "ok", reply: TWO_CHAPTER_OUTLINE }], { model: "custom-m" });
    const report = await runEval(upstreamConfig(up.url), ["custom"], { ...SMALL_SUITE, outlines: SMALL_SUITE.outlines.slice(0, 1) }, { tasks: ["outline"] });
    expect(summarize(report)[0]).toMatchObject({ outlineValidRate: 1, outlineFirstTryRate: 0 });
  });

  it("reports a target that cannot be reached as failing every case with its error code", async () => {
    up.setScenario("unauthorized", { model: "custom-m" });
    const report = await runEval(upstreamConfig(up.url), ["custom"], SMALL_SUITE, { tasks: ["chapter", "suggestion"] });
    expect(report.targets[0]!.cases.every((c) => !c.ok && c.errorCode === "unauthorized")).toBe(true);
    expect(summarize(report)[0]!.costPerCaseMicroUsd).toMatchObject({ chapter: 0, suggestion: 0 });
  });

  it("refuses a target id that is not configured, naming the configured ones", async () => {
    await expect(runEval(loadLlmConfig({}), ["custom"], SMALL_SUITE)).rejects.toThrow(EvalOptionsError);
    await expect(runEval(loadLlmConfig({}), ["custom"], SMALL_SUITE)).rejects.toThrow(/"custom" is not configured \(configured: demo\)/);
  });
});
