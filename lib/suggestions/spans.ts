/**
 * Suggestion spans live in document positions; every edit moves them. ProseMirror's mapping (any
 * transaction's `tr.mapping`) tells where a position went. A span keeps its ends outside text typed
 * exactly at its edges, follows text inserted before it, and is dropped when the text it points at
 * is no longer the text it was made for (a finding whose words the writer already changed).
 */
export interface PositionMapping {
  map(pos: number, assoc?: number): number;
}

export type Span = { from: number; to: number };

export function mapSpan<T extends Span>(span: T, mapping: PositionMapping): T | null {
  const from = mapping.map(span.from, 1);
  const to = mapping.map(span.to, -1);
  if (to <= from) return null;
  return { ...span, from, to };
}

/** Findings still pointing at their original words after an edit; the rest are gone. */
export function mapFindings<T extends Span & { original: string }>(
  spans: readonly T[],
  mapping: PositionMapping,
  textAt: (from: number, to: number) => string,
): T[] {
  const kept: T[] = [];
  for (const span of spans) {
    const moved = mapSpan(span, mapping);
    if (moved && textAt(moved.from, moved.to) === span.original) kept.push(moved);
  }
  return kept;
}

/**
 * Text that came from an accepted suggestion: it follows edits, and grows with typing inside it,
 * so a later edit of it can be recorded with what the writer made of it.
 */
export type AcceptedSpan = Span & { suggestionId: string; text: string };

export function mapAccepted(spans: readonly AcceptedSpan[], mapping: PositionMapping): AcceptedSpan[] {
  return spans.flatMap((s) => mapSpan(s, mapping) ?? []);
}

/** Accepted spans whose text no longer matches what was accepted: edited by the writer. */
export function editedSpans(spans: readonly AcceptedSpan[], textAt: (from: number, to: number) => string): { span: AcceptedSpan; now: string }[] {
  return spans.flatMap((span) => {
    const now = textAt(span.from, span.to);
    return now === span.text ? [] : [{ span, now }];
  });
}

/** A finding's span in the document: paragraph `block` starts at `blockStarts[block]` (its first character). */
export function findingPositions(blockStarts: readonly number[], finding: { block: number; from: number; to: number }): Span | null {
  const start = blockStarts[finding.block];
  if (start === undefined) return null;
  return { from: start + finding.from, to: start + finding.to };
}
