import { describe, expect, it } from "vitest";
import { contentDisposition, exportFileName, exportFormatSchema } from "./formats";

describe("export downloads", () => {
  it("accept only the three formats", () => {
    expect(exportFormatSchema.options).toEqual(["epub", "docx", "md"]);
    expect(exportFormatSchema.safeParse("pdf").success).toBe(false);
  });

  it("name the file after the title: an ASCII fallback and the exact title for browsers that read filename*", () => {
    expect(exportFileName("L'Été des <Phares>: Tome 1", "epub")).toBe("l-ete-des-phares-tome-1.epub");
    expect(exportFileName("灯台", "docx")).toBe("book.docx");
    const header = contentDisposition('Notes "from" the / Lighthouse', "md");
    expect(header).toBe(`attachment; filename="notes-from-the-lighthouse.md"; filename*=UTF-8''${encodeURIComponent("Notes from the Lighthouse.md")}`);
  });
});
