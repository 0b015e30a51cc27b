import type { ExportSource } from "./manuscript";
import { zipStream } from "./stream";
import type { ZipWriter } from "./zip";
import {
  APP_PROPERTIES,
  CONTENT_TYPES,
  DOCUMENT_CLOSING,
  DOCUMENT_OPENING,
  DOCUMENT_RELS,
  PACKAGE_RELS,
  SETTINGS,
  STYLES,
  chapterHeadingParagraph,
  chapterParagraphs,
  coreProperties,
  titleParagraphs,
} from "./docx-parts";

/**
 * DOCX: a title page, then each chapter under a Heading 1 that starts a new page (so Word's
 * navigation pane lists the chapters). word/document.xml is one ZIP entry written chapter by chapter.
 */
export function docxStream(source: ExportSource): ReadableStream<Uint8Array> {
  return zipStream((zip) => writeDocx(zip, source), source.book.modifiedAt, `docx ${source.book.id}`);
}

async function* writeDocx(zip: ZipWriter, source: ExportSource): AsyncGenerator<void> {
  const { book, chapters } = source;
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", PACKAGE_RELS);
  zip.file("docProps/core.xml", coreProperties(book));
  zip.file("docProps/app.xml", APP_PROPERTIES);
  zip.file("word/_rels/document.xml.rels", DOCUMENT_RELS);
  zip.file("word/styles.xml", STYLES);
  zip.file("word/settings.xml", SETTINGS);
  yield;
  const document = zip.deflated("word/document.xml");
  document.write(DOCUMENT_OPENING);
  document.write(titleParagraphs(book));
  for (const chapter of chapters) {
    const text = await source.chapterText(chapter.id);
    document.write(chapterHeadingParagraph(chapter));
    for (const p of chapterParagraphs(text)) document.write(p);
    yield;
  }
  document.write(DOCUMENT_CLOSING);
  document.close();
}
