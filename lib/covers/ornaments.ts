import type { OrnamentName } from "./themes";

/**
 * Geometric ornaments drawn in the accent colour inside a box. Pure shapes (no text, no images), so
 * they render the same everywhere; every random choice comes from the cover's seeded generator.
 */
export type Box = { x: number; y: number; w: number; h: number };
export type Random = () => number;

const r1 = (n: number) => Math.round(n * 10) / 10;

function constellation(rand: Random, box: Box, color: string): string {
  const stars = Array.from({ length: 9 + Math.floor(rand() * 6) }, () => ({ x: box.x + rand() * box.w, y: box.y + rand() * box.h, r: 3 + rand() * 7 }));
  const path = stars
    .slice(0, 6)
    .sort((a, b) => a.x - b.x)
    .map((s, i) => `${i ? "L" : "M"}${r1(s.x)} ${r1(s.y)}`)
    .join(" ");
  const dust = Array.from({ length: 40 }, () => `<circle cx="${r1(box.x + rand() * box.w)}" cy="${r1(box.y + rand() * box.h)}" r="${r1(1 + rand() * 2)}" opacity="${r1(0.3 + rand() * 0.5)}"/>`).join("");
  return `<g fill="${color}"><path d="${path}" fill="none" stroke="${color}" stroke-width="2" opacity="0.6"/>${stars.map((s) => `<circle cx="${r1(s.x)}" cy="${r1(s.y)}" r="${r1(s.r)}"/>`).join("")}${dust}</g>`;
}

function sunburst(rand: Random, box: Box, color: string): string {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const radius = Math.min(box.w, box.h) * (0.28 + rand() * 0.1);
  const rays = 24 + Math.floor(rand() * 3) * 12;
  const lines = Array.from({ length: rays }, (_, i) => {
    const a = (i / rays) * Math.PI * 2;
    const inner = radius * 1.15;
    const outer = radius * (i % 2 ? 1.6 : 1.9);
    return `<line x1="${r1(cx + Math.cos(a) * inner)}" y1="${r1(cy + Math.sin(a) * inner)}" x2="${r1(cx + Math.cos(a) * outer)}" y2="${r1(cy + Math.sin(a) * outer)}"/>`;
  }).join("");
  return `<g stroke="${color}" stroke-width="3" fill="none"><circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(radius)}" fill="${color}" fill-opacity="0.9"/><circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(radius * 1.08)}"/>${lines}</g>`;
}

function waves(rand: Random, box: Box, color: string): string {
  const count = 7 + Math.floor(rand() * 5);
  const amp = 12 + rand() * 30;
  const length = 160 + rand() * 200;
  const paths = Array.from({ length: count }, (_, i) => {
    const y = box.y + ((i + 0.5) / count) * box.h;
    let d = `M${box.x} ${r1(y)}`;
    for (let x = 0; x < box.w; x += length / 2) d += ` q${r1(length / 4)} ${r1(i % 2 ? amp : -amp)} ${r1(length / 2)} 0`;
    return `<path d="${d}" opacity="${r1(0.35 + (i / count) * 0.6)}"/>`;
  }).join("");
  return `<g stroke="${color}" stroke-width="4" fill="none">${paths}</g>`;
}

function dots(rand: Random, box: Box, color: string): string {
  const step = 60 + Math.floor(rand() * 3) * 20;
  const out: string[] = [];
  for (let y = box.y + step / 2; y < box.y + box.h; y += step) {
    for (let x = box.x + step / 2; x < box.x + box.w; x += step) {
      const big = rand() < 0.12;
      out.push(`<circle cx="${r1(x)}" cy="${r1(y)}" r="${big ? r1(step * 0.32) : 5}" opacity="${big ? 0.95 : 0.5}"/>`);
    }
  }
  return `<g fill="${color}">${out.join("")}</g>`;
}

