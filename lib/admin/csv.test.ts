import { describe, expect, it } from "vitest";
import { cell } from "./csv";

describe("CSV cells", () => {
  it("escapes every text that starts with a formula character, numeric-looking or not", () => {
    expect(cell("-2+3+a@evil.co")).toBe("'-2+3+a@evil.co");
    expect(cell("=HYPERLINK(\"https://evil.example\")")).toBe(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(cell("+1")).toBe("'+1");
    expect(cell("-1")).toBe("'-1");
    expect(cell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(cell("\tcmd")).toBe("'\tcmd");
    expect(cell("\r=1")).toBe(`"'\r=1"`);
  });

  it("writes real numbers as they are, negative ones too", () => {
    expect(cell(-2)).toBe("-2");
    expect(cell(0.004)).toBe("0.004");
    expect(cell(12n)).toBe("12");
  });

  it("quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(cell("a,b")).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell("two\nlines")).toBe('"two\nlines"');
    expect(cell("ada@quire.test")).toBe("ada@quire.test");
    expect(cell(null)).toBe("");
    expect(cell(undefined)).toBe("");
  });
});
