import { describe, expect, it } from "vitest";
import { blocksOf, oneLine } from "./manuscript";

describe("reading a chapter's text into blocks", () => {
  it("splits paragraphs on blank lines, keeps single line breaks and finds scene breaks", () => {
    expect([...blocksOf("One.\r\n\r\nTwo,\nstill two.\n\n  * * *  \n\nThree.")]).toEqual([
      { kind: "paragraph", lines: ["One."] },
      { kind: "paragraph", lines: ["Two,", "still two."] },
      { kind: "break" },
      { kind: "paragraph", lines: ["Three."] },
    ]);
  });

  it("takes each line as a paragraph when the text has no blank line at all", () => {
    expect([...blocksOf("First paragraph.\nSecond paragraph.\n\n")].map((b) => b.kind === "paragraph" && b.lines)).toEqual([["First paragraph."], ["Second paragraph."]]);
  });

  it("makes titles one line", () => {
    expect(oneLine("The Harbour of Adult\nTone", "x")).toBe("The Harbour of Adult Tone");
    expect(oneLine("  \n ", "Chapter 3")).toBe("Chapter 3");
  });
});
