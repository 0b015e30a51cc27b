import { describe, expect, it } from "vitest";
import { isReworked, type SuggestionEventLike } from "./rework";
import { scrubPersonalData } from "./privacy";
import { roleAndDescription } from "./outline-answer";
import { chapterPassesQuality } from "./quality-gate";
import { suggestionInstruction } from "./prompts";
import { distinctProse } from "./testing/seed-library";

const accepted: SuggestionEventLike = { id: "a", userId: "u", chapterId: "c", action: "accept", instruction: "grammar", original: "she were tired", suggestion: "She was tired.", createdAt: new Date(1000) };
const later = (patch: Partial<SuggestionEventLike>): SuggestionEventLike => ({ ...accepted, id: "b", action: "edit", original: "She was tired.", suggestion: "She was exhausted.", createdAt: new Date(2000), ...patch });

describe("rework of an accepted suggestion", () => {
  it("is a later edit of the accepted text, or a later accepted suggestion over it", () => {
    expect(isReworked(accepted, [later({})])).toBe(true);
    expect(isReworked(accepted, [later({ action: "accept", original: "Then she sat. She was tired. The end.", suggestion: "x" })])).toBe(true);
  });

  it("is not an edit elsewhere, by someone else, before it, or a mere rejection", () => {
    expect(isReworked(accepted, [later({ original: "Another sentence." })])).toBe(false);
    expect(isReworked(accepted, [later({ chapterId: "other" })])).toBe(false);
    expect(isReworked(accepted, [later({ userId: "someone" })])).toBe(false);
    expect(isReworked(accepted, [later({ createdAt: new Date(500) })])).toBe(false);
    expect(isReworked(accepted, [later({ action: "reject" })])).toBe(false);
    // Continue writing names the text before the cursor as its anchor; accepting it adds, it replaces nothing.
    expect(isReworked(accepted, [later({ action: "accept", instruction: "continue", original: "She was tired." })])).toBe(false);
    expect(isReworked(accepted, [accepted])).toBe(false);
  });
});

describe("personal data scrubbing", () => {
  const person = { name: "Ada  Lovelace", email: "ada@example.com" };
  it("removes any email address and the author's full name, whatever the case", () => {
    expect(scrubPersonalData("For ADA LOVELACE (ada@example.com, or ada.l+books@mail.co.uk).", person)).toBe("For [author] ([email], or [email]).");
  });
  it("leaves a single first name alone: it is more often a character than the author", () => {
    expect(scrubPersonalData("Ada climbed the stairs.", { name: "Ada", email: "a@b.co" })).toBe("Ada climbed the stairs.");
  });
});

describe("outline characters rebuilt from the bible", () => {
  it("split the role from the description as the outline saved them", () => {
    expect(roleAndDescription("Lighthouse keeper. Counts ships and keeps secrets.")).toEqual({ role: "Lighthouse keeper", description: "Counts ships and keeps secrets." });
    expect(roleAndDescription("Written by hand without a role")).toEqual({ role: "character", description: "Written by hand without a role" });
  });
});

describe("chapter quality bar", () => {
  const clean = distinctProse(300, "wave");
  const pass = { lengthOk: true, repeatedPhrases: [] };
  it("passes a chapter on target without repeats", () => {
    expect(chapterPassesQuality({ content: clean, qualityChecks: pass }, 300)).toBe(true);
    expect(chapterPassesQuality({ content: clean, qualityChecks: null }, 300)).toBe(true);
  });
  it("fails when the stored checks failed, or the text as it stands now fails", () => {
    expect(chapterPassesQuality({ content: clean, qualityChecks: { lengthOk: false, repeatedPhrases: [] } }, 300)).toBe(false);
    expect(chapterPassesQuality({ content: clean, qualityChecks: { lengthOk: true, repeatedPhrases: [{ phrase: "x", count: 3 }] } }, 300)).toBe(false);
    expect(chapterPassesQuality({ content: distinctProse(100, "wave"), qualityChecks: pass }, 300)).toBe(false);
    expect(chapterPassesQuality({ content: "the grey tide rose again. ".repeat(60), qualityChecks: pass }, 300)).toBe(false);
  });
});

describe("suggestion instructions from the editor's event labels", () => {
  it("are the texts the editor sends for each kind", () => {
    expect(suggestionInstruction("grammar")).toBe("Fix grammar, spelling and punctuation. Change nothing else.");
    expect(suggestionInstruction("tone:more formal")).toBe("Rewrite this in a more formal tone.");
    expect(suggestionInstruction("custom:Make her sound older")).toBe("Make her sound older");
    expect(suggestionInstruction("Tighten this paragraph.")).toBe("Tighten this paragraph.");
  });
});
