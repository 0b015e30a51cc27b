import { describe, expect, it } from "vitest";
import { demoEmbedding } from "@/lib/llm";
import { cutPassages, decodeVector, encodeVector, rankPassages, similarity } from "./passages";

const para = (n: number, word = "word") => Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");
const count = (t: string) => t.split(/\s+/).filter(Boolean).length;

describe("cutPassages", () => {
  it("merges paragraphs into passages of 150-250 words, in order, losing no word", () => {
    const text = Array.from({ length: 20 }, (_, i) => para(40 + (i % 5) * 20, `p${i}w`)).join("\n\n");
    const passages = cutPassages(text);
    expect(passages.length).toBeGreaterThan(5);
    for (const p of passages.slice(0, -1)) expect(count(p)).toBeGreaterThanOrEqual(150);
    for (const p of passages) expect(count(p)).toBeLessThanOrEqual(250);
    expect(passages.join(" ").split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it("cuts a paragraph longer than a passage at sentence ends, and a run-on sentence by words", () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence ${i} has exactly seven words here.`).join(" ");
    const passages = cutPassages(`${sentences}\n\n${para(600)}`);
    expect(passages.every((p) => count(p) <= 250)).toBe(true);
    expect(passages[0]).toMatch(/^Sentence 0 .*\.$/);
    expect(passages.join(" ").split(/\s+/).length).toBe(count(sentences) + 600);
  });

  it("a short tail joins the passage before it; an empty text has no passages", () => {
    const passages = cutPassages(`${para(200)}\n\n${para(20, "tail")}`);
    expect(passages).toHaveLength(1);
    expect(cutPassages("  \n\n ")).toEqual([]);
  });
});

describe("stored vectors and ranking", () => {
  it("int8 storage keeps cosine similarity within 0.01", () => {
    const a = demoEmbedding("Maren climbs the lighthouse stairs with the brass key");
    const b = demoEmbedding("the brass key is under the lighthouse stairs, Maren");
    const exact = a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(Math.abs(similarity(a, decodeVector(encodeVector(b))) - exact)).toBeLessThan(0.01);
  });

  it("ranks the passage sharing the query's names first, at most two per chapter", () => {
    const stored = (id: string, chapterId: string, text: string) => ({ id, chapterId, seq: 0, vector: decodeVector(encodeVector(demoEmbedding(text))) });
    const candidates = [
      stored("a", "c1", "Idris Vell buried the silver compass at Harrowgate"),
      stored("b", "c1", "Idris Vell left Harrowgate at dawn"),
      stored("c", "c1", "Idris Vell and the compass again at Harrowgate"),
      stored("d", "c2", "grain prices at the market rose"),
      stored("e", "c3", "the silver compass pointed north"),
    ];
    const ranked = rankPassages(demoEmbedding("Idris Vell digs up the silver compass in Harrowgate"), candidates, 4);
    expect(ranked[0]!.id).toBe("a");
    expect(ranked.filter((r) => r.chapterId === "c1")).toHaveLength(2);
    expect(ranked.map((r) => r.id)).toContain("e");
    expect(ranked.map((r) => r.id)).not.toContain("d");
  });
});
