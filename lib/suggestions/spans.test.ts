import { describe, expect, it } from "vitest";
import { Schema } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { editedSpans, mapAccepted, mapFindings, type AcceptedSpan } from "./spans";

const schema = new Schema({
  nodes: { doc: { content: "paragraph+" }, paragraph: { content: "text*", toDOM: () => ["p", 0] }, text: {} },
});

function docOf(...paragraphs: string[]) {
  return EditorState.create({ doc: schema.node("doc", null, paragraphs.map((p) => schema.node("paragraph", null, p ? schema.text(p) : []))) });
}

// "i saw teh cat" in the first paragraph: "teh" is at positions 7..10 (1 is the paragraph's start).
const start = docOf("i saw teh cat", "it was was big");
const teh = { id: "a", from: 7, to: 10, original: "teh" };
const was = { id: "b", from: 16 + 7, to: 16 + 11, original: "was " }; // the second paragraph's text starts at 16

describe("mapping suggestion spans after edits", () => {
  it("keeps a finding on its words when text is typed before it", () => {
    const tr = start.tr.insertText("Then ", 1);
    const kept = mapFindings([teh], tr.mapping, (f, t) => tr.doc.textBetween(f, t));
    expect(kept).toEqual([{ ...teh, from: 12, to: 15 }]);
    expect(tr.doc.textBetween(12, 15)).toBe("teh");
  });

  it("moves findings in later paragraphs when a paragraph is added above them", () => {
    const tr = start.tr.insert(0, schema.node("paragraph", null, schema.text("New opening.")));
    const kept = mapFindings([teh, was], tr.mapping, (f, t) => tr.doc.textBetween(f, t));
    expect(kept.map((s) => tr.doc.textBetween(s.from, s.to))).toEqual(["teh", "was "]);
  });

  it("drops a finding whose words the writer changed, and keeps the others", () => {
    const tr = start.tr.insertText("the", 7, 10);
    const kept = mapFindings([teh, was], tr.mapping, (f, t) => tr.doc.textBetween(f, t));
    expect(kept.map((s) => s.id)).toEqual(["b"]);
  });

  it("drops a finding whose text was deleted", () => {
    const tr = start.tr.delete(1, 14);
    expect(mapFindings([teh], tr.mapping, (f, t) => tr.doc.textBetween(f, t))).toEqual([]);
  });

  it("does not swallow text typed right after a finding", () => {
    const tr = start.tr.insertText("x", 10);
    const kept = mapFindings([teh], tr.mapping, (f, t) => tr.doc.textBetween(f, t));
    expect(kept).toEqual([teh]);
  });

  it("follows several edits in sequence", () => {
    let state = start;
    let spans = [teh, was];
    for (const edit of [(s: EditorState) => s.tr.insertText("So ", 1), (s: EditorState) => s.tr.delete(1, 4), (s: EditorState) => s.tr.insertText("!!", s.doc.content.size - 1)]) {
      const tr = edit(state);
      spans = mapFindings(spans, tr.mapping, (f, t) => tr.doc.textBetween(f, t));
      state = state.apply(tr);
    }
    expect(spans.map((s) => state.doc.textBetween(s.from, s.to))).toEqual(["teh", "was "]);
  });
});

describe("accepted suggestions", () => {
  it("notices a later edit inside accepted text and reports what it became", () => {
    const accepted: AcceptedSpan[] = [{ from: 1, to: 14, suggestionId: "sg_x", text: "i saw teh cat" }];
    const tr = start.tr.insertText("black ", 11);
    const mapped = mapAccepted(accepted, tr.mapping);
    expect(editedSpans(mapped, (f, t) => tr.doc.textBetween(f, t))).toEqual([{ span: mapped[0], now: "i saw teh black cat" }]);
  });

  it("does not count typing next to accepted text as an edit of it", () => {
    const accepted: AcceptedSpan[] = [{ from: 1, to: 14, suggestionId: "sg_x", text: "i saw teh cat" }];
    const tr = start.tr.insertText(" today", 14);
    const mapped = mapAccepted(accepted, tr.mapping);
    expect(editedSpans(mapped, (f, t) => tr.doc.textBetween(f, t))).toEqual([]);
  });
});
