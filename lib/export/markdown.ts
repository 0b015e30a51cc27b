import { blocksOf, chapterHeading, type ExportSource } from "./manuscript";
import { textStream } from "./stream";

/**
 * Markdown: the title as `#`, each chapter as `##`, paragraphs as they are. Characters that would
 * turn prose into markup at the start of a line (`#`, `>`, `-`, a numbered list) are escaped.
 */
export function markdownStream(source: ExportSource): ReadableStream<Uint8Array> {
  return textStream(writeMarkdown(source), `markdown ${source.book.id}`);
}

function inline(text: string): string {
  return text.replace(/([\\`*_[\]<])/g, "\\$1");
}

export function escapeMarkdownLine(line: string): string {
  return inline(line)
    .replace(/^(\s*)([#>+\-=|])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2");
}

async function* writeMarkdown(source: ExportSource): AsyncGenerator<string> {
  const { book, chapters } = source;
  yield `# ${inline(book.title)}\n\n*by ${inline(book.author)}*\n\n`;
  for (const chapter of chapters) {
    const text = await source.chapterText(chapter.id);
    let out = `## ${chapterHeading(chapter)}: ${inline(chapter.title)}\n\n`;
    for (const block of blocksOf(text)) {
      // Two trailing spaces keep a line break inside a paragraph.
      out += block.kind === "break" ? "* * *\n\n" : `${block.lines.map(escapeMarkdownLine).join("  \n")}\n\n`;
    }
    yield out;
  }
}
