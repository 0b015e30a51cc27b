import { ornament, type Random } from "./ornaments";
import { hashString, seededRandom as randomFrom } from "@/lib/random";
import { themeFor, type Face, type Palette, type Theme } from "./themes";
import { setTitle, textBlock } from "./type-setting";

/**
 * Quire's own cover when no image model is configured: a typographic composition, 1600 × 2560
 * (the 1 : 1.6 that stores ask for). Palette, layout, typeface and ornament are drawn from a
 * generator seeded by the book id, its genre and a variant number, so a book keeps its cover until
 * the author asks for another, and two books rarely share one.
 */
export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 2560;

export type CoverText = { bookId: string; title: string; author: string; genre: string };

const LAYOUTS = ["frame", "band", "monogram", "split"] as const;
export type Layout = (typeof LAYOUTS)[number];

export type CoverPlan = { theme: Theme; palette: Palette; face: Face; layout: Layout; ornament: Theme["ornaments"][number] };

/** The same seed always draws the same cover (FNV-1a, then mulberry32: see lib/random.ts). */
export function seededRandom(seed: string): Random {
  return randomFrom(hashString(seed));
}

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export function planCover(text: CoverText, rand: Random): CoverPlan {
  const theme = themeFor(text.genre);
  return { theme, palette: pick(rand, theme.palettes), face: pick(rand, theme.faces), layout: pick(rand, LAYOUTS), ornament: pick(rand, theme.ornaments) };
}

const W = COVER_WIDTH;
const H = COVER_HEIGHT;

function genreLabel(plan: CoverPlan, x: number, y: number, anchor: "start" | "middle", fill: string): string {
  return textBlock({ lines: [plan.theme.name.toUpperCase()], x, y, size: 34, lineHeight: 34, face: "sans", fill, anchor, tracking: 0.42, opacity: 0.8 });
}

function author(name: string, x: number, y: number, anchor: "start" | "middle", fill: string, face: Face): string {
  const upper = name.toUpperCase();
  const size = Math.max(40, Math.min(64, Math.floor(1150 / Math.max(1, upper.length) / 0.75)));
  return textBlock({ lines: [upper], x, y, size, lineHeight: size, face: face === "sans" ? "sans" : "serif", fill, anchor, tracking: 0.3, weight: face === "sans" ? 600 : undefined });
}

function titleBlock(plan: CoverPlan, title: string, x: number, top: number, box: { width: number; height: number }, anchor: "start" | "middle", fill: string) {
  const upper = plan.theme.uppercaseTitle;
  const set = setTitle(title, plan.face, upper, box, { max: upper ? 200 : 230, min: 64 });
  const y = top + set.size;
  const svg = textBlock({ lines: set.lines, x, y, size: set.size, lineHeight: set.lineHeight, face: plan.face, fill, anchor, tracking: set.tracking, weight: plan.face === "sans" ? 700 : undefined });
  return { svg, bottom: y + set.lineHeight * (set.lines.length - 1) + set.size * 0.3 };
}

function frame(plan: CoverPlan, t: CoverText, rand: Random): string {
  const { palette: p } = plan;
  const art = ornament(plan.ornament, rand, { x: 260, y: 360, w: W - 520, h: 820 }, p.accent);
  const title = titleBlock(plan, t.title, W / 2, 1300, { width: W - 360, height: 760 }, "middle", p.ink);
  return [
    `<rect x="70" y="70" width="${W - 140}" height="${H - 140}" fill="none" stroke="${p.accent}" stroke-width="6"/>`,
    `<rect x="100" y="100" width="${W - 200}" height="${H - 200}" fill="none" stroke="${p.accent}" stroke-width="2"/>`,
    genreLabel(plan, W / 2, 250, "middle", p.ink),
    art,
    title.svg,
    `<line x1="${W / 2 - 120}" y1="${Math.round(title.bottom + 60)}" x2="${W / 2 + 120}" y2="${Math.round(title.bottom + 60)}" stroke="${p.accent}" stroke-width="4"/>`,
    author(t.author, W / 2, H - 260, "middle", p.ink, plan.face),
  ].join("");
}

