import { describe, expect, it } from "vitest";
import { countWords, docToMarkdown, markdownToDoc } from "./markdown";

describe("chapter text ↔ editor document", () => {
  it("reads the generator's plain paragraphs as paragraphs", () => {
    const doc = markdownToDoc("Rain fell.\n\nMara waited.");
    expect(doc.content?.map((n: { type?: string }) => n.type)).toEqual(["paragraph", "paragraph"]);
    expect(docToMarkdown(doc)).toBe("Rain fell.\n\nMara waited.");
  });

  it("round-trips headings, emphasis, scene breaks and line breaks exactly", () => {
    const text = "# Part One\n\nShe said *no*, and **meant it**.\n\n* * *\n\n## Later\n\nA ***very*** long night.\nThe end.";
    const doc = markdownToDoc(text);
    expect(doc.content?.map((n: { type?: string }) => n.type)).toEqual(["heading", "paragraph", "horizontalRule", "heading", "paragraph"]);
    expect(docToMarkdown(doc)).toBe(text);
  });

  it("keeps literal asterisks and a leading hash as text", () => {
    const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "#1 * 2 = 2 \\ ok" }] }] };
    const text = docToMarkdown(doc);
    expect(markdownToDoc(text)).toEqual(doc);
  });

  it("treats an unmatched marker as text", () => {
    expect(markdownToDoc("5 * 3 is fifteen")).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "5 * 3 is fifteen" }] }] });
  });

  it("counts words without the scene-break markers", () => {
    expect(countWords("One two.\n\n* * *\n\nThree")).toBe(3);
  });
});
