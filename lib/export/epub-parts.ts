import { blocksOf, chapterHeading, COVER_EXTENSIONS, type ChapterEntry, type CoverMediaType, type ExportBook } from "./manuscript";
import { xmlText } from "./xml";

/** The text of each EPUB 3 file but the chapters' bodies. Paths are relative to OEBPS/. */
export const EPUB_PATHS = {
  opf: "OEBPS/content.opf",
  nav: "nav.xhtml",
  ncx: "toc.ncx",
  css: "styles/book.css",
  coverPage: "text/cover.xhtml",
  titlePage: "text/title.xhtml",
};

export function chapterPath(c: ChapterEntry): string {
  return `text/chapter-${String(c.number).padStart(3, "0")}.xhtml`;
}

export function coverImagePath(mediaType: CoverMediaType): string {
  return `images/cover.${COVER_EXTENSIONS[mediaType]}`;
}

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="${EPUB_PATHS.opf}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

export const BOOK_CSS = `@charset "UTF-8";
body { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif; line-height: 1.5; margin: 0 5%; }
h1 { font-weight: normal; text-align: center; margin: 3em 0 2em; page-break-before: always; break-before: page; }
h1 .chapter-number { display: block; font-size: 0.55em; letter-spacing: 0.2em; text-transform: uppercase; margin-bottom: 0.6em; }
p { margin: 0; text-indent: 1.4em; orphans: 2; widows: 2; }
h1 + p, hr + p { text-indent: 0; }
hr.scene-break { border: 0; margin: 1.2em 0; text-align: center; }
hr.scene-break::after { content: "\\2042"; }
.title-page { text-align: center; margin-top: 30%; }
.title-page h1 { page-break-before: auto; break-before: auto; font-size: 2em; margin: 0 0 1em; }
.title-page .author { font-variant: small-caps; letter-spacing: 0.1em; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100%; }
nav ol { list-style: none; padding: 0; }
`;