function fleuron(rand: Random, box: Box, color: string): string {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const s = Math.min(box.w, box.h) * (0.16 + rand() * 0.08);
  const rule = box.w * 0.36;
  return `<g fill="${color}" stroke="${color}"><path d="M${r1(cx)} ${r1(cy - s)} L${r1(cx + s * 0.6)} ${r1(cy)} L${r1(cx)} ${r1(cy + s)} L${r1(cx - s * 0.6)} ${r1(cy)} Z"/><path d="M${r1(cx)} ${r1(cy - s * 1.5)} L${r1(cx + s * 0.95)} ${r1(cy)} L${r1(cx)} ${r1(cy + s * 1.5)} L${r1(cx - s * 0.95)} ${r1(cy)} Z" fill="none" stroke-width="3"/><line x1="${r1(cx - s * 1.3 - rule)}" y1="${r1(cy)}" x2="${r1(cx - s * 1.3)}" y2="${r1(cy)}" stroke-width="3"/><line x1="${r1(cx + s * 1.3)}" y1="${r1(cy)}" x2="${r1(cx + s * 1.3 + rule)}" y2="${r1(cy)}" stroke-width="3"/><circle cx="${r1(cx - s * 1.3 - rule)}" cy="${r1(cy)}" r="7"/><circle cx="${r1(cx + s * 1.3 + rule)}" cy="${r1(cy)}" r="7"/></g>`;
}

function arches(rand: Random, box: Box, color: string): string {
  const count = 4 + Math.floor(rand() * 4);
  const cx = box.x + box.w / 2;
  const base = box.y + box.h;
  const maxW = box.w * 0.8;
  const paths = Array.from({ length: count }, (_, i) => {
    const w = maxW * (1 - i / (count + 1));
    const h = box.h * 0.9 * (1 - i / (count + 1));
    return `<path d="M${r1(cx - w / 2)} ${r1(base)} V${r1(base - h + w / 2)} A${r1(w / 2)} ${r1(w / 2)} 0 0 1 ${r1(cx + w / 2)} ${r1(base - h + w / 2)} V${r1(base)}"/>`;
  }).join("");
  return `<g stroke="${color}" stroke-width="4" fill="none">${paths}</g>`;
}

function shards(rand: Random, box: Box, color: string): string {
  const polys = Array.from({ length: 6 + Math.floor(rand() * 5) }, () => {
    const x = box.x + rand() * box.w;
    const y = box.y + rand() * box.h;
    const s = 60 + rand() * 220;
    const pts = [0, 1, 2].map(() => `${r1(x + (rand() - 0.5) * s)},${r1(y + (rand() - 0.5) * s * 1.6)}`).join(" ");
    return `<polygon points="${pts}" opacity="${r1(0.35 + rand() * 0.65)}"/>`;
  }).join("");
  const slash = `<line x1="${r1(box.x)}" y1="${r1(box.y + box.h * (0.6 + rand() * 0.3))}" x2="${r1(box.x + box.w)}" y2="${r1(box.y + box.h * rand() * 0.3)}" stroke="${color}" stroke-width="6"/>`;
  return `<g fill="${color}">${polys}${slash}</g>`;
}

function rings(rand: Random, box: Box, color: string): string {
  const cx = box.x + box.w * (0.35 + rand() * 0.3);
  const cy = box.y + box.h * (0.35 + rand() * 0.3);
  const max = Math.min(box.w, box.h) * 0.48;
  const count = 5 + Math.floor(rand() * 5);
  const circles = Array.from({ length: count }, (_, i) => `<circle cx="${r1(cx + i * 6)}" cy="${r1(cy - i * 4)}" r="${r1(max * (1 - i / (count + 1)))}" stroke-width="${i === 0 ? 8 : 3}"/>`).join("");
  return `<g stroke="${color}" fill="none">${circles}</g>`;
}

const ORNAMENTS: Record<OrnamentName, (rand: Random, box: Box, color: string) => string> = { constellation, sunburst, waves, dots, fleuron, arches, shards, rings };

export function ornament(name: OrnamentName, rand: Random, box: Box, color: string): string {
  return ORNAMENTS[name](rand, box, color);
}
