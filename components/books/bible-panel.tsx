"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { addBibleEntryAction, editBibleEntryAction, removeBibleEntryAction } from "@/actions/bible";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";

export type BibleEntryView = { id: string; kind: "character" | "place" | "fact" | "style_rule"; name: string; aliases: string[]; body: string };
type ActionError = { code: string; message: string } | null;
const KINDS = [
  ["character", "Character"],
  ["place", "Place"],
  ["fact", "Fact"],
  ["style_rule", "Style rule"],
] as const;

/** The story bible: what every chapter prompt must respect. */
export function BiblePanel({ bookId, entries }: { bookId: string; entries: BibleEntryView[] }) {
  const router = useRouter();
  const add = useServerAction(addBibleEntryAction);
  const edit = useServerAction(editBibleEntryAction);
  const remove = useServerAction(removeBibleEntryAction);
  const [editing, setEditing] = useState<string | null>(null);

  const parse = (form: FormData) => ({
    kind: String(form.get("kind")) as BibleEntryView["kind"],
    name: String(form.get("name") ?? ""),
    aliases: String(form.get("aliases") ?? "").split(",").map((a) => a.trim()).filter(Boolean),
    body: String(form.get("body") ?? ""),
  });

  return (
    <div className="grid gap-4">
      <ul className="grid gap-2" aria-label="Story bible">
        {entries.map((e) =>
          editing === e.id ? (
            <li key={e.id}>
              <EntryForm
                initial={e}
                pending={edit.isPending}
                submitLabel="Save entry"
                onCancel={() => setEditing(null)}
                onSubmit={async (form) => {
                  const [, err] = await edit.execute({ bookId, entryId: e.id, ...parse(form) });
                  if (!err) {
                    setEditing(null);
                    router.refresh();
                  }
                }}
              />
            </li>
          ) : (
            <li key={e.id} className="flex items-start gap-3 rounded-md border border-border p-3 text-sm" data-testid="bible-entry">
              <span className="w-20 shrink-0 text-xs uppercase text-muted-foreground">{KINDS.find(([k]) => k === e.kind)?.[1]}</span>
              <div className="grow">
                <strong>{e.name}</strong>
                {e.aliases.length > 0 && <span className="text-muted-foreground"> (also {e.aliases.join(", ")})</span>}
                <p className="whitespace-pre-wrap">{e.body}</p>
              </div>
              <Button variant="ghost" size="sm" onClick={() => setEditing(e.id)} aria-label={`Edit ${e.name}`}>Edit</Button>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Delete ${e.name}`}
                onClick={async () => {
                  const [, err] = await remove.execute({ bookId, entryId: e.id });
                  if (!err) router.refresh();
                }}
              >
                Delete
              </Button>
            </li>
          ),
        )}
      </ul>
      <details>
        <summary className="cursor-pointer text-sm font-medium">Add an entry</summary>
        <EntryForm
          pending={add.isPending}
          submitLabel="Add to bible"
          onSubmit={async (form, reset) => {
            const [, err] = await add.execute({ bookId, ...parse(form) });
            if (!err) {
              reset();
              router.refresh();
            }
          }}
        />
      </details>
      <ErrorBanner error={(add.error ?? edit.error ?? remove.error) as ActionError} />
    </div>
  );
}

function EntryForm(props: {
  initial?: BibleEntryView;
  pending: boolean;
  submitLabel: string;
  onSubmit: (form: FormData, reset: () => void) => Promise<void>;
  onCancel?: () => void;
}) {
  return (
    <form
      aria-label={props.submitLabel}
      className="mt-2 grid gap-2 rounded-md border border-border p-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const el = event.currentTarget;
        await props.onSubmit(new FormData(el), () => el.reset());
      }}
    >
      <div className="flex gap-2">
        <select name="kind" aria-label="Kind" defaultValue={props.initial?.kind ?? "character"} className="h-9 rounded-md border border-border bg-background px-2 text-sm">
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
        <Input name="name" aria-label="Name" placeholder="Name" defaultValue={props.initial?.name} maxLength={80} required />
        <Input name="aliases" aria-label="Aliases" placeholder="Aliases, comma-separated" defaultValue={props.initial?.aliases.join(", ")} maxLength={400} />
      </div>
      <Textarea name="body" aria-label="Description" placeholder="What every chapter must respect" defaultValue={props.initial?.body} maxLength={2000} className="min-h-16" />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={props.pending}>{props.submitLabel}</Button>
        {props.onCancel && <Button type="button" size="sm" variant="ghost" onClick={props.onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