function band(plan: CoverPlan, t: CoverText, rand: Random): string {
  const { palette: p } = plan;
  const bandTop = 1240 + Math.floor(rand() * 160);
  const art = ornament(plan.ornament, rand, { x: 0, y: 260, w: W, h: bandTop - 340 }, p.accent);
  const title = titleBlock(plan, t.title, W / 2, bandTop + 90, { width: W - 280, height: H - 410 - bandTop - 110 }, "middle", p.bg);
  const bandHeight = Math.max(560, title.bottom - bandTop + 110);
  return [
    author(t.author, W / 2, 190, "middle", p.ink, plan.face),
    art,
    `<rect x="0" y="${bandTop}" width="${W}" height="${Math.round(bandHeight)}" fill="${p.accent}"/>`,
    title.svg,
    genreLabel(plan, W / 2, H - 170, "middle", p.ink),
  ].join("");
}

function monogram(plan: CoverPlan, t: CoverText, rand: Random): string {
  const { palette: p } = plan;
  const letter = (t.title.trim().match(/\p{L}|\p{N}/u)?.[0] ?? "Q").toUpperCase();
  const art = ornament(plan.ornament, rand, { x: 120, y: 1500, w: W - 240, h: 420 }, p.accent);
  const title = titleBlock(plan, t.title, 140, 1180, { width: W - 280, height: 940 }, "start", p.ink);
  return [
    textBlock({ lines: [letter], x: W - 120, y: 1180, size: 1300, lineHeight: 1300, face: plan.face, fill: p.accent, anchor: "end", opacity: 0.22 }),
    genreLabel(plan, 140, 210, "start", p.ink),
    `<rect x="140" y="1120" width="220" height="14" fill="${p.accent}"/>`,
    title.svg,
    title.bottom < 1460 ? art : "",
    `<line x1="140" y1="${H - 330}" x2="${W - 140}" y2="${H - 330}" stroke="${p.ink}" stroke-width="2" opacity="0.5"/>`,
    author(t.author, 140, H - 220, "start", p.ink, plan.face),
  ].join("");
}

function split(plan: CoverPlan, t: CoverText, rand: Random): string {
  const { palette: p } = plan;
  const fieldHeight = 1150 + Math.floor(rand() * 120);
  const art = ornament(plan.ornament, rand, { x: 120, y: 180, w: W - 240, h: fieldHeight - 300 }, p.bg);
  const title = titleBlock(plan, t.title, 140, fieldHeight + 130, { width: W - 280, height: H - 380 - fieldHeight - 130 }, "start", p.ink);
  return [
    `<rect x="0" y="0" width="${W}" height="${fieldHeight}" fill="${p.accent}"/>`,
    art,
    genreLabel(plan, 140, fieldHeight - 70, "start", p.bg),
    title.svg,
    `<rect x="140" y="${Math.round(title.bottom + 40)}" width="160" height="12" fill="${p.accent}"/>`,
    author(t.author, 140, H - 200, "start", p.ink, plan.face),
  ].join("");
}

const DRAW: Record<Layout, (plan: CoverPlan, t: CoverText, rand: Random) => string> = { frame, band, monogram, split };

export function typographicCover(text: CoverText, variant = 0): string {
  const rand = seededRandom(`${text.bookId}|${text.genre.toLowerCase()}|${variant}`);
  const plan = planCover(text, rand);
  const { bg, bg2 } = plan.palette;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<!-- Quire typographic cover: ${plan.theme.name}, layout ${plan.layout}, ornament ${plan.ornament} -->
<defs><linearGradient id="ground" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${bg2}"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#ground)"/>
${DRAW[plan.layout](plan, text, rand)}
</svg>
`;
}
