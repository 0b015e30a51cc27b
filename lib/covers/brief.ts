import type { ChatMessage } from "@/lib/llm";

/**
 * The art brief the LLM writes for the image model: one paragraph describing a picture, no text
 * in it (type is set by Quire, never painted by the model, which garbles letters).
 */
export const BRIEF_MAX_CHARS = 900;

export function coverBriefMessages(book: { title: string; premise: string; genre: string; tone: string; audience: string }): ChatMessage[] {
  return [
    { role: "system", content: "You are an art director who commissions book cover illustrations. You answer with the brief only." },
    {
      role: "user",
      content: [
        "Write an art brief for the illustration on this book's cover.",
        `Title: ${book.title}`,
        `Genre: ${book.genre}`,
        `Tone: ${book.tone}`,
        `Audience: ${book.audience}`,
        `Premise: ${book.premise.slice(0, 1_500)}`,
        "One paragraph of at most 80 words: the subject, the setting, the mood, the palette, the light and the style of the picture, in portrait format with calm space in the lower third for the title.",
        "Do not ask for any text, letters or typography in the picture.",
        "Target length: 70 words",
      ].join("\n"),
    },
  ];
}

/** The model's answer, trimmed to a brief an image model accepts (quotes and labels removed). */
export function cleanBrief(answer: string, fallback: string): string {
  const text = answer
    .replace(/^\s*(art brief|brief)\s*:\s*/i, "")
    .replace(/\s+/g, " ")
    .replace(/^["“]|["”]$/g, "")
    .trim();
  return (text || fallback).slice(0, BRIEF_MAX_CHARS);
}
