import { blocksOf, chapterHeading, COVER_EXTENSIONS, type ChapterEntry, type CoverMediaType, type ExportBook } from "./manuscript";
import { COVER_FALLBACK_REL_ID, COVER_REL_ID, coverPart, SVG_FALLBACK_PART } from "./docx-cover";
import { xmlText } from "./xml";

/** The fixed parts of a WordprocessingML package and the XML of its paragraphs. */
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** Content types, with a default for the cover image's extension (and the PNG an SVG cover needs beside it). */
export function contentTypes(coverType: CoverMediaType): string {
  const images = new Map([[COVER_EXTENSIONS[coverType], coverType]]);
  if (coverType === "image/svg+xml") images.set("png", "image/png");
  const defaults = [...images].map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>\n`).join("");
  return `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
${defaults}<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
`;
}

export const PACKAGE_RELS = `${DECL}<Relationships xmlns="${PKG_RELS}">
<Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="${R}/extended-properties" Target="docProps/app.xml"/>
</Relationships>
`;

export function documentRels(coverType: CoverMediaType): string {
  const fallback = coverType === "image/svg+xml" ? `<Relationship Id="${COVER_FALLBACK_REL_ID}" Type="${R}/image" Target="${SVG_FALLBACK_PART}"/>\n` : "";
  return `${DECL}<Relationships xmlns="${PKG_RELS}">
<Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="${R}/settings" Target="settings.xml"/>
<Relationship Id="${COVER_REL_ID}" Type="${R}/image" Target="${coverPart(coverType)}"/>
${fallback}</Relationships>
`;
}

export const SETTINGS = `${DECL}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
`;

const SERIF = `<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:cs="Times New Roman" w:eastAsia="Georgia"/>`;

/** Body text indented like a printed novel; the first paragraph of a chapter and after a break is not. */
export const STYLES = `${DECL}<w:styles xmlns:w="${W}">
<w:docDefaults><w:rPrDefault><w:rPr>${SERIF}<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="360"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="FirstParagraph"><w:name w:val="First Paragraph"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:spacing w:before="2880" w:after="480"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="56"/><w:szCs w:val="56"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:smallCaps/><w:spacing w:val="20"/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="FirstParagraph"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="1440" w:after="720"/><w:ind w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Cover"><w:name w:val="Cover"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="SceneBreak"><w:name w:val="Scene Break"/><w:basedOn w:val="Normal"/><w:next w:val="FirstParagraph"/><w:pPr><w:spacing w:before="240" w:after="240"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>
</w:styles>
`;

export function coreProperties(book: ExportBook): string {
  const stamp = book.modifiedAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>${xmlText(book.title)}</dc:title>
<dc:creator>${xmlText(book.author)}</dc:creator>
<dc:subject>${xmlText(book.genre)}</dc:subject>
<dc:description>${xmlText(book.premise)}</dc:description>
<dc:language>${xmlText(book.language)}</dc:language>
<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>
</cp:coreProperties>
`;
}

export const APP_PROPERTIES = `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Quire</Application></Properties>
`;

export const DOCUMENT_OPENING = `${DECL}<w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>\n`;

/** US Letter with one-inch margins; Word adapts it to A4 on print where set to. */
export const DOCUMENT_CLOSING = `<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>\n`;

function run(text: string): string {
  return `<w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

function paragraph(style: string, content: string, extra = ""): string {
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${extra}</w:pPr>${content}</w:p>\n`;
}

export function titleParagraphs(book: ExportBook): string {
  return paragraph("Title", run(book.title)) + paragraph("Subtitle", run(book.author));
}

/** Each chapter starts on a new page: the break is on the heading itself, so no blank line leads the page. */
export function chapterHeadingParagraph(c: ChapterEntry): string {
  return paragraph("Heading1", `${run(chapterHeading(c))}<w:r><w:br/></w:r>${run(c.title)}`, "<w:pageBreakBefore/>");
}

export function* chapterParagraphs(text: string): Generator<string> {
  let first = true;
  for (const block of blocksOf(text)) {
    if (block.kind === "break") {
      yield paragraph("SceneBreak", run("* * *"));
      first = true;
      continue;
    }
    const content = block.lines.map(run).join("<w:r><w:br/></w:r>");
    yield paragraph(first ? "FirstParagraph" : "Normal", content);
    first = false;
  }
}