function xhtml(title: string, lang: string, body: string, bodyType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${xmlText(lang)}" xml:lang="${xmlText(lang)}">
<head>
<meta charset="UTF-8"/>
<title>${xmlText(title)}</title>
<link rel="stylesheet" type="text/css" href="../${EPUB_PATHS.css}"/>
</head>
<body epub:type="${bodyType}">
${body}
</body>
</html>
`;
}

export function coverPage(book: ExportBook, mediaType: CoverMediaType): string {
  const alt = `Cover of ${book.title} by ${book.author}`;
  return xhtml(book.title, book.language, `<section class="cover" epub:type="cover"><img src="../${coverImagePath(mediaType)}" alt="${xmlText(alt)}"/></section>`, "frontmatter");
}

export function titlePage(book: ExportBook): string {
  return xhtml(
    book.title,
    book.language,
    `<section class="title-page" epub:type="titlepage"><h1>${xmlText(book.title)}</h1><p class="author">${xmlText(book.author)}</p></section>`,
    "frontmatter",
  );
}

/** A chapter's XHTML in three pieces, so the body can be written paragraph by paragraph. */
export function chapterOpening(book: ExportBook, c: ChapterEntry): string {
  const head = xhtml(c.title, book.language, "%BODY%", "bodymatter").split("%BODY%")[0]!;
  return `${head}<section epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-heading">
<h1 id="chapter-heading"><span class="chapter-number">${xmlText(chapterHeading(c))}</span> <span class="chapter-title">${xmlText(c.title)}</span></h1>
`;
}

export function* chapterBody(text: string): Generator<string> {
  for (const block of blocksOf(text)) {
    if (block.kind === "break") yield `<hr class="scene-break"/>\n`;
    else yield `<p>${block.lines.map(xmlText).join("<br/>")}</p>\n`;
  }
}

export const CHAPTER_CLOSING = `</section>
</body>
</html>
`;

export function navDocument(book: ExportBook, chapters: ChapterEntry[]): string {
  const items = chapters.map((c) => `<li><a href="${chapterPath(c)}">${xmlText(`${chapterHeading(c)}: ${c.title}`)}</a></li>`).join("\n");
  const body = `<nav epub:type="toc" id="toc" role="doc-toc"><h1>Contents</h1>
<ol>
${items}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden=""><h2>Landmarks</h2>
<ol>
<li><a epub:type="cover" href="${EPUB_PATHS.coverPage}">Cover</a></li>
<li><a epub:type="toc" href="${EPUB_PATHS.nav}#toc">Contents</a></li>
${chapters[0] ? `<li><a epub:type="bodymatter" href="${chapterPath(chapters[0])}">Start of the book</a></li>` : ""}
</ol>
</nav>`;
  // The nav document sits at the OEBPS root, so its stylesheet link differs from the text pages'.
  return xhtml("Contents", book.language, body, "frontmatter").replace(`href="../${EPUB_PATHS.css}"`, `href="${EPUB_PATHS.css}"`);
}

export function ncxDocument(book: ExportBook, identifier: string, chapters: ChapterEntry[]): string {
  const points = chapters
    .map(
      (c, i) =>
        `<navPoint id="nav-${c.number}" playOrder="${i + 1}"><navLabel><text>${xmlText(`${chapterHeading(c)}: ${c.title}`)}</text></navLabel><content src="${chapterPath(c)}"/></navPoint>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${xmlText(book.language)}">
<head><meta name="dtb:uid" content="${xmlText(identifier)}"/><meta name="dtb:depth" content="1"/><meta name="dtb:totalPageCount" content="0"/><meta name="dtb:maxPageNumber" content="0"/></head>
<docTitle><text>${xmlText(book.title)}</text></docTitle>
<navMap>
${points}
</navMap>
</ncx>
`;
}

/** EPUB wants `CCYY-MM-DDThh:mm:ssZ`, without milliseconds. */
function modifiedStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function packageDocument(book: ExportBook, identifier: string, chapters: ChapterEntry[], coverType: CoverMediaType): string {
  const chapterItems = chapters.map((c) => `<item id="chapter-${c.number}" href="${chapterPath(c)}" media-type="application/xhtml+xml"/>`).join("\n    ");
  const chapterRefs = chapters.map((c) => `<itemref idref="chapter-${c.number}"/>`).join("\n    ");
  const description = book.premise.trim() ? `\n    <dc:description>${xmlText(book.premise.trim())}</dc:description>` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${xmlText(book.language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${xmlText(identifier)}</dc:identifier>
    <dc:title id="title">${xmlText(book.title)}</dc:title>
    <dc:creator id="creator">${xmlText(book.author)}</dc:creator>
    <meta refines="#creator" property="role" scheme="marc:relators">aut</meta>
    <dc:language>${xmlText(book.language)}</dc:language>
    <dc:subject>${xmlText(book.genre)}</dc:subject>${description}
    <meta property="dcterms:modified">${modifiedStamp(book.modifiedAt)}</meta>
    <meta name="cover" content="cover-image"/>
  </metadata>
  <manifest>
    <item id="nav" href="${EPUB_PATHS.nav}" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="${EPUB_PATHS.ncx}" media-type="application/x-dtbncx+xml"/>
    <item id="css" href="${EPUB_PATHS.css}" media-type="text/css"/>
    <item id="cover-image" href="${coverImagePath(coverType)}" media-type="${coverType}" properties="cover-image"/>
    <item id="cover" href="${EPUB_PATHS.coverPage}" media-type="application/xhtml+xml"/>
    <item id="title-page" href="${EPUB_PATHS.titlePage}" media-type="application/xhtml+xml"/>
    ${chapterItems}
  </manifest>
  <spine toc="ncx">
    <itemref idref="cover"/>
    <itemref idref="title-page"/>
    <itemref idref="nav"/>
    ${chapterRefs}
  </spine>
</package>
`;
}
