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
 * Chapters are plain text with blank lines between paragraphs. A single line break inside a
 * paragraph is kept (verse, letters); runs of spaces are not meaningful and are collapsed.
 */
export function* blocksOf(text: string): Generator<Block> {
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n+/)) {
    const lines = chunk
      .split("\n")
      .map((l) => l.replace(/[ \t]+/g, " ").trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.length === 1 && SCENE_BREAK.test(lines[0]!)) yield { kind: "break" };
    else yield { kind: "paragraph", lines };
  }
}

export function chapterHeading(c: ChapterEntry): string {
  return `Chapter ${c.number}`;
}
