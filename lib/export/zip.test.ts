import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { crc32, ZipWriter } from "./zip";

describe("the streaming ZIP writer", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("writes an archive that reads back entry for entry, streamed in pieces", () => {
    const chunks: Uint8Array[] = [];
    const zip = new ZipWriter((c) => chunks.push(c), new Date("2026-01-02T03:04:06Z"));
    zip.stored("a.txt", "stored text");
    const big = zip.deflated("dir/big.txt");
    for (let i = 0; i < 2000; i++) big.write(`line ${i} of a long file that compresses well\n`);
    big.close();
    zip.file("ü.txt", "non-ascii name");
    zip.finish();
    expect(chunks.length).toBeGreaterThan(5);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) bytes.set(c, (at += c.length) - c.length);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(["a.txt", "dir/big.txt", "ü.txt"]);
    expect(strFromU8(files["a.txt"]!)).toBe("stored text");
    expect(strFromU8(files["dir/big.txt"]!).split("\n")).toHaveLength(2001);
    expect(strFromU8(files["ü.txt"]!)).toBe("non-ascii name");
  });

  it("refuses a second entry while one is open", () => {
    const zip = new ZipWriter(() => {});
    zip.deflated("a");
    expect(() => zip.stored("b", "x")).toThrow(/another entry is open/);
  });
});
