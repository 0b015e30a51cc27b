import { wordDiff } from "@/lib/suggestions/word-diff";

/**
 * The suggestion against the selection, word by word: struck-through words go, underlined words
 * come. While it still streams, the selection's words not yet answered are shown as waiting, not
 * as deleted.
 */
export function SuggestionDiff({ original, suggestion, streaming }: { original: string; suggestion: string; streaming: boolean }) {
  const ops = wordDiff(original, suggestion);
  const last = ops.length - 1;
  return (
    <p className="whitespace-pre-wrap font-serif text-base leading-relaxed" data-testid="suggestion-diff">
      {ops.map((op, i) => {
        if (op.type === "same") return <span key={i}>{op.text}</span>;
        if (op.type === "ins") return <ins key={i} data-diff="ins" className="bg-emerald-100 text-emerald-900 no-underline decoration-emerald-600">{op.text}</ins>;
        if (streaming && i === last) return <span key={i} data-diff="waiting" className="text-muted-foreground">{op.text}</span>;
        return <del key={i} data-diff="del" className="bg-rose-100 text-rose-900">{op.text}</del>;
      })}
    </p>
  );
}
