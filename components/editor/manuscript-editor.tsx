"use client";
import "./editor.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { Button } from "@/components/ui/button";
import { ChapterList, type ChapterSummary } from "./chapter-list";
import { CheckPanel } from "./check-panel";
import { FormatToolbar } from "./format-toolbar";
import { countWords, docToMarkdown, markdownToDoc } from "./markdown";
import { Overlay, overlayOf } from "./overlay-extension";
import { SaveStatus } from "./save-status";
import { SuggestBar } from "./suggest-bar";
import { SuggestionPanel } from "./suggestion-panel";
import { useAutosave } from "./use-autosave";
import { useChapterCheck } from "./use-chapter-check";
import { useSuggestions } from "./use-suggestions";
import { Versions, type VersionSummary } from "./versions";

const COUNT_AFTER_MS = 300;

export type ManuscriptEditorProps = {
  bookId: string;
  chapter: { id: string; title: string; position: number; content: string; version: number };
  chapters: ChapterSummary[];
  versions: VersionSummary[];
  demoModel: boolean;
};

/**
 * The manuscript editor: one chapter's text (stored as Markdown-ish plain text, see markdown.ts),
 * the book's chapters beside it, autosave that never overwrites a concurrent change, and the
 * suggestion layer. Per keystroke it only marks the chapter dirty; counting words and serialising
 * wait for a pause, so a 15,000-word chapter types as fast as a short one.
 */
export function ManuscriptEditor(props: ManuscriptEditorProps) {
  const { bookId, chapter } = props;
  const ids = useMemo(() => ({ bookId, chapterId: chapter.id }), [bookId, chapter.id]);
  const initial = useMemo(() => markdownToDoc(chapter.content), [chapter.content]);
  const [words, setWords] = useState(() => countWords(chapter.content));
  const keys = useRef<{ escape: () => boolean; tab: () => boolean }>({ escape: () => false, tab: () => false });
  const countTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const afterEdit = useRef<() => void>(() => {});

  const editor = useEditor({
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [1, 2, 3] },
        blockquote: false,
        bulletList: false,
        orderedList: false,
        listItem: false,
        listKeymap: false,
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        link: false,
      }),
      Overlay.configure({ onEscape: () => keys.current.escape(), onTab: () => keys.current.tab() }),
    ],
    content: initial,
    editorProps: { attributes: { class: "quire-manuscript", "aria-label": "Chapter text", "data-testid": "manuscript", spellcheck: "true" } },
    onUpdate: () => afterEdit.current(),
  });

  const autosave = useAutosave({ ...ids, version: chapter.version, serialize: () => (editor ? docToMarkdown(editor.getJSON()) : chapter.content) });
  const suggestions = useSuggestions(editor, ids);
  const check = useChapterCheck(editor, ids, suggestions.record);

  afterEdit.current = () => {
    autosave.changed();
    suggestions.onDocChanged();
    if (check.findings.length) check.sync();
    clearTimeout(countTimer.current);
    countTimer.current = setTimeout(() => {
      if (editor) setWords(countWords(editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n", "\n")));
    }, COUNT_AFTER_MS);
  };
  keys.current = {
    escape: () => (suggestions.active ? suggestions.reject() : false),
    tab: () => (suggestions.active?.mode === "continue" && editor && overlayOf(editor.state).ghost ? suggestions.accept() : false),
  };
  useEffect(() => () => clearTimeout(countTimer.current), []);

  const otherWords = props.chapters.reduce((n, c) => (c.id === chapter.id ? n : n + c.wordCount), 0);
  const leave = useCallback(() => autosave.flush(), [autosave]);

  return (
    <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
      <aside className="max-h-48 overflow-y-auto lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start">
        <ChapterList bookId={bookId} chapters={props.chapters} currentId={chapter.id} currentWords={words} beforeLeave={leave} />
      </aside>
      <div className="grid min-w-0 gap-3">
        <header className="flex flex-wrap items-baseline gap-3">
          <h1 className="min-w-0 break-words font-serif text-2xl font-semibold sm:text-3xl">{chapter.position + 1}. {chapter.title}</h1>
          <span className="ml-auto flex flex-wrap gap-x-3 text-sm">
            <SaveStatus state={autosave.state} />
            <span data-testid="chapter-words">{words.toLocaleString("en")} words</span>
            <span data-testid="book-words" className="text-muted-foreground">{(otherWords + words).toLocaleString("en")} in the book</span>
            <Versions bookId={bookId} chapterId={chapter.id} versions={props.versions} beforeRestore={leave} />
          </span>
        </header>
        {autosave.state === "conflict" && (
          <div role="alert" data-error-code="conflict:chapter" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm">
            This chapter was saved somewhere else (another tab or device) after you opened it, so your latest changes were not saved over it. Your text is still here: copy what you need, then
            <Button size="sm" variant="outline" className="ml-2" onClick={() => location.reload()}>load the saved version</Button>
          </div>
        )}
        {autosave.state === "error" && autosave.error && (
          <div role="alert" data-error-code={autosave.error.code} className="text-sm text-destructive">{autosave.error.message} Your text is kept here; it will be saved with your next change.</div>
        )}
        {props.demoModel && <p className="text-xs text-muted-foreground">Suggestions come from Quire&apos;s offline demo model.</p>}
        {/* The tools stay at the top of the screen while the writer scrolls and selects further down. */}
        <div className="sticky top-0 z-20 -mx-4 grid gap-2 border-b border-border bg-background/95 px-4 py-2 backdrop-blur sm:-mx-0 sm:px-0" data-testid="editor-tools">
          {editor && (
            <>
              <FormatToolbar editor={editor} />
              <SuggestBar busy={suggestions.stream.status === "streaming"} checking={check.state.status === "checking"} onAsk={suggestions.ask} onContinue={suggestions.continueWriting} onCheck={() => void check.check()} />
            </>
          )}
          {suggestions.notice && <p role="status" data-testid="suggestion-notice" className="text-sm text-muted-foreground">{suggestions.notice}</p>}
          {suggestions.active && (
            <div className="max-h-[40vh] overflow-y-auto">
              <SuggestionPanel active={suggestions.active} stream={suggestions.stream} demo={props.demoModel} onAccept={suggestions.accept} onReject={suggestions.reject} onTryAgain={suggestions.tryAgain} />
            </div>
          )}
        </div>
        <CheckPanel status={check.state.status} cached={check.state.cached} error={check.state.error} findings={check.findings} onAccept={check.accept} onDismiss={check.dismiss} paragraphOf={check.paragraphOf} onReveal={check.reveal} />
        <div className="rounded-md border border-border bg-card px-3 py-3 sm:px-6 sm:py-4">
          <EditorContent editor={editor} />
        </div>
      </div>
    </div>
  );
}
