import { describe, expect, it } from "vitest";
import { approximateTokens, countMessageTokens, countTokens, estimateTokens, loadTokenizer } from "./tokens";

describe("token counting", () => {
  it("counts with the cl100k tokenizer", async () => {
    expect(await countTokens("hello world")).toBe(2);
    expect(await countTokens("")).toBe(0);
    expect(await countTokens("The lighthouse keeper counted the ships.")).toBe(8);
  });

  it("estimateTokens is exact once the tokenizer is loaded", async () => {
    await loadTokenizer();
    expect(estimateTokens("hello world")).toBe(2);
  });

  it("adds per-message framing to chat prompts", async () => {
    expect(await countMessageTokens([{ role: "user", content: "hello world" }])).toBe(6);
  });

  it("approximates at about four characters a token for hot-path decisions", () => {
    expect(approximateTokens("abcdefgh")).toBe(2);
    expect(approximateTokens("a")).toBe(1);
  });
});
