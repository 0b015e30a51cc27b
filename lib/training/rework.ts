/**
 * A suggestion the writer accepted and then reworked is not an example of a good suggestion. The
 * editor records a later change to accepted text as an `edit` event (`original` = the accepted text,
 * `suggestion` = what the writer made of it); a later accepted suggestion over the same text replaces
 * it too. Either counts as rework when it touches the accepted text (same chapter, same writer).
 */
export const SUGGESTION_ACTION = { offered: "offered", accept: "accept", reject: "reject", edit: "edit" } as const;

export type SuggestionEventLike = {
  id: string;
  userId: string;
  chapterId: string | null;
  action: string;
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
      (e.action === SUGGESTION_ACTION.edit || e.action === SUGGESTION_ACTION.accept) &&
      overlaps(e.original, accepted.suggestion),
  );
}
