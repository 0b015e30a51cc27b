import { z } from "zod";
import { docxStream } from "./docx";
import { epubStream } from "./epub";
import type { ExportSource } from "./manuscript";
import { markdownStream } from "./markdown";
import { slugOf } from "./xml";

/** The formats Quire exports, their media types and how each is written. */
export const EXPORT_FORMATS = ["epub", "docx", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportFormatSchema = z.enum(EXPORT_FORMATS);

const FORMATS: Record<ExportFormat, { mediaType: string; label: string; write: (s: ExportSource) => ReadableStream<Uint8Array> }> = {
  epub: { mediaType: "application/epub+zip", label: "EPUB", write: epubStream },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word (DOCX)", write: docxStream },
  md: { mediaType: "text/markdown; charset=utf-8", label: "Markdown", write: markdownStream },
};

export function exportStream(format: ExportFormat, source: ExportSource): ReadableStream<Uint8Array> {
  return FORMATS[format].write(source);
}

export function exportMediaType(format: ExportFormat): string {
  return FORMATS[format].mediaType;
}

export function exportFileName(title: string, format: ExportFormat): string {
  return `${slugOf(title)}.${format}`;
}

/** Content-Disposition with an ASCII name and the exact title in RFC 5987 form. */
export function contentDisposition(title: string, format: ExportFormat): string {
  const exact = `${title.replace(/[\\/:*?"<>|\x00-\x1f]+/g, " ").replace(/\s+/g, " ").trim() || "book"}.${format}`;
  return `attachment; filename="${exportFileName(title, format)}"; filename*=UTF-8''${encodeURIComponent(exact)}`;
}
