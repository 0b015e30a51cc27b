import { xmlText } from "@/lib/export/xml";
import { FONT_STACKS, type Face } from "./themes";

/**
 * Setting text on a cover without measuring glyphs (no fonts are loaded where covers are made):
 * average advance widths per face, a greedy line breaker, and the largest size at which the title
 * fits its box in at most four lines (six for very long titles, with an ellipsis past that).
 */
const ADVANCE: Record<Face, { lower: number; upper: number }> = {
  serif: { lower: 0.5, upper: 0.68 },
  didone: { lower: 0.5, upper: 0.72 },
  sans: { lower: 0.55, upper: 0.7 },
};

export type TitleSetting = { lines: string[]; size: number; lineHeight: number; tracking: number };

function widthOf(text: string, size: number, face: Face, upper: boolean, tracking: number): number {
  const per = upper ? ADVANCE[face].upper : ADVANCE[face].lower;
  return text.length * size * per + Math.max(0, text.length - 1) * tracking * size;
}

function wrap(words: string[], fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (!line || fits(next)) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function setTitle(title: string, face: Face, upper: boolean, box: { width: number; height: number }, sizes: { max: number; min: number }): TitleSetting {
  const maxWidth = box.width;
  const text = (upper ? title.toUpperCase() : title).replace(/\s+/g, " ").trim() || "Untitled";
  const words = text.split(" ");
  const tracking = upper ? 0.06 : 0;
  for (let size = sizes.max; size >= sizes.min; size -= 4) {
    const fits = (line: string) => widthOf(line, size, face, upper, tracking) <= maxWidth;
    const lines = wrap(words, fits);
    const height = size + size * 1.08 * (lines.length - 1);
    if (lines.length <= 4 && height <= box.height && lines.every(fits)) return { lines, size, lineHeight: size * 1.08, tracking };
  }
  const size = sizes.min;
  const fits = (line: string) => widthOf(line, size, face, upper, tracking) <= maxWidth;
  // A very long title: break long words by characters, keep six lines, mark what was cut.
  const pieces = words.flatMap((w) => {
    const out: string[] = [];
    let rest = w;
    while (!fits(rest) && rest.length > 1) {
      let n = rest.length - 1;
      while (n > 1 && !fits(`${rest.slice(0, n)}-`)) n--;
      out.push(`${rest.slice(0, n)}-`);
      rest = rest.slice(n);
    }
    out.push(rest);
    return out;
  });
  let lines = wrap(pieces, fits);
  if (lines.length > 6) lines = [...lines.slice(0, 5), `${lines[5]!.replace(/\s*\S*$/, "")}…`];
  return { lines, size, lineHeight: size * 1.08, tracking };
}

/** One `<text>` with a `<tspan>` per line, escaped. `anchor` is start, middle or end. */
export function textBlock(input: {
  lines: string[];
  x: number;
  y: number;
  size: number;
  lineHeight: number;
  face: Face;
  fill: string;
  anchor: "start" | "middle" | "end";
  tracking?: number;
  weight?: number;
  style?: "italic";
  opacity?: number;
}): string {
  const attrs = [
    `x="${input.x}"`,
    `y="${Math.round(input.y)}"`,
    `font-family="${FONT_STACKS[input.face]}"`,
    `font-size="${input.size}"`,
    `fill="${input.fill}"`,
    `text-anchor="${input.anchor}"`,
    input.weight ? `font-weight="${input.weight}"` : "",
    input.tracking ? `letter-spacing="${(input.tracking * input.size).toFixed(1)}"` : "",
    input.style ? `font-style="${input.style}"` : "",
    input.opacity !== undefined ? `opacity="${input.opacity}"` : "",
  ].filter(Boolean);
  const spans = input.lines.map((line, i) => `<tspan x="${input.x}" dy="${i === 0 ? 0 : Math.round(input.lineHeight)}">${xmlText(line)}</tspan>`).join("");
  return `<text ${attrs.join(" ")}>${spans}</text>`;
}
