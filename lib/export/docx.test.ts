import { describe, expect, it } from "vitest";
import type { Element } from "@xmldom/xmldom";
import { docxStream } from "./docx";
import { parseXml, readAll, sampleSource, unzip } from "./testing/read-back";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

async function exportSample() {
  return unzip(await readAll(docxStream(sampleSource())));
}

const all = (node: { getElementsByTagNameNS(ns: string, n: string): ArrayLike<Element> }, ns: string, name: string) => Array.from(node.getElementsByTagNameNS(ns, name));

function paragraphs(files: Record<string, Uint8Array>) {
  const doc = parseXml(files["word/document.xml"]!, "document.xml");
  return all(doc, W, "p").map((p) => {
    const style = all(p, W, "pStyle")[0]?.getAttributeNS(W, "val") ?? "Normal";
    const text = Array.from(p.childNodes)
      .filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === "r")
      .map((r) => all(r, W, "t").map((t) => t.textContent).join("") + (all(r, W, "br").length ? "\n" : ""))
      .join("");
    return { style, text, pageBreakBefore: all(p, W, "pageBreakBefore").length > 0 };
  });
}

describe("DOCX export of a three-chapter book", () => {
  it("is a package Word opens: content types for every part, relationships that resolve", async () => {
    const files = await exportSample();
    for (const [path, bytes] of Object.entries(files)) if (/\.(xml|rels)$/.test(path)) parseXml(bytes, path);
    const types = parseXml(files["[Content_Types].xml"]!, "[Content_Types].xml");
    const overrides = all(types, CT, "Override").map((o) => o.getAttribute("PartName")!.slice(1));
    for (const part of overrides) expect(files[part], `${part} has a content type but no part`).toBeDefined();
    expect(all(types, CT, "Override").find((o) => o.getAttribute("PartName") === "/word/document.xml")?.getAttribute("ContentType")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    );
    const defaults = all(types, CT, "Default").map((d) => d.getAttribute("Extension"));
    expect(defaults).toEqual(expect.arrayContaining(["rels", "xml"]));

    const root = parseXml(files["_rels/.rels"]!, ".rels");
    const main = all(root, RELS, "Relationship").find((r) => r.getAttribute("Type")!.endsWith("/officeDocument"));
    expect(main?.getAttribute("Target")).toBe("word/document.xml");
    const docRels = parseXml(files["word/_rels/document.xml.rels"]!, "document.xml.rels");
    for (const r of all(docRels, RELS, "Relationship")) expect(files[`word/${r.getAttribute("Target")}`]).toBeDefined();
  });

  it("sets the cover page, the title page, then each chapter under a Heading 1 that starts a new page", async () => {
    const ps = paragraphs(await exportSample());
    expect(ps[0]).toMatchObject({ style: "Cover" });
    expect(ps[1]).toMatchObject({ style: "Title", text: "The Keeper's <Letters> & Co" });
    expect(ps[2]).toMatchObject({ style: "Subtitle", text: "Ada Lovelace" });
    const headings = ps.filter((p) => p.style === "Heading1");
    expect(headings.map((h) => h.text)).toEqual(["Chapter 1\nThe Lamp & the Ledger", "Chapter 2\nFog <Bank>", "Chapter 3\nÜnïcödé 灯台"]);
    expect(headings.every((h) => h.pageBreakBefore)).toBe(true);
  });

  it("opens with the cover as a picture on its own page, at the cover's proportions, with an SVG cover shown to Word through a PNG stand-in", async () => {
    const files = await exportSample();
    const doc = parseXml(files["word/document.xml"]!, "document.xml");
    const coverP = all(doc, W, "p")[0]!;
    expect(all(coverP, W, "br").map((b) => b.getAttributeNS(W, "type"))).toEqual(["page"]);
    const extent = all(coverP, "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", "extent")[0]!;
    // The sample cover is 16 × 25.
    expect(Number(extent.getAttribute("cx")) / Number(extent.getAttribute("cy"))).toBeCloseTo(16 / 25, 3);
    const blip = all(coverP, "http://schemas.openxmlformats.org/drawingml/2006/main", "blip")[0]!;
    const svgBlip = all(coverP, "http://schemas.microsoft.com/office/drawing/2016/SVG/main", "svgBlip")[0]!;
    const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const rels = all(parseXml(files["word/_rels/document.xml.rels"]!, "rels"), RELS, "Relationship");
    const target = (id: string | null) => rels.find((r) => r.getAttribute("Id") === id)?.getAttribute("Target");
    expect(files[`word/${target(svgBlip.getAttributeNS(R, "embed"))}`]).toEqual(sampleSource().cover.bytes);
    expect(Array.from(files[`word/${target(blip.getAttributeNS(R, "embed"))}`]!.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    const types = all(parseXml(files["[Content_Types].xml"]!, "types"), CT, "Default").map((d) => [d.getAttribute("Extension"), d.getAttribute("ContentType")]);
    expect(types).toEqual(expect.arrayContaining([["svg", "image/svg+xml"], ["png", "image/png"]]));
  });

  it("embeds an uploaded raster cover as it is, sized to fit the page", async () => {
    // A 600 × 400 PNG's chunks (signature, IHDR, an empty IDAT, IEND; the size reader skips CRCs).
    const chunk = (type: string, data: number[]) => [0, 0, 0, data.length, ...Array.from(type, (c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0];
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk("IHDR", [0, 0, 0x02, 0x58, 0, 0, 0x01, 0x90, 8, 6, 0, 0, 0]), ...chunk("IDAT", []), ...chunk("IEND", [])]);
    const source = { ...sampleSource(), cover: { bytes: png, mediaType: "image/png" as const } };
    const files = unzip(await readAll(docxStream(source)));
    expect(files["word/media/cover.png"]).toEqual(png);
    const doc = parseXml(files["word/document.xml"]!, "document.xml");
    const extent = all(doc, "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", "extent")[0]!;
    expect(Number(extent.getAttribute("cx"))).toBe(6.5 * 914_400);
    expect(Number(extent.getAttribute("cx")) / Number(extent.getAttribute("cy"))).toBeCloseTo(1.5, 3);
    expect(all(doc, "http://schemas.microsoft.com/office/drawing/2016/SVG/main", "svgBlip")).toHaveLength(0);
  });

  it("keeps the chapters' paragraphs, line breaks and scene breaks, with the text escaped", async () => {
    const ps = paragraphs(await exportSample());
    const first = ps.findIndex((p) => p.style === "Heading1");
    expect(ps.slice(first + 1, first + 5)).toEqual([
      { style: "FirstParagraph", text: "Maren climbed the stairs.", pageBreakBefore: false },
      { style: "Normal", text: 'The letter said <tomorrow> & "soon".\nSigned, T.', pageBreakBefore: false },
      { style: "SceneBreak", text: "* * *", pageBreakBefore: false },
      { style: "FirstParagraph", text: "She burned it anyway.", pageBreakBefore: false },
    ]);
    expect(ps.some((p) => p.text === "Controlcharacters vanish.")).toBe(true);
  });

  it("defines every paragraph style it uses, and records title and author in the core properties", async () => {
    const files = await exportSample();
    const styles = parseXml(files["word/styles.xml"]!, "styles.xml");
    const defined = new Set(all(styles, W, "style").map((s) => s.getAttributeNS(W, "styleId")));
    for (const p of paragraphs(files)) expect(defined.has(p.style), p.style).toBe(true);
    const core = parseXml(files["docProps/core.xml"]!, "core.xml");
    expect(core.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "title")[0]!.textContent).toBe("The Keeper's <Letters> & Co");
    expect(core.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "creator")[0]!.textContent).toBe("Ada Lovelace");
  });
});
