// Test helpers: a small in-memory book, and readers that take an export apart again the way an
// e-reader or Word would (the central directory, a strict XML parser), never by string matching.
import { DOMParser, type Document } from "@xmldom/xmldom";
import { unzipSync, strFromU8 } from "fflate";
import type { ExportSource } from "../manuscript";

export const SAMPLE_CHAPTERS = [
  { id: "ch_one", title: "The Lamp & the Ledger", text: "Maren climbed the stairs.\n\nThe letter said <tomorrow> & \"soon\".\nSigned, T.\n\n* * *\n\nShe burned it anyway." },
  { id: "ch_two", title: "Fog <Bank>", text: "Tobias waited on the pier.\n\nThe fog came in at noon; the bell rang twice." },
  { id: "ch_three", title: "Ünïcödé 灯台", text: "Control\u0001characters vanish.\n\n# not a heading\n\n1. not a list" },
];

export function sampleSource(overrides: Partial<ExportSource["book"]> = {}, chapters = SAMPLE_CHAPTERS): ExportSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    book: { id: "bk_sample000001", title: "The Keeper's <Letters> & Co", author: "Ada Lovelace", genre: "Fantasy", premise: "A keeper finds letters dated a century ahead.", language: "en", modifiedAt: new Date("2026-11-20T10:11:12.345Z"), ...overrides },
    chapters: chapters.map((c, i) => ({ id: c.id, number: i + 1, title: c.title })),
    cover: { bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="25"><rect width="16" height="25"/></svg>'), mediaType: "image/svg+xml" },
    reads,
    async chapterText(id) {
      reads.push(id);
      return chapters.find((c) => c.id === id)?.text ?? "";
    },
  };
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

/** Parses strictly: any warning, error or fatal error throws, and so does a character XML forbids. */
export function parseXml(bytes: Uint8Array | string, name = "xml"): Document {
  const text = typeof bytes === "string" ? bytes : strFromU8(bytes);
  if (NOT_XML_CHAR.test(text)) throw new Error(`${name}: contains a character XML 1.0 forbids`);
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${name}: ${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, "application/xml");
}

/** Local file headers in archive order, read from the raw bytes (what a streaming reader sees). */
export function localEntries(bytes: Uint8Array): { name: string; method: number; flags: number; crc: number; compressedSize: number; size: number; extraLength: number; dataOffset: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  let at = 0;
  while (at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50) {
    const flags = view.getUint16(at + 6, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = strFromU8(bytes.subarray(at + 30, at + 30 + nameLength));
    const dataOffset = at + 30 + nameLength + extraLength;
    let compressedSize = view.getUint32(at + 18, true);
    if (flags & 0x08) {
      // Sizes are in the data descriptor: find it by its signature after the data.
      let d = dataOffset;
      while (view.getUint32(d, true) !== 0x08074b50) d++;
      compressedSize = view.getUint32(d + 8, true);
      out.push({ name, method: view.getUint16(at + 8, true), flags, crc: view.getUint32(d + 4, true), compressedSize, size: view.getUint32(d + 12, true), extraLength, dataOffset });
      at = d + 16;
      continue;
    }
    out.push({ name, method: view.getUint16(at + 8, true), flags, crc: view.getUint32(at + 14, true), compressedSize, size: view.getUint32(at + 22, true), extraLength, dataOffset });
    at = dataOffset + compressedSize;
  }
  return out;
}
