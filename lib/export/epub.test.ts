import { describe, expect, it } from "vitest";
import { strFromU8 } from "fflate";
import type { Element } from "@xmldom/xmldom";
import { crc32 } from "./zip";
import { epubStream } from "./epub";
import { localEntries, parseXml, readAll, sampleSource, unzip } from "./testing/read-back";

const OPF_NS = "http://www.idpf.org/2007/opf";
const DC_NS = "http://purl.org/dc/elements/1.1/";
const XHTML_NS = "http://www.w3.org/1999/xhtml";
const OPS_NS = "http://www.idpf.org/2007/ops";

async function exportSample() {
  const source = sampleSource();
  const bytes = await readAll(epubStream(source));
  return { source, bytes, files: unzip(bytes) };
}

const elements = (doc: { getElementsByTagNameNS(ns: string, name: string): ArrayLike<Element> }, ns: string, name: string) => Array.from(doc.getElementsByTagNameNS(ns, name));

describe("EPUB export of a three-chapter book", () => {
  it("starts with mimetype, stored uncompressed with its size and CRC in the local header and no extra field", async () => {
    const { bytes } = await exportSample();
    const [first] = localEntries(bytes);
    expect(first).toMatchObject({ name: "mimetype", method: 0, extraLength: 0, size: 20, compressedSize: 20 });
    expect(first!.flags & 0x08).toBe(0);
    expect(first!.crc).toBe(crc32(new TextEncoder().encode("application/epub+zip")));
    // What OCF readers check byte by byte: the name at 30 and the media type at 38.
    expect(strFromU8(bytes.subarray(30, 58))).toBe("mimetypeapplication/epub+zip");
  });

  it("names its package document in META-INF/container.xml", async () => {
    const { files } = await exportSample();
    const container = parseXml(files["META-INF/container.xml"]!, "container.xml");
    const rootfiles = elements(container, "urn:oasis:names:tc:opendocument:xmlns:container", "rootfile");
    expect(rootfiles).toHaveLength(1);
    expect(rootfiles[0]!.getAttribute("media-type")).toBe("application/oebps-package+xml");
    expect(files[rootfiles[0]!.getAttribute("full-path")!]).toBeDefined();
  });

  it("lists every file in the package document, every listed file exists, and nothing is unlisted", async () => {
    const { files } = await exportSample();
    const opf = parseXml(files["OEBPS/content.opf"]!, "content.opf");
    const items = elements(opf, OPF_NS, "item");
    const listed = items.map((i) => `OEBPS/${i.getAttribute("href")}`);
    for (const path of listed) expect(files[path], `${path} is listed but missing`).toBeDefined();
    const packaged = Object.keys(files).filter((p) => !["mimetype", "META-INF/container.xml", "OEBPS/content.opf"].includes(p));
    expect(packaged.sort()).toEqual([...listed].sort());
    // The spine references manifest ids only, chapters in order.
    const ids = new Set(items.map((i) => i.getAttribute("id")));
    const spine = elements(opf, OPF_NS, "itemref").map((r) => r.getAttribute("idref"));
    expect(spine.every((id) => ids.has(id))).toBe(true);
    expect(spine.filter((id) => id!.startsWith("chapter-"))).toEqual(["chapter-1", "chapter-2", "chapter-3"]);
    expect(items.find((i) => i.getAttribute("properties") === "nav")?.getAttribute("href")).toBe("nav.xhtml");
    expect(items.find((i) => i.getAttribute("properties") === "cover-image")?.getAttribute("media-type")).toBe("image/svg+xml");
  });

  it("carries the book's metadata, escaped", async () => {
    const { files } = await exportSample();
    const opf = parseXml(files["OEBPS/content.opf"]!, "content.opf");
    const pkg = opf.documentElement!;
    expect(pkg.getAttribute("version")).toBe("3.0");
    const id = elements(opf, DC_NS, "identifier")[0]!;
    expect(pkg.getAttribute("unique-identifier")).toBe(id.getAttribute("id"));
    expect(id.textContent).toBe("urn:quire:book:bk_sample000001");
    expect(elements(opf, DC_NS, "title")[0]!.textContent).toBe("The Keeper's <Letters> & Co");
    expect(elements(opf, DC_NS, "creator")[0]!.textContent).toBe("Ada Lovelace");
    expect(elements(opf, DC_NS, "language")[0]!.textContent).toBe("en");
    const modified = elements(opf, OPF_NS, "meta").find((m) => m.getAttribute("property") === "dcterms:modified");
    expect(modified?.textContent).toBe("2026-11-20T10:11:12Z");
  });

  it("has a navigation document whose table of contents links every chapter, in order", async () => {
    const { files } = await exportSample();
    const nav = parseXml(files["OEBPS/nav.xhtml"]!, "nav.xhtml");
    const toc = elements(nav, XHTML_NS, "nav").find((n) => n.getAttributeNS(OPS_NS, "type") === "toc")!;
    const links = Array.from(toc.getElementsByTagNameNS(XHTML_NS, "a"));
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["text/chapter-001.xhtml", "text/chapter-002.xhtml", "text/chapter-003.xhtml"]);
    expect(links[1]!.textContent).toBe("Chapter 2: Fog <Bank>");
    for (const a of links) expect(files[`OEBPS/${a.getAttribute("href")}`]).toBeDefined();
    const ncx = parseXml(files["OEBPS/toc.ncx"]!, "toc.ncx");
    expect(ncx.getElementsByTagName("navPoint")).toHaveLength(3);
  });

  it("writes every XHTML file well-formed, with the chapter text escaped and its paragraphs kept", async () => {
    const { files } = await exportSample();
    const xhtml = Object.keys(files).filter((p) => p.endsWith(".xhtml"));
    expect(xhtml).toHaveLength(6); // nav, cover, title page, three chapters
    for (const path of xhtml) parseXml(files[path]!, path);
    const one = parseXml(files["OEBPS/text/chapter-001.xhtml"]!, "chapter-001");
    expect(one.getElementsByTagNameNS(XHTML_NS, "h1")[0]!.textContent).toBe("Chapter 1 The Lamp & the Ledger");
    const paragraphs = Array.from(one.getElementsByTagNameNS(XHTML_NS, "p")).map((p) => p.textContent);
    expect(paragraphs).toEqual(["Maren climbed the stairs.", 'The letter said <tomorrow> & "soon".Signed, T.', "She burned it anyway."]);
    expect(one.getElementsByTagNameNS(XHTML_NS, "hr")).toHaveLength(1);
    const three = strFromU8(files["OEBPS/text/chapter-003.xhtml"]!);
    expect(three).toContain("Ünïcödé 灯台");
    expect(three).toContain("Controlcharacters vanish.");
  });

  it("puts the cover image and a cover page into the book", async () => {
    const { files, source } = await exportSample();
    expect(files["OEBPS/images/cover.svg"]).toEqual(source.cover.bytes);
    const page = parseXml(files["OEBPS/text/cover.xhtml"]!, "cover.xhtml");
    expect(page.getElementsByTagNameNS(XHTML_NS, "img")[0]!.getAttribute("src")).toBe("../images/cover.svg");
  });

  it("stores a raster cover as it is, under its own media type", async () => {
    const source = sampleSource();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    source.cover = { bytes: png, mediaType: "image/png" };
    const bytes = await readAll(epubStream(source));
    const entry = localEntries(bytes).find((e) => e.name === "OEBPS/images/cover.png");
    expect(entry?.method).toBe(0);
    expect(unzip(bytes)["OEBPS/images/cover.png"]).toEqual(png);
  });

  it("wraps a WebP cover in SVG, which EPUB 3.2 readers take as a cover image", async () => {
    const source = sampleSource();
    source.cover = { bytes: new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]), mediaType: "image/webp" };
    const files = unzip(await readAll(epubStream(source)));
    expect(files["OEBPS/images/cover.webp"]).toBeUndefined();
    const svg = parseXml(files["OEBPS/images/cover.svg"]!, "cover.svg");
    expect(svg.getElementsByTagName("image")[0]!.getAttribute("href")).toMatch(/^data:image\/webp;base64,UklGR/);
  });

  it("reads each chapter once, in order, only as the download is read", async () => {
    const source = sampleSource();
    const reader = epubStream(source).getReader();
    await reader.read();
    expect(source.reads.length).toBeLessThan(3);
    while (!(await reader.read()).done);
    expect(source.reads).toEqual(["ch_one", "ch_two", "ch_three"]);
  });
});
