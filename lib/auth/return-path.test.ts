import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

const APP = "https://q.test";
/** Where a browser at the app would end up after following the return path. */
const landsOn = (next: string | null | undefined) => new URL(safeReturnPath(next), APP).origin;

describe("safeReturnPath", () => {
  it("keeps a same-site path, with its query and hash", () => {
    expect(safeReturnPath("/books/bk_abc")).toBe("/books/bk_abc");
    expect(safeReturnPath("/books/bk_abc?tab=cover#export")).toBe("/books/bk_abc?tab=cover#export");
    expect(safeReturnPath("/search?q=caf%C3%A9%20au%20lait")).toBe("/search?q=caf%C3%A9%20au%20lait");
  });

  it("refuses other sites and odd paths", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "", null, undefined]) {
      expect(safeReturnPath(bad)).toBe("/library");
    }
  });

  it("refuses tab, line feed and carriage return, which URL parsers drop (/\\t/evil is //evil)", () => {
    expect(new URL(safeReturnPath("/\t/evil.example"), APP).origin).toBe(APP);
    for (const ctl of ["\t", "\n", "\r"]) {
      expect(safeReturnPath(`/${ctl}/evil.example/b`)).toBe("/library");
      expect(landsOn(`/${ctl}/evil.example/b`)).toBe(APP);
      expect(landsOn(`${ctl}//evil.example`)).toBe(APP);
      expect(landsOn(`/${ctl}\\evil.example`)).toBe(APP);
    }
  });

  it("refuses every other control character and DEL", () => {
    for (let code = 0; code < 0x20; code++) {
      expect(safeReturnPath(`/books${String.fromCharCode(code)}x`)).toBe("/library");
    }
    expect(safeReturnPath("/books\u007fx")).toBe("/library");
  });

  it("refuses percent-encoded control characters and backslashes, once or twice encoded", () => {
    for (const bad of ["/%09/evil.example/b", "/%0a/evil.example", "/%0D/evil.example", "/%5Cevil.example", "/%7f", "/%2509/evil.example", "/%252F%09"]) {
      expect(safeReturnPath(bad)).toBe("/library");
      expect(landsOn(bad)).toBe(APP);
    }
  });

  it("refuses a path that decodes to another site", () => {
    expect(safeReturnPath("/%2F/evil.example")).toBe("/library");
    expect(safeReturnPath("%2F%2Fevil.example")).toBe("/library");
  });

  it("refuses an overlong path", () => {
    expect(safeReturnPath(`/${"a".repeat(5_000)}`)).toBe("/library");
  });
});
