import { describe, expect, it } from "vitest";
import { lengthAdherence } from "./length";
import { repetitionRate } from "./repetition";
import { clicheHits, clicheRate } from "./cliches";
import { nameUse, unknownNameRate } from "./names";
import { normalizedEditDistance, wordEditDistance } from "./edit-distance";
import { mean, percentile, rate } from "./stats";

describe("chapter length adherence", () => {
  it("scores 1 on target and within 10 %", () => {
    expect(lengthAdherence(1000, 1000)).toBe(1);
    expect(lengthAdherence(1050, 1000)).toBe(1);
    expect(lengthAdherence(910, 1000)).toBe(1);
  });

  it("falls to 0 at half and at double the target, and stays there", () => {
    expect(lengthAdherence(2000, 1000)).toBe(0);
    expect(lengthAdherence(500, 1000)).toBe(0);
    expect(lengthAdherence(5000, 1000)).toBe(0);
    expect(lengthAdherence(0, 1000)).toBe(0);
  });

  it("falls off with the distance on a log scale: 50 % long and a third short score the same", () => {
    // 1 - (log2 1.5 - log2 1.1) / (1 - log2 1.1) = 0.48120…
    expect(lengthAdherence(1500, 1000)).toBeCloseTo(0.4812, 4);
    expect(lengthAdherence(1000, 1500)).toBeCloseTo(0.4812, 4);
    expect(lengthAdherence(1200, 1000)).toBeGreaterThan(lengthAdherence(1500, 1000));
  });

  it("refuses a target of zero words", () => {
    expect(() => lengthAdherence(10, 0)).toThrow(RangeError);
  });
});

describe("repetition rate", () => {
  it("counts four-word phrases that repeat an earlier one", () => {
    // 8 words, 5 phrases, the fifth repeats the first.
    expect(repetitionRate("alpha beta gamma delta alpha beta gamma delta")).toBe(0.2);
  });

  it("is 0 for prose without repeats, and for phrases of short words only", () => {
    expect(repetitionRate("The keeper climbed the stairs while the storm tore at the lamp room windows.")).toBe(0);
    expect(repetitionRate("and so it was and so it was and so it was")).toBe(0);
  });

  it("is high for a looping text", () => {
    expect(repetitionRate("the endless grey tide ".repeat(10))).toBeCloseTo(33 / 37, 6);
  });
});

describe("cliché rate", () => {
  it("counts listed phrases per thousand words, whatever the case or apostrophe", () => {
    const text = "It was a testament to her will. A Testament To nothing, and she let out a breath she didn’t know she was holding.";
    expect(clicheHits(text)).toBe(4); // two testaments, and the breath phrase matches two entries
    expect(clicheRate(text)).toBeCloseTo((4 * 1000) / 23, 6);
  });

  it("is 0 for plain prose and for an empty text", () => {
    expect(clicheRate("The keeper counted the ships until the fog came in.")).toBe(0);
    expect(clicheRate("")).toBe(0);
  });
});

describe("unknown-name rate", () => {
  it("is the share of distinct mid-sentence names the bible does not know", () => {
    const text = "Later Maren met Tobias at Port Arlen. Morning came. Maren smiled at Tobias.";
    expect(nameUse(text, ["Maren"])).toEqual({ names: ["Arlen", "Maren", "Port", "Tobias"], unknown: ["Arlen", "Port", "Tobias"], rate: 0.75 });
  });

  it("knows every word of a multi-word bible name and alias", () => {
    expect(unknownNameRate("She rowed out with Tobias Vane towards Port Arlen.", ["Tobias Vane", "Port Arlen"])).toBe(0);
  });

  it("is 0 when the text uses no names", () => {
    expect(unknownNameRate("the sea was quiet that night.", [])).toBe(0);
  });
});

describe("suggestion edit distance", () => {
  it("counts word insertions, deletions and replacements", () => {
    expect(wordEditDistance("the cat sat", "the dog sat down")).toBe(2);
    expect(wordEditDistance("", "three new words")).toBe(3);
    expect(wordEditDistance("same words here", "same  words\nhere")).toBe(0);
  });

  it("normalises by the longer text", () => {
    expect(normalizedEditDistance("the cat sat", "the dog sat down")).toBe(0.5);
    expect(normalizedEditDistance("a b", "c d")).toBe(1);
    expect(normalizedEditDistance("", "")).toBe(0);
  });
});

describe("report statistics", () => {
  it("uses nearest-rank percentiles and null for empty samples", () => {
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeNull();
  });
});
