import { mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSuite } from "./suite-files";
import { parseEvalOptions } from "./options";

describe("the fixed eval suite", () => {
  it("holds a dozen outline premises, chapters from fixed contexts and suggestions on fixed passages", () => {
    const suite = loadSuite("eval/suite");
    expect(suite.outlines).toHaveLength(12);
    expect(new Set(suite.outlines.map((o) => o.book.genre)).size).toBeGreaterThanOrEqual(8);
    expect(suite.chapters.length).toBeGreaterThanOrEqual(3);
    expect(suite.suggestions.some((s) => s.expected !== undefined)).toBe(true);
  });

  it("names the file and the field when a suite file is wrong", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "quire-suite-"));
    try {
      cpSync("eval/suite", dir, { recursive: true });
      writeFileSync(path.join(dir, "chapters.json"), JSON.stringify({ items: [{ id: "x", book: {}, bible: [], chapters: [], chapterIndex: 0 }] }));
      expect(() => loadSuite(dir)).toThrow(/--suite: .*chapters\.json at items\.0\.book\.title: Required/);
      writeFileSync(path.join(dir, "chapters.json"), "{ not json");
      expect(() => loadSuite(dir)).toThrow(/chapters\.json is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("eval options", () => {
  it("splits comma lists and defaults to every task", () => {
    expect(parseEvalOptions({ targets: "custom, openrouter" })).toEqual({ targets: ["custom", "openrouter"], tasks: ["outline", "chapter", "suggestion"], suite: "eval/suite", out: "eval/reports" });
  });
  it("names the wrong option", () => {
    expect(() => parseEvalOptions({ tasks: "outline,covers" })).toThrow(/^--tasks: must be a comma list of outline, chapter, suggestion/);
    expect(() => parseEvalOptions({ targets: "demo,demo" })).toThrow(/^--targets: names a target twice/);
    expect(() => parseEvalOptions({ targets: " , " })).toThrow(/^--targets: must name at least one/);
  });
});
