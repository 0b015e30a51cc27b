import { describe, expect, it } from "vitest";
import { strFromU8 } from "fflate";
import { markdownStream } from "./markdown";
import { readAll, sampleSource } from "./testing/read-back";

describe("Markdown export", () => {
  it("sets the title, each chapter as a second-level heading, and escapes what would become markup", async () => {
    const md = strFromU8(await readAll(markdownStream(sampleSource())));
    expect(md.startsWith("# The Keeper's \\<Letters> & Co\n\n*by Ada Lovelace*\n\n")).toBe(true);
    expect(md.match(/^## .*/gm)).toEqual(["## Chapter 1: The Lamp & the Ledger", "## Chapter 2: Fog \\<Bank>", "## Chapter 3: Ünïcödé 灯台"]);
    expect(md).toContain("The letter said \\<tomorrow> & \"soon\".  \nSigned, T.\n\n* * *\n\nShe burned it anyway.");
    expect(md).toContain("\\# not a heading");
    expect(md).toContain("1\\. not a list");
  });
});
