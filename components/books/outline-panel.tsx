"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { generateOutlineAction, saveOutlineAction } from "@/actions/generation";
import { Button } from "@/components/ui/button";
import { Input, Label, Textarea } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";

export type PlannedChapter = { id?: string; title: string; synopsis: string; beats: string[]; hasText: boolean };
type ActionError = { code: string; message: string } | null;

/** Generate the outline, then edit it: titles, synopses, beats; add, remove and reorder chapters. */
export function OutlinePanel({ bookId, chapters, locked }: { bookId: string; chapters: PlannedChapter[]; locked: boolean }) {
  const router = useRouter();
  const generate = useServerAction(generateOutlineAction);
  const save = useServerAction(saveOutlineAction);
  const [draft, setDraft] = useState(chapters);
  const [dirty, setDirty] = useState(false);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);

  // After a save or a regeneration the server's plan is the truth again (unless the author is typing).
  useEffect(() => {
    if (!dirty) setDraft(chapters);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chapters]);

  const update = (i: number, patch: Partial<PlannedChapter>) => {
    setDraft((d) => d.map((c, j) => (j === i ? { ...c, ...patch } : c)));
    setDirty(true);
  };
  const move = (i: number, by: number) => {
    setDraft((d) => {
      const next = [...d];
      const [item] = next.splice(i, 1);
      next.splice(Math.max(0, Math.min(next.length, i + by)), 0, item!);
      return next;
    });
    setDirty(true);
  };

  async function onGenerate() {
    setConfirmRegenerate(false);
    const [data] = await generate.execute({ bookId });
    if (data) {
      setDirty(false);
      router.refresh();
    }
  }

  if (chapters.length === 0) {
    return (
      <div className="grid gap-3">
        <p className="text-sm text-muted-foreground">No outline yet. Quire plans the chapters, characters and setting from your premise.</p>
        <Button onClick={onGenerate} disabled={generate.isPending} className="justify-self-start">
          {generate.isPending ? "Planning the book…" : "Generate outline"}
        </Button>
        <ErrorBanner error={generate.error as ActionError} />
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <ol className="grid gap-3" aria-label="Outline">
        {draft.map((c, i) => (
          <li key={c.id ?? `new-${i}`} className="grid gap-2 rounded-lg border border-border p-3" data-testid="outline-chapter">
            <div className="flex items-center gap-1 sm:gap-2">
              <span className="w-6 shrink-0 text-sm text-muted-foreground">{i + 1}.</span>
              <Input aria-label={`Chapter ${i + 1} title`} className="min-w-0" value={c.title} maxLength={200} disabled={locked} onChange={(e) => update(i, { title: e.target.value })} />
              <Button variant="ghost" size="sm" aria-label={`Move chapter ${i + 1} up`} disabled={locked || i === 0} onClick={() => move(i, -1)}>↑</Button>
              <Button variant="ghost" size="sm" aria-label={`Move chapter ${i + 1} down`} disabled={locked || i === draft.length - 1} onClick={() => move(i, 1)}>↓</Button>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove chapter ${i + 1}`}
                disabled={locked || c.hasText || draft.length === 1}
                title={c.hasText ? "This chapter has text; it cannot be removed from the outline" : undefined}
                onClick={() => {
                  setDraft((d) => d.filter((_, j) => j !== i));
                  setDirty(true);
                }}
              >
                ✕
              </Button>
            </div>
            <div className="grid gap-1">
              <Label htmlFor={`synopsis-${i}`} className="text-xs text-muted-foreground">
                Synopsis
              </Label>
              <Textarea id={`synopsis-${i}`} aria-label={`Chapter ${i + 1} synopsis`} className="min-h-16" value={c.synopsis} maxLength={2000} disabled={locked} onChange={(e) => update(i, { synopsis: e.target.value })} />
            </div>
            <div className="grid gap-1">
              <Label htmlFor={`beats-${i}`} className="text-xs text-muted-foreground">
                Beats <span className="font-normal">(one per line)</span>
              </Label>
              <Textarea
                id={`beats-${i}`}
                aria-label={`Chapter ${i + 1} beats`}
                className="min-h-16 text-xs"
                value={c.beats.join("\n")}
                disabled={locked}
                onChange={(e) => update(i, { beats: e.target.value.split("\n") })}
              />
            </div>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          disabled={locked || draft.length >= 100}
          onClick={() => {
            setDraft((d) => [...d, { title: `Chapter ${d.length + 1}`, synopsis: "", beats: [], hasText: false }]);
            setDirty(true);
          }}
        >
          Add chapter
        </Button>
        <Button
          disabled={locked || !dirty || save.isPending}
          onClick={async () => {
            const [data] = await save.execute({
              bookId,
              chapters: draft.map((c) => ({ id: c.id, title: c.title, synopsis: c.synopsis, beats: c.beats.map((b) => b.trim()).filter(Boolean) })),
            });
            if (data) {
              setDirty(false);
              router.refresh();
            }
          }}
        >
          {save.isPending ? "Saving…" : "Save outline"}
        </Button>
        {confirmRegenerate ? (
          <span role="alertdialog" aria-label="Confirm regenerate" className="flex items-center gap-2 text-sm">
            Replace this outline with a new one?
            <Button size="sm" variant="destructive" onClick={onGenerate}>Replace it</Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmRegenerate(false)}>Keep it</Button>
          </span>
        ) : (
          <Button variant="ghost" disabled={locked || generate.isPending} onClick={() => setConfirmRegenerate(true)}>
            {generate.isPending ? "Planning…" : "Regenerate outline"}
          </Button>
        )}
        {save.isSuccess && !dirty && <span role="status" className="self-center text-sm text-muted-foreground">Outline saved.</span>}
      </div>
      <ErrorBanner error={(save.error ?? generate.error) as ActionError} />
    </div>
  );
}
