import type { CoverAsset, ExportSource } from "./manuscript";
import { zipStream } from "./stream";
import type { ZipWriter } from "./zip";
import {
  BOOK_CSS,
  CHAPTER_CLOSING,
  CONTAINER_XML,
  EPUB_PATHS,
  chapterBody,
  chapterOpening,
  chapterPath,
  coverImagePath,
  coverPage,
  navDocument,
  ncxDocument,
  packageDocument,
  titlePage,
} from "./epub-parts";

/**
 * EPUB 3 (with an NCX for older readers): `mimetype` first and stored, the container, the package
 * document, navigation, a cover page and one XHTML file per chapter, read from the source one
 * chapter at a time.
 */
export function epubStream(source: ExportSource): ReadableStream<Uint8Array> {
  const ready = { ...source, cover: epubCover(source.cover) };
  return zipStream((zip) => writeEpub(zip, ready), source.book.modifiedAt, `epub ${source.book.id}`);
}

/**
 * WebP is a core media type from EPUB 3.3 on, but not in 3.2, which many readers still follow:
 * a WebP cover goes in wrapped in an SVG page (core everywhere), as painted covers are.
 */
function epubCover(cover: CoverAsset): CoverAsset {
  if (cover.mediaType !== "image/webp") return cover;
  let binary = "";
  for (let i = 0; i < cover.bytes.length; i += 0x8000) binary += String.fromCharCode(...cover.bytes.subarray(i, i + 0x8000));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="2560" viewBox="0 0 1600 2560"><image x="0" y="0" width="1600" height="2560" preserveAspectRatio="xMidYMid slice" href="data:image/webp;base64,${btoa(binary)}"/></svg>`;
  return { bytes: new TextEncoder().encode(svg), mediaType: "image/svg+xml" };
}

export function epubIdentifier(bookId: string): string {
  return `urn:quire:book:${bookId}`;
}

async function* writeEpub(zip: ZipWriter, source: ExportSource): AsyncGenerator<void> {
  const { book, chapters, cover } = source;
  const identifier = epubIdentifier(book.id);
  zip.stored("mimetype", "application/epub+zip");
  zip.file("META-INF/container.xml", CONTAINER_XML);
  zip.file(EPUB_PATHS.opf, packageDocument(book, identifier, chapters, cover.mediaType));
  zip.file(`OEBPS/${EPUB_PATHS.nav}`, navDocument(book, chapters));
  zip.file(`OEBPS/${EPUB_PATHS.ncx}`, ncxDocument(book, identifier, chapters));
  zip.file(`OEBPS/${EPUB_PATHS.css}`, BOOK_CSS);
  yield;
  // Raster covers are already compressed; deflating them again only costs time.
  if (cover.mediaType === "image/svg+xml") zip.file(`OEBPS/${coverImagePath(cover.mediaType)}`, cover.bytes);
  else zip.stored(`OEBPS/${coverImagePath(cover.mediaType)}`, cover.bytes);
  zip.file(`OEBPS/${EPUB_PATHS.coverPage}`, coverPage(book, cover.mediaType));
  zip.file(`OEBPS/${EPUB_PATHS.titlePage}`, titlePage(book));
  yield;
  for (const chapter of chapters) {
    const text = await source.chapterText(chapter.id);
    const entry = zip.deflated(`OEBPS/${chapterPath(chapter)}`);
    entry.write(chapterOpening(book, chapter));
    for (const piece of chapterBody(text)) entry.write(piece);
    entry.write(CHAPTER_CLOSING);
    entry.close();
    yield;
  }
}
