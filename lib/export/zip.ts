import { Deflate } from "fflate";
import { AppError } from "@/lib/errors";

/**
 * A streaming ZIP writer over fflate's raw DEFLATE. fflate's own streaming `Zip` always sets the
 * data-descriptor flag (sizes and CRC zeroed in the local header), even for a stored entry; OCF
 * readers that look at `mimetype`'s local header expect its real size and CRC there, so Quire writes
 * the container itself: stored entries with known bytes get a complete local header, deflated
 * entries are written piece by piece and followed by a data descriptor. Output goes to `sink` as it
 * is produced; only the central directory (a few dozen bytes per entry) is kept in memory.
 */
export type ZipSink = (chunk: Uint8Array) => void;

const encoder = new TextEncoder();
const MAX_32 = 0xffffffff;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array, previous = 0): number {
  let c = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

type CentralEntry = { name: Uint8Array; utf8: boolean; method: 0 | 8; descriptor: boolean; crc: number; compressed: number; size: number; offset: number };

export interface ZipEntryWriter {
  write(data: string | Uint8Array): void;
  close(): void;
}

/** DOS date and time (UTC: a worker has no local zone, and the archive should not depend on one). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private open = false;
  private finished = false;
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly sink: ZipSink,
    modified: Date = new Date(),
  ) {
    this.stamp = dosDateTime(modified);
  }

  private emit(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.offset += chunk.length;
    if (this.offset > MAX_32) throw new AppError("payload_too_large:export", { details: { reason: "archive_over_4gb" } });
    this.sink(chunk);
  }

  private begin(name: string): CentralEntry {
    if (this.finished) throw new Error(`zip: "${name}" added after finish()`);
    if (this.open) throw new Error(`zip: "${name}" added while another entry is open`);
    if (this.entries.length >= 0xffff) throw new AppError("payload_too_large:export", { details: { reason: "too_many_files" } });
    const bytes = encoder.encode(name);
    // eslint-disable-next-line no-control-regex
    return { name: bytes, utf8: /[^\x00-\x7f]/.test(name), method: 0, descriptor: false, crc: 0, compressed: 0, size: 0, offset: this.offset };
  }

  private localHeader(e: CentralEntry): Uint8Array {
    const h = new Uint8Array(30 + e.name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    v.setUint16(6, (e.descriptor ? 0x0008 : 0) | (e.utf8 ? 0x0800 : 0), true);
    v.setUint16(8, e.method, true);
    v.setUint16(10, this.stamp.time, true);
    v.setUint16(12, this.stamp.date, true);
    v.setUint32(14, e.descriptor ? 0 : e.crc, true);
    v.setUint32(18, e.descriptor ? 0 : e.compressed, true);
    v.setUint32(22, e.descriptor ? 0 : e.size, true);
    v.setUint16(26, e.name.length, true);
    v.setUint16(28, 0, true); // no extra field (OCF forbids one on mimetype)
    h.set(e.name, 30);
    return h;
  }

  /** An uncompressed entry whose bytes are known: CRC and sizes in the local header, no descriptor. */
  stored(name: string, data: string | Uint8Array): void {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    const e = this.begin(name);
    e.crc = crc32(bytes);
    e.compressed = e.size = bytes.length;
    this.emit(this.localHeader(e));
    this.emit(bytes);
    this.entries.push(e);
  }

  /** A deflated entry written in pieces; nothing of it is held beyond fflate's window. */
  deflated(name: string): ZipEntryWriter {
    const e = this.begin(name);
    e.method = 8;
    e.descriptor = true;
    this.open = true;
    this.emit(this.localHeader(e));
    const deflate = new Deflate({ level: 6 }, (chunk: Uint8Array) => {
      e.compressed += chunk.length;
      this.emit(chunk);
    });
    let closed = false;
    return {
      write: (data) => {
        if (closed) throw new Error(`zip: write to closed entry "${name}"`);
        const bytes = typeof data === "string" ? encoder.encode(data) : data;
        if (bytes.length === 0) return;
        e.crc = crc32(bytes, e.crc);
        e.size += bytes.length;
        if (e.size > MAX_32) throw new AppError("payload_too_large:export", { details: { reason: "file_over_4gb" } });
        deflate.push(bytes, false);
      },
      close: () => {
        if (closed) return;
        closed = true;
        deflate.push(new Uint8Array(0), true);
        const d = new Uint8Array(16);
        const v = new DataView(d.buffer);
        v.setUint32(0, 0x08074b50, true);
        v.setUint32(4, e.crc, true);
        v.setUint32(8, e.compressed, true);
        v.setUint32(12, e.size, true);
        this.emit(d);
        this.entries.push(e);
        this.open = false;
      },
    };
  }

  /** Convenience: a whole deflated entry from one string. */
  file(name: string, data: string | Uint8Array): void {
    const w = this.deflated(name);
    w.write(data);
    w.close();
  }

  /** The central directory and its end record. */
  finish(): void {
    if (this.open) throw new Error("zip: finish() while an entry is open");
    if (this.finished) return;
    this.finished = true;
    const start = this.offset;
    for (const e of this.entries) {
      const h = new Uint8Array(46 + e.name.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 0x0314, true); // made by: Unix, spec 2.0
      v.setUint16(6, 20, true);
      v.setUint16(8, (e.descriptor ? 0x0008 : 0) | (e.utf8 ? 0x0800 : 0), true);
      v.setUint16(10, e.method, true);
      v.setUint16(12, this.stamp.time, true);
      v.setUint16(14, this.stamp.date, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressed, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, e.name.length, true);
      v.setUint32(38, (0o100644 << 16) >>> 0, true); // a regular file, rw-r--r--
      v.setUint32(42, e.offset, true);
      h.set(e.name, 46);
      this.emit(h);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.entries.length, true);
    v.setUint16(10, this.entries.length, true);
    v.setUint32(12, this.offset - start, true);
    v.setUint32(16, start, true);
    this.emit(end);
  }
}
