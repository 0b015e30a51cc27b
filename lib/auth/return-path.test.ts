import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a same-site path", () => {
    expect(safeReturnPath("/books/bk_abc")).toBe("/books/bk_abc");
  });
  it("refuses other sites and odd paths", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "", null, undefined]) {
      expect(safeReturnPath(bad)).toBe("/library");
    }
  });
});
