import type { ExportSource } from "./manuscript";
import { zipStream } from "./stream";
import type { ZipWriter } from "./zip";
import { coverParagraph, coverPart, SVG_FALLBACK_PART, SVG_FALLBACK_PNG } from "./docx-cover";
import {
  APP_PROPERTIES,
  contentTypes,
  DOCUMENT_CLOSING,
  DOCUMENT_OPENING,
  documentRels,
  PACKAGE_RELS,
  SETTINGS,
  STYLES,
  chapterHeadingParagraph,
  chapterParagraphs,
  coreProperties,
  titleParagraphs,
} from "./docx-parts";

/**
 * DOCX: the cover on its own page, a title page, then each chapter under a Heading 1 that starts a new page (so Word's
 * navigation pane lists the chapters). word/document.xml is one ZIP entry written chapter by chapter.
 */
export function docxStream(source: ExportSource): ReadableStream<Uint8Array> {
  return zipStream((zip) => writeDocx(zip, source), source.book.modifiedAt, `docx ${source.book.id}`);
}

async function* writeDocx(zip: ZipWriter, source: ExportSource): AsyncGenerator<void> {
  const { book, chapters, cover } = source;
  zip.file("[Content_Types].xml", contentTypes(cover.mediaType));
  zip.file("_rels/.rels", PACKAGE_RELS);
  zip.file("docProps/core.xml", coreProperties(book));
  zip.file("docProps/app.xml", APP_PROPERTIES);
  zip.file("word/_rels/document.xml.rels", documentRels(cover.mediaType));
  zip.file("word/styles.xml", STYLES);
  zip.file("word/settings.xml", SETTINGS);
  // Raster covers are already compressed; deflating them again only costs time.
  if (cover.mediaType === "image/svg+xml") {
    zip.file(`word/${coverPart(cover.mediaType)}`, cover.bytes);
    zip.stored(`word/${SVG_FALLBACK_PART}`, SVG_FALLBACK_PNG);
  } else zip.stored(`word/${coverPart(cover.mediaType)}`, cover.bytes);
  yield;
  const document = zip.deflated("word/document.xml");
  document.write(DOCUMENT_OPENING);
  document.write(coverParagraph(book, cover));
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
