/**
 * What an image file really is, read from its bytes (never from a Content-Type header or a file
 * name): PNG, JPEG or WebP, with its pixel size, checked past the first few bytes so that a renamed
 * text file, a truncated upload or a polyglot with an image prefix is refused.
 */
export type RasterType = "image/png" | "image/jpeg" | "image/webp";
export type ImageInfo = { type: RasterType; width: number; height: number };
export type ImageProblem = "unknown_type" | "truncated" | "corrupt";

export const RASTER_TYPES: readonly RasterType[] = ["image/png", "image/jpeg", "image/webp"];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32le = (b: Uint8Array, at: number) => u24le(b, at) + b[at + 3]! * 0x1000000;

/** PNG: signature, IHDR as the first chunk, and the chunk chain walked to an IEND at the very end. */
function png(b: Uint8Array): ImageInfo | ImageProblem {
  if (b.length < 8 + 25 + 12) return "truncated";
  if (u32be(b, 8) !== 13 || ascii(b, 12, 4) !== "IHDR") return "corrupt";
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  let at = 8;
  let sawData = false;
  while (at + 12 <= b.length) {
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return "corrupt";
    const next = at + 12 + length;
    if (next > b.length) return "truncated";
    if (type === "IDAT") sawData = true;
    if (type === "IEND") return next === b.length && sawData ? { type: "image/png", width, height } : "corrupt";
    at = next;
  }
  return "truncated";
}

/** JPEG: SOI, segments walked to a frame header (its size), and the EOI marker at the end. */
function jpeg(b: Uint8Array): ImageInfo | ImageProblem {
  if (b.length < 4) return "truncated";
  let end = b.length;
  while (end > 2 && b[end - 1] === 0x00) end--; // some encoders pad with zeros after EOI
  if (b[end - 2] !== 0xff || b[end - 1] !== 0xd9) return "truncated";
  let at = 2;
  while (at + 4 <= end) {
    if (b[at] !== 0xff) return "corrupt";
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = u16be(b, at + 2);
    if (length < 2 || at + 2 + length > end) return "truncated";
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return "corrupt";
      return { type: "image/jpeg", height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    if (marker === 0xda) return "corrupt"; // scan data before any frame header
    at += 2 + length;
  }
  return "corrupt";
}

/** WebP: a RIFF container whose declared size matches the file, holding a VP8, VP8L or VP8X chunk. */
function webp(b: Uint8Array): ImageInfo | ImageProblem {
  if (b.length < 30) return "truncated";
  const riffSize = u32le(b, 4);
  if (riffSize + 8 > b.length) return "truncated";
  if (riffSize + 8 + 1 < b.length) return "corrupt"; // bytes after the container
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8X") return { type: "image/webp", width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return "corrupt";
    const bits = u32le(b, 21);
    return { type: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 ") {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return "corrupt";
    return { type: "image/webp", width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return "corrupt";
}

export function inspectImage(bytes: Uint8Array): ImageInfo | ImageProblem {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return png(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpeg(bytes);
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return webp(bytes);
  return "unknown_type";
}
