/**
 * Unknown names: of the distinct names a chapter uses (capitalised words mid-sentence, the same rule
 * as the quality check in lib/books/quality.ts), the share that the story bible does not know. A
 * model that invents a new town or a second sister scores high; one that keeps to the bible, 0.
 * Distinct names, not mentions: one invented name used twenty times is still one invention.
 */
const NOT_NAMES = new Set(
  "The A An And But Or If In On At To Of For With From By As Is It Its This That These Those He She They We You I Me My Our Their His Her Them Then There Here When Where What Which Who Why How Yes No Not Now Once After Before While Still Even Just Only Some Any Every Each All One Two Three Mr Mrs Ms Dr Sir Lady Lord God Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December".split(
    " ",
  ),
);

export type NameUse = { names: string[]; unknown: string[]; rate: number };

export function nameUse(text: string, knownNames: string[]): NameUse {
  const known = new Set(knownNames.flatMap((n) => n.toLowerCase().split(/\s+/)).filter(Boolean));
  const names = new Set<string>();
  const re = /(?<![.!?]\s|^|\n|"|“)\b([A-Z][a-z]{2,})\b/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[1]!;
    if (!NOT_NAMES.has(word)) names.add(word);
  }
  const all = [...names].sort();
  const unknown = all.filter((n) => !known.has(n.toLowerCase()));
  return { names: all, unknown, rate: all.length === 0 ? 0 : unknown.length / all.length };
}

export function unknownNameRate(text: string, knownNames: string[]): number {
  return nameUse(text, knownNames).rate;
}
