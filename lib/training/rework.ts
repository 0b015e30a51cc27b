/**
 * A suggestion the writer accepted and then reworked is not an example of a good suggestion. The
 * editor records a later change to accepted text as an `edit` event (`original` = the accepted text,
 * `suggestion` = what the writer made of it); a later accepted suggestion over the same text replaces
 * it too. Either counts as rework when it touches the accepted text (same chapter, same writer).
 */
export const SUGGESTION_ACTION = { offered: "offered", accept: "accept", reject: "reject", edit: "edit" } as const;

/**
 * Labels that are not a rewrite of a selection: "continue" (ghost text from the text before the
 * cursor, which events do not keep) and "check" (a structured chapter review). Their prompts cannot
 * be rebuilt, so they are not exported; and accepting one adds text rather than replacing the text it
 * names, so it reworks nothing.
 */
export const NOT_A_REWRITE = new Set(["continue", "check"]);

export type SuggestionEventLike = {
  id: string;
  userId: string;
  chapterId: string | null;
  action: string;
  /** The editor's label for the kind of suggestion (grammar, tone:warmer, custom:…, continue, check). */
  instruction: string;
  original: string;
  suggestion: string;
  createdAt: Date;
};

function overlaps(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

export function isReworked(accepted: SuggestionEventLike, events: SuggestionEventLike[]): boolean {
  return events.some(
    (e) =>
      e.id !== accepted.id &&
      e.userId === accepted.userId &&
      e.chapterId === accepted.chapterId &&
      e.createdAt.getTime() >= accepted.createdAt.getTime() &&
      (e.action === SUGGESTION_ACTION.edit || (e.action === SUGGESTION_ACTION.accept && !NOT_A_REWRITE.has(e.instruction))) &&
      overlaps(e.original, accepted.suggestion),
  );
}
