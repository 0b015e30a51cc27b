/**
 * Personal data never enters a training file. Examples carry no ids, emails or account names by
 * construction (only prompts and answers are written); this pass also removes any email address or
 * the author's full name that an author typed into the text itself (a dedication, a note to self).
 * A single first name is left alone: it is far more often a character than the author.
 */
export type Person = { name: string; email: string };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function scrubPersonalData(text: string, person: Person): string {
  let out = text.replace(EMAIL, "[email]");
  const fullName = person.name.trim().replace(/\s+/g, " ");
  if (fullName.split(" ").length >= 2) {
    const pattern = fullName.split(" ").map(escapeRegExp).join("\\s+");
    out = out.replace(new RegExp(`\\b${pattern}\\b`, "gi"), "[author]");
  }
  return out;
}
