import type { ExportSource } from "./manuscript";
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
  return zipStream((zip) => writeEpub(zip, source), source.book.modifiedAt, `epub ${source.book.id}`);
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
