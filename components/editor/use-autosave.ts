"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useServerAction } from "zsa-react";
import { saveChapterAction } from "@/actions/chapters";

export type SaveState = "saved" | "editing" | "saving" | "conflict" | "error";
const AUTOSAVE_MS = 1_000;

/**
 * Saves the chapter a moment after the writer pauses. Every save names the version it was based on;
 * a save refused because someone else saved first turns into a visible conflict, never an
 * overwrite, and no further saves are attempted until the writer reloads.
 */
export function useAutosave(input: { bookId: string; chapterId: string; version: number; serialize: () => string }) {
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const version = useRef(input.version);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const stateRef = useRef<SaveState>("saved");
  const serialize = useRef(input.serialize);
  serialize.current = input.serialize;
  const save = useServerAction(saveChapterAction);

  const set = useCallback((next: SaveState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (!dirty.current || stateRef.current === "conflict") return;
    dirty.current = false;
    set("saving");
    const run = (async () => {
      const [data, err] = await save.execute({ bookId: input.bookId, chapterId: input.chapterId, content: serialize.current(), expectedVersion: version.current });
      if (data) {
        version.current = data.version;
        set(dirty.current ? "editing" : "saved");
      } else {
        setError(err ? { code: err.code, message: err.message } : null);
        set(err?.code === "conflict:chapter" ? "conflict" : "error");
        if (err?.code !== "conflict:chapter") dirty.current = true; // try again on the next edit
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
    if (dirty.current && stateRef.current === "editing") timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  }, [input.bookId, input.chapterId, save, set]);

  /** Called on every edit: cheap (no serialising), the save itself waits for a pause. */
  const changed = useCallback(() => {
    dirty.current = true;
    if (stateRef.current === "conflict") return;
    if (stateRef.current !== "editing" && stateRef.current !== "saving") set("editing");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  }, [flush, set]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current || inFlight.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timer.current);
    };
  }, []);

  return { state, error, changed, flush, isDirty: () => dirty.current || inFlight.current !== null };
}
