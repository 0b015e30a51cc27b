import { describe, expect, it } from "vitest";
import { bookStatusFor } from "./status";

describe("a book's status from its chapters", () => {
  const ch = (status: string, content = "") => ({ status, content });
  it("is outlined until a chapter has text, writing while some do, drafted when every chapter is written", () => {
    expect(bookStatusFor("outlined", [ch("planned"), ch("planned")])).toBe("outlined");
    expect(bookStatusFor("outlined", [ch("writing"), ch("planned")])).toBe("writing");
    expect(bookStatusFor("outlined", [ch("failed", "Half a page"), ch("planned")])).toBe("writing");
    expect(bookStatusFor("writing", [ch("written", "All"), ch("written", "Done")])).toBe("drafted");
    expect(bookStatusFor("drafted", [ch("written", "All"), ch("planned")])).toBe("writing");
    expect(bookStatusFor("draft", [])).toBe("draft");
  });
});
