import { countWords } from "@/db/queries/chapters";

/** Cheap checks after each chapter, shown beside it: no model is asked. */
export type QualityChecks = {
  words: number;
  targetWords: number;
  /** words / target: 1 is on target. */
  lengthRatio: number;
  lengthOk: boolean;
  repeatedPhrases: { phrase: string; count: number }[];
  /** Names used in the text that the story bible does not know (proposed as new entries). */
  unknownNames: string[];
  /**
   * Sentences of the chapter that contradict an entry of the story bible, as the chapter's bible-update
   * step reported them (lib/books/bible-updates.ts). Absent on chapters checked before it existed.
   */
  bibleConflicts?: BibleConflict[];
};

export type BibleConflict = { entry: string; evidence: string; bibleSays: string };

const COMMON = new Set(
  "The A An And But Or If In On At To Of For With From By As Is It Its This That These Those He She They We You I Me My Our Their His Her Them Then There Here When Where What Which Who Why How Yes No Not Now Once After Before While Still Even Just Only Some Any Every Each All One Two Three Mr Mrs Ms Dr Sir Lady Lord God Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December".split(" "),
);

export function checkChapter(text: string, targetWords: number, knownNames: string[], bibleConflicts: BibleConflict[] = []): QualityChecks {
  const words = countWords(text);
  const lengthRatio = targetWords > 0 ? Math.round((words / targetWords) * 100) / 100 : 0;
  return {
    words,
    targetWords,
    lengthRatio,
    lengthOk: lengthRatio >= 0.8 && lengthRatio <= 1.25,
    repeatedPhrases: repeatedPhrases(text),
    unknownNames: unknownNames(text, knownNames),
    bibleConflicts,
  };
}

/** Four-word phrases used three times or more (a sign of a model looping). */
export function repeatedPhrases(text: string, size = 4, min = 3): { phrase: string; count: number }[] {
  const tokens = text.toLowerCase().match(/[a-z']+/g) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i + size <= tokens.length; i++) {
    const gram = tokens.slice(i, i + size);
    if (gram.every((w) => w.length <= 3)) continue; // "and then it was" says nothing
    const phrase = gram.join(" ");
    counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([phrase, count]) => ({ phrase, count }));
}

/** Capitalised words used mid-sentence that match no bible name or alias. */
export function unknownNames(text: string, knownNames: string[]): string[] {
  const known = new Set(knownNames.flatMap((n) => n.toLowerCase().split(/\s+/)));
  const found = new Map<string, number>();
  const re = /(?<![.!?]\s|^|\n|"|“)\b([A-Z][a-z]{2,})\b/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[1]!;
    if (COMMON.has(word) || known.has(word.toLowerCase())) continue;
    found.set(word, (found.get(word) ?? 0) + 1);
  }
  return [...found.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([w]) => w);
}
