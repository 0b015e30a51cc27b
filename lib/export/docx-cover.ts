import { inspectImage } from "@/lib/image-bytes";
import { COVER_EXTENSIONS, type CoverAsset, type CoverMediaType, type ExportBook } from "./manuscript";
import { xmlText } from "./xml";

/**
 * The cover as the DOCX's first page: one inline picture, centred, as large as the page's text area
 * allows at the cover's own proportions, then a page break before the title page.
 */
const EMU_PER_INCH = 914_400;
/** US Letter less one-inch margins (see DOCUMENT_CLOSING), a little short so Word keeps it on one page. */
const BOX = { width: 6.5 * EMU_PER_INCH, height: 8.8 * EMU_PER_INCH };

export const COVER_REL_ID = "rIdCover";
export const COVER_FALLBACK_REL_ID = "rIdCoverFallback";

/** The part name of the cover image inside word/. */
export function coverPart(mediaType: CoverMediaType): string {
  return `media/cover.${COVER_EXTENSIONS[mediaType]}`;
}

/**
 * Word shows an SVG picture from an extension of the picture's blip and wants a raster image as the
 * main one (older Word shows that). A 1×1 white PNG stands in: Quire's composed covers are SVG and
 * there is no rasteriser on a worker.
 */
export const SVG_FALLBACK_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"),
  (c) => c.charCodeAt(0),
);
export const SVG_FALLBACK_PART = "media/cover-fallback.png";

/** The cover's width and height in pixels (or SVG user units); a usual 5:8 cover when unreadable. */
export function coverSize(cover: CoverAsset): { width: number; height: number } {
  if (cover.mediaType === "image/svg+xml") {
    const head = new TextDecoder().decode(cover.bytes.subarray(0, 2048));
    const root = /<svg\b[^>]*>/i.exec(head)?.[0] ?? "";
    const attr = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)(?:px)?"`).exec(root)?.[1]);
    const box = /\bviewBox="[\d.\s-]*?\s([\d.]+)\s+([\d.]+)"/.exec(root);
    const width = attr("width") || Number(box?.[1]);
    const height = attr("height") || Number(box?.[2]);
    if (width > 0 && height > 0) return { width, height };
    return { width: 1000, height: 1600 };
  }
  const info = inspectImage(cover.bytes);
  return typeof info === "string" ? { width: 1000, height: 1600 } : { width: info.width, height: info.height };
}

/** Fits the cover into the page's text area, keeping its proportions. */
export function coverExtent(size: { width: number; height: number }): { cx: number; cy: number } {
  const scale = Math.min(BOX.width / size.width, BOX.height / size.height);
  return { cx: Math.round(size.width * scale), cy: Math.round(size.height * scale) };
}

export function coverParagraph(book: ExportBook, cover: CoverAsset): string {
  const { cx, cy } = coverExtent(coverSize(cover));
  const svg = cover.mediaType === "image/svg+xml";
  const blip = svg
    ? `<a:blip r:embed="${COVER_FALLBACK_REL_ID}"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="${COVER_REL_ID}"/></a:ext></a:extLst></a:blip>`
    : `<a:blip r:embed="${COVER_REL_ID}"/>`;
  const name = `cover.${COVER_EXTENSIONS[cover.mediaType]}`;
  const drawing =
    `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="1" name="Cover" descr="${xmlText(`Cover of ${book.title}`)}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
    `<pic:nvPicPr><pic:cNvPr id="1" name="${name}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill>${blip}<a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`;
  return `<w:p><w:pPr><w:pStyle w:val="Cover"/></w:pPr><w:r>${drawing}</w:r><w:r><w:br w:type="page"/></w:r></w:p>\n`;
}
