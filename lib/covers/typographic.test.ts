import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/export/testing/read-back";
import { themeFor } from "./themes";
import { typographicCover } from "./typographic";

const book = { bookId: "bk_lighthouse0001", title: "The Keeper's Letters", author: "Ada Lovelace", genre: "Fantasy" };
const plan = (svg: string) => /<!-- Quire typographic cover: (.*?) -->/.exec(svg)?.[1];

describe("the typographic cover", () => {
  it("is the same for the same book, so the library and the export agree", () => {
    expect(typographicCover(book)).toBe(typographicCover(book));
  });

  it("differs between books, between genres, and between variants of one book", () => {
    const ids = Array.from({ length: 12 }, (_, i) => typographicCover({ ...book, bookId: `bk_lighthouse${String(i).padStart(4, "0")}` }));
    expect(new Set(ids.map(plan)).size).toBeGreaterThan(4);
    const genres = ["Fantasy", "Science fiction", "Mystery", "Thriller", "Romance", "Horror", "Non-fiction"].map((genre) => typographicCover({ ...book, genre }));
    expect(new Set(genres.map((svg) => /stop-color="(#[0-9a-f]{6})"/.exec(svg)?.[1])).size).toBeGreaterThan(5);
    expect(new Set(genres.map(plan)).size).toBe(genres.length);
    const variants = [1, 2, 3, 4, 5].map((v) => typographicCover(book, v));
    expect(new Set(variants).size).toBe(5);
  });

  it("reads the genre as authors type it", () => {
    expect(themeFor("Space opera").name).toBe("science fiction");
    expect(themeFor("Cozy mystery").name).toBe("mystery");
    expect(themeFor("Literary fiction").name).toBe("literary fiction");
    expect(themeFor("Something new").name).toBe("literary fiction");
  });

  it("escapes the title and author: the SVG stays well-formed and shows them as typed", () => {
    const svg = typographicCover({ ...book, title: `</text><script>alert("x")</script> & "Co"`, author: "O'Brien <ob@example.com>" });
    const doc = parseXml(svg, "cover.svg");
    expect(doc.getElementsByTagName("script")).toHaveLength(0);
    const text = Array.from(doc.getElementsByTagName("tspan")).map((t) => t.textContent).join(" ");
    expect(text).toContain("O'BRIEN <OB@EXAMPLE.COM>");
    expect(text.replace(/\s+/g, " ")).toMatch(/<\/text><script>alert\("x"\)<\/script> & "Co"/i);
  });

  it("fits a very long title in at most six lines", () => {
    const title = "The Extraordinarily Long and Winding Chronicle of the Lighthouse Keeper Who Counted Every Ship That Ever Passed Through the Fog of the Northern Sea";
    for (let v = 0; v < 8; v++) {
      const doc = parseXml(typographicCover({ ...book, title }, v), "cover.svg");
      const lines = Array.from(doc.getElementsByTagName("text")).map((t) => t.getElementsByTagName("tspan").length);
      expect(Math.max(...lines)).toBeLessThanOrEqual(6);
    }
  });

  it("uses real typography: font stacks with fallbacks, tracked capitals for the author", () => {
    const svg = typographicCover(book);
    expect(svg).toMatch(/font-family="[^"]+, (serif|sans-serif)"/);
    expect(svg).toMatch(/letter-spacing="\d+(\.\d)?"[^>]*>.*ADA LOVELACE/);
  });
});
