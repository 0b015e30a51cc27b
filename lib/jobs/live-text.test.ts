import { describe, expect, it } from "vitest";
import { applyLiveEvent } from "./live-text";

describe("the text a late watcher is given", () => {
  it("starts at a chapter's (re)start, grows with its tokens and is dropped when it ends", () => {
    const texts = new Map<string, string>();
    applyLiveEvent(texts, { type: "chapter", chapterId: "ch1", status: "writing", wordCount: 0, text: "Saved before." });
    applyLiveEvent(texts, { type: "token", chapterId: "ch1", text: " Then" });
    applyLiveEvent(texts, { type: "token", chapterId: "ch1", text: " more." });
    expect(texts.get("ch1")).toBe("Saved before. Then more.");
    applyLiveEvent(texts, { type: "chapter", chapterId: "ch1", status: "written", wordCount: 4 });
    expect(texts.has("ch1")).toBe(false);
  });

  it("never offers text whose beginning it did not see", () => {
    const texts = new Map<string, string>();
    applyLiveEvent(texts, { type: "token", chapterId: "ch2", text: "middle of a chapter" });
    expect(texts.has("ch2")).toBe(false);
  });

  it("forgets everything when the job stops", () => {
    const texts = new Map<string, string>();
    applyLiveEvent(texts, { type: "chapter", chapterId: "ch1", status: "writing", wordCount: 0, text: "" });
    applyLiveEvent(texts, { type: "job", status: "running", progressDone: 0, progressTotal: 2 });
    expect(texts.size).toBe(1);
    applyLiveEvent(texts, { type: "job", status: "cancelled", progressDone: 0, progressTotal: 2 });
    expect(texts.size).toBe(0);
  });
});
