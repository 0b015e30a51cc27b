/**
 * What every export format reads: the book's metadata, its cover, the list of chapters (small),
 * and a way to fetch one chapter's text at a time, so that no format holds the whole book.
 */
export type CoverMediaType = "image/svg+xml" | "image/png" | "image/jpeg" | "image/webp";

export type CoverAsset = { bytes: Uint8Array; mediaType: CoverMediaType };

export type ExportBook = {
  id: string;
  title: string;
  author: string;
  genre: string;
  premise: string;
  language: string;
  modifiedAt: Date;
};

export type ChapterEntry = { id: string; number: number; title: string };

export type ExportSource = {
  book: ExportBook;
  chapters: ChapterEntry[];
  cover: CoverAsset;
  chapterText(chapterId: string): Promise<string>;
};

export const COVER_EXTENSIONS: Record<CoverMediaType, string> = {
  "image/svg+xml": "svg",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};

/** A block of chapter text: a paragraph (its lines kept) or a scene break (`***`, `* * *`, `#`). */
export type Block = { kind: "paragraph"; lines: string[] } | { kind: "break" };

const SCENE_BREAK = /^\s*(?:\*\s*){3,}$|^\s*#\s*$|^\s*(?:-\s*){3,}$/;

/**
 * Chapters are plain text with blank lines between paragraphs; a single line break inside a
 * paragraph is kept (verse, letters), as the manuscript shows it. Text with no blank line at all
 * (some models put one newline between paragraphs) has one paragraph per line. Runs of spaces are
 * not meaningful and are collapsed.
 */
export function* blocksOf(text: string): Generator<Block> {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  const separator = /\n[ \t]*\n/.test(normalized) ? /\n[ \t]*\n+/ : /\n+/;
  for (const chunk of normalized.split(separator)) {
    const lines = chunk
      .split("\n")
      .map((l) => l.replace(/[ \t]+/g, " ").trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.length === 1 && SCENE_BREAK.test(lines[0]!)) yield { kind: "break" };
    else yield { kind: "paragraph", lines };
  }
}

/** Titles are one line in every format: a stray newline from a model would break a heading. */
export function oneLine(text: string, fallback: string): string {
  return text.replace(/\s+/g, " ").trim() || fallback;
}

export function chapterHeading(c: ChapterEntry): string {
  return `Chapter ${c.number}`;
}
