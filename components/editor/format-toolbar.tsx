"use client";
import type { Editor } from "@tiptap/core";
import { Button } from "@/components/ui/button";

/** Keeps the editor's selection: a toolbar click must not take focus away from the text. */
export const keepSelection = (e: React.MouseEvent) => e.preventDefault();

export function FormatToolbar({ editor }: { editor: Editor }) {
  const item = (label: string, run: () => void, title: string) => (
    <Button type="button" size="sm" variant="ghost" title={title} aria-label={title} onMouseDown={keepSelection} onClick={run}>
      {label}
    </Button>
  );
  return (
    <div role="toolbar" aria-label="Formatting" className="flex items-center gap-1 overflow-x-auto sm:flex-wrap sm:overflow-visible">
      {item("H1", () => editor.chain().focus().toggleHeading({ level: 1 }).run(), "Heading 1")}
      {item("H2", () => editor.chain().focus().toggleHeading({ level: 2 }).run(), "Heading 2")}
      {item("¶", () => editor.chain().focus().setParagraph().run(), "Paragraph")}
      {item("B", () => editor.chain().focus().toggleBold().run(), "Bold")}
      {item("I", () => editor.chain().focus().toggleItalic().run(), "Italic")}
      {item("* * *", () => editor.chain().focus().setHorizontalRule().run(), "Scene break")}
      {item("↶", () => editor.chain().focus().undo().run(), "Undo")}
      {item("↷", () => editor.chain().focus().redo().run(), "Redo")}
    </div>
  );
}
