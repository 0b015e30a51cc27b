"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { acceptBibleProposalAction, dismissBibleProposalAction, proposeFromChapterAction } from "@/actions/bible-proposals";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { ErrorBanner, type ShownError } from "@/components/ui/error-banner";

export type BibleProposalItem = {
  id: string;
  kind: "new_entry" | "fact" | "contradiction";
  entryKind: string | null;
  name: string;
  body: string;
  evidence: string;
  bibleSays: string;
  chapterNumber: number;
};

const NEW_KIND: Record<string, string> = { character: "New character", place: "New place", fact: "New thing" };

function headline(p: BibleProposalItem): string {
  if (p.kind === "new_entry") return `${NEW_KIND[p.entryKind ?? "fact"] ?? "New entry"}: ${p.name}`;
  if (p.kind === "fact") return `New fact about ${p.name}`;
  return `Contradicts the bible on ${p.name}`;
}

/**
 * What the written chapters propose for the story bible. Nothing is added until the author accepts
 * (as proposed, or edited first); a dismissed proposal is gone for good.
 */
export function BibleProposals(props: { bookId: string; proposals: BibleProposalItem[]; writtenChapters: { id: string; number: number; title: string }[] }) {
  const router = useRouter();
  const accept = useServerAction(acceptBibleProposalAction);
  const dismiss = useServerAction(dismissBibleProposalAction);
  const propose = useServerAction(proposeFromChapterAction);
  const [editing, setEditing] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);

  const done = (err: unknown) => {
    if (err) return;
    setEditing(null);
    router.refresh();
  };

  return (
    <section className="grid gap-3" aria-label="Bible updates" data-testid="bible-proposals">
      <h3 className="text-sm font-medium">Proposed from the chapters</h3>
      {props.proposals.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing to review: written chapters propose updates here.</p>
      ) : (
        <ul className="grid gap-2">
          {props.proposals.map((p) => (
            <li key={p.id} className="grid gap-1 rounded-md border border-dashed border-border p-3 text-sm" data-testid="bible-proposal" data-kind={p.kind} data-proposal-id={p.id}>
              <strong>{headline(p)}</strong>
              {editing === p.id ? (
                <form
                  aria-label={`Edit: ${headline(p)}`}
                  className="grid gap-2"
                  onSubmit={async (event) => {
                    event.preventDefault();
                    const form = new FormData(event.currentTarget);
                    const name = p.kind === "new_entry" ? String(form.get("name") ?? "") : undefined;
                    const [, err] = await accept.execute({ bookId: props.bookId, proposalId: p.id, name, body: String(form.get("body") ?? "") });
                    done(err);
                  }}
                >
                  {p.kind === "new_entry" && <Input name="name" aria-label="Name" defaultValue={p.name} maxLength={80} required />}
                  <Textarea name="body" aria-label={p.kind === "new_entry" ? "Description" : "Fact"} defaultValue={p.body} maxLength={2000} className="min-h-16" required />
                  <div className="flex gap-2">
                    <Button type="submit" size="sm" disabled={accept.isPending}>Accept edited</Button>
                    <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(null)}>Cancel</Button>
                  </div>
                </form>
              ) : (
                <p className="whitespace-pre-wrap" data-testid="proposal-body">{p.kind === "contradiction" ? `Chapter ${p.chapterNumber} says: ${p.body}` : p.body}</p>
              )}
              {p.kind === "contradiction" && p.bibleSays && <p className="text-muted-foreground">The bible says: {p.bibleSays}</p>}
              <blockquote className="border-l-2 border-border pl-2 font-serif text-muted-foreground">
                Chapter {p.chapterNumber}: “{p.evidence}”
              </blockquote>
              {editing !== p.id && (
                <div className="flex gap-2">
                  <Button size="sm" disabled={accept.isPending} aria-label={`Accept: ${headline(p)}`} onClick={async () => done((await accept.execute({ bookId: props.bookId, proposalId: p.id }))[1])}>
                    Accept
                  </Button>
                  <Button size="sm" variant="outline" aria-label={`Edit: ${headline(p)}`} onClick={() => setEditing(p.id)}>
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" disabled={dismiss.isPending} aria-label={`Dismiss: ${headline(p)}`} onClick={async () => done((await dismiss.execute({ bookId: props.bookId, proposalId: p.id }))[1])}>
                    Dismiss
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.writtenChapters.length > 0 && (
        <form
          className="flex flex-wrap items-center gap-2 text-sm"
          aria-label="Check a chapter against the bible"
          onSubmit={async (event) => {
            event.preventDefault();
            const chapterId = String(new FormData(event.currentTarget).get("chapterId"));
            const [data, err] = await propose.execute({ bookId: props.bookId, chapterId });
            if (!err && data) {
              setChecked(`${data.proposals} proposed, ${data.conflicts} contradicting the bible.`);
              router.refresh();
            }
          }}
        >
          <span className="text-muted-foreground">Changed a chapter by hand?</span>
          <select name="chapterId" aria-label="Chapter to check" className="h-9 rounded-md border border-border bg-background px-2">
            {props.writtenChapters.map((c) => (
              <option key={c.id} value={c.id}>{c.number}. {c.title}</option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="outline" disabled={propose.isPending}>
            {propose.isPending ? "Checking…" : "Propose updates"}
          </Button>
          {checked && <span role="status">{checked}</span>}
        </form>
      )}
      <ErrorBanner error={(accept.error ?? dismiss.error ?? propose.error) as ShownError | null} />
    </section>
  );
}
