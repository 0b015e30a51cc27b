import type { JSONContent } from "@tiptap/core";

/**
 * Chapters are stored as plain, Markdown-ish text, so that the pipeline's prompts, summaries and
 * export read them without knowing the editor: paragraphs separated by blank lines, `#`/`##`/`###`
 * headings, `*italic*` and `**bold**`, a scene break as a line `* * *`, a line break inside a
 * paragraph as a single newline. A literal `*`, `\` or leading `#` is escaped with `\`. Text the
 * generator writes (plain paragraphs) is already in this form. Round trip is exact for anything
 * the editor can produce.
 */
export const SCENE_BREAK = "* * *";
const SCENE_BREAK_LINE = /^\s*(\*\s*\*\s*\*|-{3,}|_{3,})\s*$/;

type Mark = { type: "bold" | "italic" };

function escapeText(text: string): string {
  return text.replace(/[\\*]/g, (c) => `\\${c}`);
}

function inlineToMarkdown(nodes: JSONContent[] | undefined): string {
  let out = "";
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") {
      out += "\n";
      continue;
    }
    const text = escapeText(node.text ?? "");
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    const wrap = marks.has("bold") && marks.has("italic") ? "***" : marks.has("bold") ? "**" : marks.has("italic") ? "*" : "";
    out += wrap + text + wrap;
  }
  return out;
}

export function docToMarkdown(doc: JSONContent): string {
  const blocks: string[] = [];
  for (const node of doc.content ?? []) {
    if (node.type === "horizontalRule") blocks.push(SCENE_BREAK);
    else if (node.type === "heading") blocks.push(`${"#".repeat(Number(node.attrs?.level ?? 1))} ${inlineToMarkdown(node.content)}`);
    else {
      const text = inlineToMarkdown(node.content);
      // A paragraph that would read as a heading or a scene break is escaped.
      blocks.push(text.startsWith("#") ? `\\${text}` : text);
    }
  }
  // Trailing empty paragraphs are editing scaffolding, not content.
  while (blocks.length && blocks[blocks.length - 1] === "") blocks.pop();
  return blocks.join("\n\n");
}

/** `**`, `*` and `***` toggle bold/italic; a marker with no partner later in the block is literal text. */
function parseInline(text: string): JSONContent[] {
  const nodes: JSONContent[] = [];
  let bold = false;
  let italic = false;
  let buffer = "";
  const flush = () => {
    if (!buffer) return;
    const marks: Mark[] = [];
    if (bold) marks.push({ type: "bold" });
    if (italic) marks.push({ type: "italic" });
    const lines = buffer.split("\n");
    lines.forEach((line, i) => {
      if (i > 0) nodes.push({ type: "hardBreak" });
      if (line) nodes.push(marks.length ? { type: "text", text: line, marks } : { type: "text", text: line });
    });
    buffer = "";
  };
  const hasPartner = (from: number, marker: string) => {
    for (let i = from; i < text.length; i++) {
      if (text[i] === "\\") i++;
      else if (text.startsWith(marker, i)) return true;
    }
    return false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length && /[\\*#]/.test(text[i + 1]!)) {
      buffer += text[++i];
      continue;
    }
    if (c === "*") {
      const marker = text.startsWith("***", i) ? "***" : text.startsWith("**", i) ? "**" : "*";
      const closing = (marker === "***" && bold && italic) || (marker === "**" && bold) || (marker === "*" && italic);
      if (closing || hasPartner(i + marker.length, marker)) {
        flush();
        if (marker !== "*") bold = !bold;
        if (marker !== "**") italic = !italic;
        i += marker.length - 1;
        continue;
      }
    }
    buffer += c;
  }
  flush();
  return nodes;
}

export function markdownToDoc(markdown: string): JSONContent {
  const content: JSONContent[] = [];
  const blocks = markdown.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/);
  for (const raw of blocks) {
    const block = raw.replace(/^\n+|\n+$/g, "");
    if (!block.trim()) continue;
    if (SCENE_BREAK_LINE.test(block)) {
      content.push({ type: "horizontalRule" });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/s.exec(block);
    if (heading) {
      content.push({ type: "heading", attrs: { level: heading[1]!.length }, content: parseInline(heading[2]!) });
      continue;
    }
    const inline = parseInline(block);
    content.push(inline.length ? { type: "paragraph", content: inline } : { type: "paragraph" });
  }
  if (!content.length) content.push({ type: "paragraph" });
  return { type: "doc", content };
}

/** Words as a reader counts them: scene-break markers and emphasis markers are not words. */
export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][^\s]*/gu);
  return m ? m.length : 0;
}
