import { bytesToBase64 } from "@/lib/bytes";
import { themeFor } from "./themes";
import { COVER_HEIGHT, COVER_WIDTH, seededRandom, type CoverText } from "./typographic";
import { setTitle, textBlock } from "./type-setting";

/**
 * A painted cover: the model's art filling the page, a dark scrim at the foot so type stays legible
 * on any picture, and the title and author set over it in the genre's face. The art is embedded as
 * a data URL: an SVG shown through <img> (and in e-readers) may not load anything outside itself.
 */
export function paintedCover(text: CoverText, art: { bytes: Uint8Array; mediaType: string }): string {
  const W = COVER_WIDTH;
  const H = COVER_HEIGHT;
  const theme = themeFor(text.genre);
  const rand = seededRandom(`${text.bookId}|painted`);
  const face = theme.faces[Math.floor(rand() * theme.faces.length)]!;
  const upper = theme.uppercaseTitle;
  const set = setTitle(text.title, face, upper, { width: W - 240, height: 760 }, { max: upper ? 190 : 220, min: 64 });
  const titleHeight = set.size + set.lineHeight * (set.lines.length - 1);
  const titleTop = H - 330 - titleHeight;
  const title = textBlock({ lines: set.lines, x: W / 2, y: titleTop + set.size * 0.85, size: set.size, lineHeight: set.lineHeight, face, fill: "#ffffff", anchor: "middle", tracking: set.tracking, weight: face === "sans" ? 700 : undefined });
  const author = textBlock({ lines: [text.author.toUpperCase()], x: W / 2, y: H - 170, size: 56, lineHeight: 56, face: face === "sans" ? "sans" : "serif", fill: "#ffffff", anchor: "middle", tracking: 0.3, opacity: 0.92 });
  const scrimTop = Math.max(0, titleTop - 420);
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<!-- Quire painted cover: ${theme.name} -->
<defs><linearGradient id="scrim" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="0.45" stop-color="#000" stop-opacity="0.55"/><stop offset="1" stop-color="#000" stop-opacity="0.85"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="#111"/>
<image x="0" y="0" width="${W}" height="${H}" preserveAspectRatio="xMidYMid slice" href="data:${art.mediaType};base64,${bytesToBase64(art.bytes)}"/>
<rect x="0" y="${Math.round(scrimTop)}" width="${W}" height="${Math.round(H - scrimTop)}" fill="url(#scrim)"/>
${title}
<line x1="${W / 2 - 90}" y1="${H - 270}" x2="${W / 2 + 90}" y2="${H - 270}" stroke="#ffffff" stroke-width="3" opacity="0.8"/>
${author}
</svg>
`;
}
